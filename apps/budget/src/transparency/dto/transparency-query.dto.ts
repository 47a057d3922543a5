import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { KL_CODE, SATKER_CODE } from '#serapan/contracts';

const FISCAL_YEAR = { description: 'The current year in Jakarta when omitted', example: 2026 };

export class FiscalYearQueryDto {
  @ApiPropertyOptional(FISCAL_YEAR)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fiscalYear must be a year like 2026' })
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

export class ReportCardsQueryDto extends FiscalYearQueryDto {
  @ApiPropertyOptional({ example: '2026-11-27', description: 'A Friday; the latest published week of the year when omitted' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'weekEnding must be a date YYYY-MM-DD' })
  weekEnding?: string;
}

export class ReportCardHistoryQueryDto extends FiscalYearQueryDto {
  @ApiProperty({ example: '415423' }) @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode: string;
}

export class WeeklySeriesQueryDto extends FiscalYearQueryDto {
  @ApiPropertyOptional({ example: '024', description: 'One K/L; every K/L when omitted' })
  @IsOptional()
  @Matches(KL_CODE, { message: 'klCode must be a 3-digit K/L code' })
  klCode?: string;
  @ApiPropertyOptional({ example: '415423', description: 'One satker; wins over klCode' })
  @IsOptional()
  @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' })
  satkerCode?: string;
}
