import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { KL_CODE, SATKER_CODE } from '#serapan/contracts';
import type { HttpReply } from '#serapan/service';
import { lastClosedFriday } from './week.js';
import { toCsv, WeeklyReportService } from './weekly-report.service.js';

class WeeklyReportQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(KL_CODE, { message: 'klCode must be a 3-digit K/L code' }) klCode?: string;
  @ApiPropertyOptional({ example: '2026-11-27', description: 'A Friday; the latest closed week when omitted' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'weekEnding must be a date YYYY-MM-DD' })
  weekEnding?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format: 'json' | 'csv' = 'json';
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/budget/reports')
export class ReportsController {
  constructor(private readonly reports: WeeklyReportService) {}

  @Get('weekly')
  @Roles('finance', 'auditor')
  @Header('Cache-Control', 'no-store')
  async weekly(@CurrentPrincipal() principal: Principal, @Query() query: WeeklyReportQueryDto, @Res({ passthrough: true }) res: HttpReply) {
    const weekEnding = query.weekEnding ?? lastClosedFriday(new Date());
    const cards = await this.reports.cards(principal, weekEnding, query);
    if (query.format === 'csv') {
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="rapor-mingguan-${weekEnding}.csv"`);
      return toCsv(cards);
    }
    return { weekEnding, cards };
  }
}
