import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Min } from 'class-validator';
import { IsPositiveRupiah } from '../validators.js';

export const PDN_TIERS = ['top', 'pdn', 'low', 'none'] as const;
export type PdnTier = (typeof PDN_TIERS)[number];

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
  @IsIn(PDN_TIERS) pdnTier: PdnTier;
  @IsIn(PRODUCT_STATUSES) status: ProductStatus;
  /** Increases with every change, so a consumer can ignore an older snapshot. */
  @IsInt() @Min(1) version: number;
}

export class ProductListedEvent extends ProductSnapshot {}
export class ProductUpdatedEvent extends ProductSnapshot {}
export class ProductDelistedEvent extends ProductSnapshot {}
