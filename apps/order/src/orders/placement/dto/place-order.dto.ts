import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE, IsRupiah, SATKER_CODE } from '#serapan/contracts';
import { MAX_TERMS } from '../../terms/term-arithmetic.js';
import { JUSTIFICATION_LENGTH } from '../preference-cascade.js';

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'productId must be a product id (UUID)' }) productId: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiPropertyOptional({ example: '11900000', description: 'With negotiate: the unit price proposed, at most the listed one' })
  @IsOptional()
  @IsRupiah()
  unitPriceIdr?: string;
  @ApiPropertyOptional({ example: '50000', description: 'With negotiate: the shipping proposed for this line' }) @IsOptional() @IsRupiah() shippingIdr?: string;
}

/** One payment term (termin): its share of each line, and when it is due. */
export class TermDto {
  @ApiProperty({ example: [3, 0], description: 'Units of each order line this term delivers, in line order' })
  @IsArray()
  @ArrayNotEmpty()
  @IsInt({ each: true, message: 'quantities must be whole units' })
  @Min(0, { each: true })
  quantities: number[];
  @ApiPropertyOptional({ example: '2026-12-15', description: "The term's delivery date; by default the order's" })
  @IsOptional()
  @Matches(DATE, { message: 'deliveryDate must be a date YYYY-MM-DD' })
  @IsDateString()
  deliveryDate?: string;
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
  @ApiPropertyOptional({ description: 'Open the order as a negotiation with the vendor at the prices and shipping proposed per line' })
  @IsOptional()
  @IsBoolean({ message: 'negotiate must be true or false' })
  negotiate?: boolean;
  @ApiPropertyOptional({ type: [TermDto], description: `Payment terms (at most ${MAX_TERMS}); by default one term of everything` })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'terms, when given, must hold at least one term' })
  @ArrayMaxSize(MAX_TERMS, { message: `terms: at most ${MAX_TERMS} payment terms` })
  @ValidateNested({ each: true })
  @Type(() => TermDto)
  terms?: TermDto[];
  @ApiPropertyOptional({ example: '2026-12-15', description: 'The agreed delivery date; by default 14 days after placement' })
  @IsOptional()
  @Matches(DATE, { message: 'deliveryDate must be a date YYYY-MM-DD' })
  @IsDateString()
  deliveryDate?: string;
  @ApiPropertyOptional({ description: 'When given, must be the satker of your token' })
  @IsOptional()
  @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' })
  satkerCode?: string;
}
