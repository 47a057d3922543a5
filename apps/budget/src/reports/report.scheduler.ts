import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { lastClosedFriday } from './week.js';
import { WeeklyReportService } from './weekly-report.service.js';

export const REPORT_CHECK_INTERVAL_MS = Symbol('REPORT_CHECK_INTERVAL_MS');

/** Publishes each Friday's report cards once the week is cut (replicas agree through a lock). */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reports: WeeklyReportService,
    @Inject(REPORT_CHECK_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(now = new Date()): Promise<void> {
    const weekEnding = lastClosedFriday(now);
    try {
      const published = await this.reports.publish(weekEnding);
      if (published > 0) this.logger.log(`published ${published} report cards for the week ending ${weekEnding}`);
    } catch (error) {
      this.logger.warn(`could not publish the week ending ${weekEnding}: ${(error as Error).message}`);
    }
  }
}
