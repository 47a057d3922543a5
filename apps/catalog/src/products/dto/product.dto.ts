import { ApiProperty } from '@nestjs/swagger';
import { PDN_TIERS, PdnTier, PRODUCT_ORIGINS, PRODUCT_STATUSES, ProductOrigin, ProductStatus } from '#serapan/contracts';
import { CATALOG_TYPES, CatalogType, Product } from '../product.entity.js';

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() vendorName: string;
  @ApiProperty({ description: 'The vendor is a micro or small business' }) vendorUmk: boolean;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() categoryCode: string;
  @ApiProperty() unit: string;
  @ApiProperty({ description: 'Whole rupiah as a decimal string', example: '52000' }) priceIdr: string;
  @ApiProperty() stock: number;
  @ApiProperty() tkdnPercent: number;
  @ApiProperty() bmpPercent: number;
  @ApiProperty({ type: String, nullable: true }) tkdnCertificateNo: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) tkdnCertificateExpiresOn: string | null;
  @ApiProperty({ enum: PRODUCT_ORIGINS }) origin: ProductOrigin;
  @ApiProperty({ enum: CATALOG_TYPES }) catalogType: CatalogType;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) priceRegion: string | null;
  @ApiProperty({
    enum: PDN_TIERS,
    description:
      'As of today. top: TKDN ≥ 25 % and TKDN + BMP ≥ 40 %; pdn: TKDN ≥ 25 %; low: certified below 25 %; uncertified: domestic without a valid TKDN certificate; import: made abroad',
  })
  pdnTier: PdnTier;
  @ApiProperty({ enum: PRODUCT_STATUSES }) status: ProductStatus;
  @ApiProperty({ description: 'Grows with every change' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(product: Product): ProductDto {
    return { ...product, createdAt: product.createdAt.toISOString(), updatedAt: product.updatedAt.toISOString() };
  }
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items: ProductDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Matching products on all pages' }) total: number;
}
