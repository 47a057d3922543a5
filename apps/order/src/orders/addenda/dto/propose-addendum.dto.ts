import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DATE } from '#serapan/contracts';
import { MAX_TERMS } from '../../terms/term-arithmetic.js';

export class AddendumLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) lineNo: number;
  @ApiProperty({ example: 12, description: 'The new quantity; 0 removes the line (only if none of it has shipped)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quantity: number;
}

export class AddendumNewLineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'productId must be a product id (UUID)' }) productId: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
}

export class AddendumDeliveryDateDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(MAX_TERMS) termNo: number;
  @ApiProperty({ example: '2026-10-15', description: 'Not before today; only a term not yet received may move' })
  @Matches(DATE, { message: 'deliveryDate must be a date YYYY-MM-DD' })
  @IsDateString()
  deliveryDate: string;
}

export class ProposeAddendumDto {
  @ApiProperty({ minLength: 10, maxLength: 500, example: 'Two more laboratories opened; they need the same equipment' })
  @IsString({ message: 'reason must be text' })
  @Length(10, 500, { message: 'reason must be 10–500 characters' })
  reason: string;
  @ApiPropertyOptional({ type: [AddendumLineDto], description: 'New quantities of existing lines, landing on the last term not yet shipped' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AddendumLineDto)
  lines?: AddendumLineDto[];
  @ApiPropertyOptional({ type: [AddendumNewLineDto], description: "New lines of the order's vendor, at today's listed price" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AddendumNewLineDto)
  add?: AddendumNewLineDto[];
  @ApiPropertyOptional({ type: [AddendumDeliveryDateDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TERMS)
  @ValidateNested({ each: true })
  @Type(() => AddendumDeliveryDateDto)
  deliveryDates?: AddendumDeliveryDateDto[];
}
