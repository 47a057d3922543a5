import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '#serapan/service';
import { BudgetConfig } from '../budget.config.js';
import { lastClosedFriday } from './week.js';
import { WeeklyReportService } from './weekly-report.service.js';

/** Publishes each Friday's report cards once the week is cut (replicas agree through a lock). */
@Injectable()
export class WeeklyReportScheduler extends PeriodicTask {
  protected readonly intervalMs: number;

  constructor(
    private readonly reports: WeeklyReportService,
    config: BudgetConfig,
  ) {
    super();
    this.intervalMs = config.BUDGET_REPORT_CHECK_INTERVAL_MS;
  }

  protected async runOnce(now = new Date()): Promise<void> {
    const weekEnding = lastClosedFriday(now);
    const published = await this.reports.publish(weekEnding);
    if (published > 0) this.logger.log(`published ${published} report cards for the week ending ${weekEnding}`);
  }
}
