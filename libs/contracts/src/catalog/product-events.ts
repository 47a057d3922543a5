import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { DATE, IsPositiveRupiah } from '../validators.js';

/**
 * Domestic-product (PDN) tiers, highest preference first (Perpres 46/2025
 * art. 66, docs/domain.md "PDN tiers"): `top` TKDN ≥ 25 % and TKDN + BMP ≥
 * 40 %; `pdn` TKDN ≥ 25 %; `low` certified TKDN below 25 %; `uncertified` made
 * in Indonesia without a valid TKDN certificate; `import` made abroad. All but
 * `import` are domestic products.
 */
export const PDN_TIERS = ['top', 'pdn', 'low', 'uncertified', 'import'] as const;
export type PdnTier = (typeof PDN_TIERS)[number];

/** The tiers counted as domestic spending (PDN): every one but `import`. */
export const isDomesticTier = (tier: PdnTier): boolean => tier !== 'import';

/** Where a product is made, as its vendor declares it. */
export const PRODUCT_ORIGINS = ['domestic', 'import'] as const;
export type ProductOrigin = (typeof PRODUCT_ORIGINS)[number];

export const PRODUCT_STATUSES = ['active', 'delisted'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What ordering needs to know of a product; every product event carries all of it. */
export class ProductSnapshot {
  @IsUUID() productId: string;
  @IsUUID() vendorId: string;
  @IsString() vendorName: string;
  @IsBoolean() vendorUmk: boolean;
  @IsString() sku: string;
  @IsString() name: string;
  @Matches(/^[0-9]{1,10}$/) categoryCode: string;
  @IsString() unit: string;
  @IsPositiveRupiah() priceIdr: string;
  @IsInt() @Min(0) stock: number;
  @IsIn(PRODUCT_ORIGINS) origin: ProductOrigin;
  /** The tier on the day the event was written; a reader demotes it to `uncertified` once the certificate has expired. */
  @IsIn(PDN_TIERS) pdnTier: PdnTier;
  /** Last day the TKDN certificate is valid (`YYYY-MM-DD`); absent without a certificate. */
  @IsOptional() @Matches(DATE) tkdnCertificateExpiresOn?: string;
  @IsIn(PRODUCT_STATUSES) status: ProductStatus;
  /** Increases with every change, so a consumer can ignore an older snapshot. */
  @IsInt() @Min(1) version: number;
}

export class ProductListedEvent extends ProductSnapshot {}
export class ProductUpdatedEvent extends ProductSnapshot {}
export class ProductDelistedEvent extends ProductSnapshot {}
