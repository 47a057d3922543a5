import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { PDN_TIERS } from '../catalog/product-events.js';
import { ACCOUNT_CODE, DATE, IsRupiah, KL_CODE, PURCHASE_ORDER_NUMBER, SATKER_CODE } from '../validators.js';

/**
 * A line's tier as order events carry it. `none` is the tier name of events
 * written before the five tiers (an order topic keeps a year of events); a
 * reader takes it as `import`.
 */
export const ORDER_LINE_TIERS = [...PDN_TIERS, 'none'] as const;

export class OrderLineSnapshot {
  @IsUUID() productId: string;
  @IsInt() @Min(1) quantity: number;
  @IsRupiah() unitPriceIdr: string;
  @IsRupiah() subtotalIdr: string;
  @IsIn(ORDER_LINE_TIERS) pdnTier: (typeof ORDER_LINE_TIERS)[number];
  @IsBoolean() vendorUmk: boolean;
}

/**
 * Every order event carries the order's spend facts, so consumers (the budget,
 * the catalog's stock) need no other source. `pdnIdr` and `umkIdr` are the parts
 * of `totalIdr` spent on domestic products (every tier but `import`) and on small businesses.
 */
export class OrderEventData {
  @IsUUID() orderId: string;
  @Matches(SATKER_CODE) satkerCode: string;
  @Matches(KL_CODE) klCode: string;
  @IsUUID() vendorId: string;
  @IsInt() @Min(2000) fiscalYear: number;
  @Matches(ACCOUNT_CODE) accountCode: string;
  @IsRupiah() totalIdr: string;
  @IsRupiah() pdnIdr: string;
  @IsRupiah() umkIdr: string;
  @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => OrderLineSnapshot) lines: OrderLineSnapshot[];
  /** True when the vendor had accepted, i.e. stock was taken for this order. */
  @IsBoolean() stockTaken: boolean;
  @IsOptional() @IsString() reason?: string;
  /** The purchase-order number (nomor surat pesanan), from the budget's confirmation on. */
  @IsOptional() @Matches(PURCHASE_ORDER_NUMBER) purchaseOrderNumber?: string;
  /** The BAST (handover report) number and date, from receipt on. */
  @IsOptional() @IsString() bastNumber?: string;
  @IsOptional() @Matches(DATE) receivedOn?: string;
  /**
   * The treasury's payment order (SP2D) number and date, on `order.paid`:
   * the budget dates the realisation by `paidOn`, not by when it processed the
   * event. Never before `receivedOn`.
   */
  @IsOptional() @IsString() sp2dNumber?: string;
  @IsOptional() @Matches(DATE) paidOn?: string;
  /** The officer's written reason for ordering below a better PDN tier listed in the same category (the preference cascade). */
  @IsOptional() @IsString() justification?: string;
}

export class OrderPlacedEvent extends OrderEventData {}
export class OrderRejectedEvent extends OrderEventData {}
export class OrderAcceptedEvent extends OrderEventData {}
export class OrderDeclinedEvent extends OrderEventData {}
export class OrderShippedEvent extends OrderEventData {}
export class OrderReceivedEvent extends OrderEventData {}
export class OrderPaidEvent extends OrderEventData {}
export class OrderCancelledEvent extends OrderEventData {}
export class OrderConfirmedEvent extends OrderEventData {}
