import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsPositiveRupiah, PRODUCT_ORIGINS, ProductOrigin } from '#serapan/contracts';
import { CATALOG_TYPES, CatalogType, ProductDetails } from '../product.entity.js';

export class CreateProductDto implements ProductDetails {
  @ApiProperty({ description: 'The vendor’s own stock-keeping unit, unique per vendor', example: 'KRT-A4-80' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'sku must be 1–64 letters, digits, ".", "_", "/" or "-"' })
  sku: string;

  @ApiProperty({ example: 'Kertas A4 80 gsm', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'KBKI category code', example: '32129' })
  @Matches(/^[0-9]{1,10}$/, { message: 'categoryCode must be a KBKI code of 1–10 digits' })
  categoryCode: string;

  @ApiProperty({ example: 'rim', maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  unit: string;

  @ApiProperty({ description: 'Whole rupiah as a decimal string', example: '52000' })
  @IsPositiveRupiah()
  priceIdr: string;

  @ApiProperty({ minimum: 0, example: 100 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  stock: number;

  @ApiProperty({
    enum: PRODUCT_ORIGINS,
    description: 'Where the product is made: domestic (in Indonesia, PDN at every TKDN level) or import (the last PDN tier whatever its TKDN)',
  })
  @IsIn(PRODUCT_ORIGINS, { message: 'origin must be "domestic" (made in Indonesia) or "import" (made abroad)' })
  origin: ProductOrigin;

  @ApiProperty({ description: 'Domestic component level, 0–100 %, up to two decimals', example: 43.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  tkdnPercent: number;

  @ApiProperty({ description: 'Company benefit weight, 0–15 %, up to two decimals', example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(15)
  bmpPercent: number;

  @ApiPropertyOptional({ example: '0042/SJ-IND.8/TKDN/2025', nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  tkdnCertificateNo?: string | null;

  @ApiPropertyOptional({ description: 'Last day the TKDN certificate is valid', format: 'date', example: '2027-12-31', nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: 'tkdnCertificateExpiresOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  tkdnCertificateExpiresOn?: string | null;

  @ApiProperty({ enum: CATALOG_TYPES })
  @IsIn(CATALOG_TYPES)
  catalogType: CatalogType;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Region the price applies to', example: 'DKI Jakarta', maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  priceRegion?: string | null;
}
