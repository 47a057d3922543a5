import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, Matches } from 'class-validator';
import { Type } from 'class-transformer';
import { SATKER_CODE } from '#serapan/contracts';
import { ORDER_STATUSES, OrderStatus } from '../order-state.js';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export class ReceiveOrderDto {
  @ApiProperty({ example: 'BAST-023/2026/0012' }) @IsString() @Length(3, 60) bastNumber: string;
  @ApiProperty({ example: '2026-11-27' }) @Matches(DATE, { message: 'receivedOn must be a date YYYY-MM-DD' }) @IsDateString() receivedOn: string;
}

export class PayOrderDto {
  @ApiProperty({ example: '260231301000123' }) @IsString() @Length(3, 60) sp2dNumber: string;
  @ApiProperty({ example: '2026-11-28' }) @Matches(DATE, { message: 'paidOn must be a date YYYY-MM-DD' }) @IsDateString() paidOn: string;
}

export class ReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class OrdersQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'vendorId must be a UUID' }) vendorId?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional({ maximum: 100000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
