import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { WeeklyReportScheduler } from './weekly-report.scheduler.js';
import { WeeklyReportService } from './weekly-report.service.js';

/** Weekly report cards (rapor mingguan): read any week, published once each Friday's week is cut. */
@Module({
  controllers: [ReportsController],
  providers: [WeeklyReportService, WeeklyReportScheduler],
})
export class ReportsModule {}
