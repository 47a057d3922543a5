import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { KL_CODE, SATKER_CODE } from '#serapan/contracts';

export class WeeklyReportQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(KL_CODE, { message: 'klCode must be a 3-digit K/L code' }) klCode?: string;
  @ApiPropertyOptional({ example: '2026-11-27', description: 'A Friday; the latest closed week when omitted' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'weekEnding must be a date YYYY-MM-DD' })
  weekEnding?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format: 'json' | 'csv' = 'json';
}
