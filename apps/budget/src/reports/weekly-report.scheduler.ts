import { Injectable } from '@nestjs/common';
import { Clock, lastClosedFriday, PeriodicTask } from '#serapan/service';
import { BudgetConfig } from '../budget.config.js';
import { WeeklyReportService } from './weekly-report.service.js';

/** Publishes each Friday's report cards once the week is cut (replicas agree through a lock). */
@Injectable()
export class WeeklyReportScheduler extends PeriodicTask {
  protected readonly intervalMs: number;

  constructor(
    private readonly reports: WeeklyReportService,
    private readonly clock: Clock,
    config: BudgetConfig,
  ) {
    super();
    this.intervalMs = config.BUDGET_REPORT_CHECK_INTERVAL_MS;
  }

  protected runOnce(): Promise<number> {
    return this.publishDue();
  }

  /** Publishes the latest week the clock has cut, unless it already is; returns how many cards that made. */
  async publishDue(): Promise<number> {
    const weekEnding = lastClosedFriday(this.clock.now());
    const published = await this.reports.publish(weekEnding);
    if (published > 0) this.logger.log(`published ${published} report cards for the week ending ${weekEnding}`);
    return published;
  }
}
