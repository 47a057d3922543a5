import { Matches, ValidationOptions } from 'class-validator';

/** Whole rupiah as a decimal string: "0", "125000000". Never a float. */
export const RUPIAH_PATTERN = /^(0|[1-9][0-9]{0,17})$/;

export function IsRupiah(options?: ValidationOptions): PropertyDecorator {
  return Matches(RUPIAH_PATTERN, { message: '$property must be whole rupiah as a decimal string, e.g. "125000000"', ...options });
}

/** A positive whole rupiah amount as a decimal string: "1500000". */
export const POSITIVE_RUPIAH_PATTERN = /^[1-9][0-9]{0,17}$/;

export function IsPositiveRupiah(options?: ValidationOptions): PropertyDecorator {
  return Matches(POSITIVE_RUPIAH_PATTERN, { message: '$property must be a positive whole rupiah amount as a decimal string, e.g. "1500000"', ...options });
}

/** A change in whole rupiah as a decimal string, negative when it takes away: "-250000", "0", "1500000". */
export const SIGNED_RUPIAH_PATTERN = /^(0|-?[1-9][0-9]{0,17})$/;

export function IsSignedRupiah(options?: ValidationOptions): PropertyDecorator {
  return Matches(SIGNED_RUPIAH_PATTERN, { message: '$property must be a whole rupiah change as a decimal string, e.g. "-250000"', ...options });
}

export const SATKER_CODE = /^[0-9]{6}$/;
export const KL_CODE = /^[0-9]{3}$/;
export const ACCOUNT_CODE = /^5[23][0-9]{4}$/;
/** A calendar date, YYYY-MM-DD. */
export const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** A purchase-order number (nomor surat pesanan): SP-<satker>-<fiscal year>-<6-digit sequence>, e.g. SP-415423-2026-000042. */
export const PURCHASE_ORDER_NUMBER = /^SP-[0-9]{6}-[0-9]{4}-[0-9]{6,}$/;
