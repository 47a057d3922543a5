import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsRupiah, SATKER_CODE } from '#serapan/contracts';
import { JUSTIFICATION_LENGTH } from '../preference-cascade.js';

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'productId must be a product id (UUID)' }) productId: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
}

export class PlaceOrderDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '521211', description: 'A goods (52…) or capital (53…) account' })
  @Matches(/^5[23][0-9]{4}$/, { message: 'accountCode must be a 6-digit goods (52…) or capital (53…) account' })
  accountCode: string;
  @ApiProperty({ type: [OrderLineDto] })
  @IsArray()
  @ArrayNotEmpty({ message: 'lines must hold at least one product' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines: OrderLineDto[];
  @ApiPropertyOptional({ example: '38291234' }) @IsOptional() @IsString() @Length(1, 40) rupCode?: string;
  @ApiPropertyOptional({ example: '150000' }) @IsOptional() @IsRupiah() shippingFeeIdr?: string;
  @ApiPropertyOptional({
    minLength: JUSTIFICATION_LENGTH.min,
    maxLength: JUSTIFICATION_LENGTH.max,
    description:
      'Why a product of a lower PDN tier is ordered while a better tier of its category is listed (the preference cascade, Perpres 46/2025 art. 66); required then, else refused with 409 naming the better products',
  })
  @IsOptional()
  @IsString({ message: 'justification must be text' })
  @Length(JUSTIFICATION_LENGTH.min, JUSTIFICATION_LENGTH.max, {
    message: `justification must be ${JUSTIFICATION_LENGTH.min}–${JUSTIFICATION_LENGTH.max} characters`,
  })
  justification?: string;
  @ApiPropertyOptional({ description: 'When given, must be the satker of your token' })
  @IsOptional()
  @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' })
  satkerCode?: string;
}
