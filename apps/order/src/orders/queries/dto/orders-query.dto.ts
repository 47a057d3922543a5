import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SATKER_CODE } from '#serapan/contracts';
import { MAX_PAGE, MAX_PAGE_MESSAGE } from '#serapan/service';
import { ORDER_STATUSES, OrderStatus } from '../../lifecycle/order-state.js';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export class OrdersQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'vendorId must be a UUID' }) vendorId?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional({ maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE, { message: MAX_PAGE_MESSAGE }) page: number = 1;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
