import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class VendorSalesQueryDto {
  @ApiPropertyOptional({ description: 'The current year in Jakarta when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fiscalYear must be a year' })
  @Min(2000, { message: 'fiscalYear must be 2000 or later' })
  @Max(2100, { message: 'fiscalYear must be 2100 or earlier' })
  fiscalYear?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The vendor, for an auditor (required); a vendor may name only itself' })
  @IsOptional()
  @IsUUID('all', { message: 'vendorId must be a UUID' })
  vendorId?: string;
}

/** One week (Saturday to Friday, Jakarta days) of a vendor's sales. */
export class WeeklySalesDto {
  @ApiProperty({ example: '2026-01-09', description: 'The Friday that ends the week' }) weekEnding: string;
  @ApiProperty({ example: 2, description: 'Orders the vendor accepted that week (those cancelled since are not counted)' }) orders: number;
  @ApiProperty({ example: '15000000', description: 'Whole rupiah: the value of those orders, after addenda' }) contractedIdr: string;
  @ApiProperty({ example: '5000000', description: 'Whole rupiah paid to the vendor that week by SP2D date (terms’ values less late penalties)' })
  paidIdr: string;
}

export class VendorSalesDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty({ type: [WeeklySalesDto], description: 'Every week of the year up to the current one, weeks without sales included' })
  weeks: WeeklySalesDto[];
}
