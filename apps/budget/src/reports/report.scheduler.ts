import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '#serapan/service';
import { lastClosedFriday } from './week.js';
import { WeeklyReportService } from './weekly-report.service.js';

export const REPORT_CHECK_INTERVAL_MS = Symbol('REPORT_CHECK_INTERVAL_MS');

/** Publishes each Friday's report cards once the week is cut (replicas agree through a lock). */
@Injectable()
export class ReportScheduler extends PeriodicTask {
  constructor(
    private readonly reports: WeeklyReportService,
    @Inject(REPORT_CHECK_INTERVAL_MS) protected readonly intervalMs: number,
  ) {
    super();
  }

  protected async runOnce(now = new Date()): Promise<void> {
    const weekEnding = lastClosedFriday(now);
    const published = await this.reports.publish(weekEnding);
    if (published > 0) this.logger.log(`published ${published} report cards for the week ending ${weekEnding}`);
  }
}
