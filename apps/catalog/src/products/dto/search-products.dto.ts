import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsRupiah, PRODUCT_STATUSES, ProductStatus } from '#serapan/contracts';
import { MAX_PAGE, MAX_PAGE_MESSAGE } from '#serapan/service';

export const PRODUCT_SORTS = ['price_asc', 'price_desc', 'name', 'newest', 'tkdn_desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const booleanFlag = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SearchProductsDto {
  @ApiPropertyOptional({ description: 'Words that must all appear in the name, description or SKU' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'KBKI category code' })
  @IsOptional()
  @Matches(/^[0-9]{1,10}$/, { message: 'category must be a KBKI code of 1–10 digits' })
  category?: string;

  @ApiPropertyOptional({ description: 'true: domestic products (PDN, every tier but import); false: imports' })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean({ message: 'domestic must be true or false' })
  domestic?: boolean;

  @ApiPropertyOptional({ description: 'true: products of UMK vendors; false: the others' })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean({ message: 'umk must be true or false' })
  umk?: boolean;

  @ApiPropertyOptional({ description: 'Whole rupiah', example: '10000' })
  @IsOptional()
  @IsRupiah()
  minPrice?: string;

  @ApiPropertyOptional({ description: 'Whole rupiah', example: '5000000' })
  @IsOptional()
  @IsRupiah()
  maxPrice?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: MAX_PAGE_MESSAGE })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Larger values are capped at 100' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  pageSize?: number;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;
}
