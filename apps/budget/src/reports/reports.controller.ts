import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import type { HttpReply } from '#serapan/service';
import { WeeklyReportQueryDto } from './dto/weekly-report-query.dto.js';
import { WeeklyReportDto } from './dto/weekly-report.dto.js';
import { toCsv, WeeklyReportService } from './weekly-report.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(WeeklyReportDto)
@Controller('api/budget/reports')
export class ReportsController {
  constructor(private readonly reports: WeeklyReportService) {}

  @Get('weekly')
  @Roles('finance', 'auditor')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: 'The week’s report cards; with format=csv, the same cards as a CSV attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(WeeklyReportDto) } },
      'text/csv': { schema: { type: 'string', example: 'weekEnding,fiscalYear,klCode,satkerCode,…\r\n' } },
    },
  })
  async weekly(
    @CurrentPrincipal() principal: Principal,
    @Query() query: WeeklyReportQueryDto,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<WeeklyReportDto | string> {
    const report = await this.reports.weekly(principal, query);
    if (query.format === 'csv') {
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="rapor-mingguan-${report.weekEnding}.csv"`);
      return toCsv(report.cards);
    }
    return report;
  }
}
