import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A job that runs every `intervalMs` while the application is up, never two
 * runs at once; a failed run is logged and tried again at the next tick.
 * Shutdown waits for a run in progress.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  protected abstract readonly intervalMs: number;
  /** Also run once as soon as the application has started. */
  protected readonly runAtStart: boolean = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  /** One run of the job. */
  protected abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    // a service with a Kafka transport bootstraps its modules twice (runService): start once
    if (this.timer) return;
    if (this.runAtStart) this.trigger();
    this.timer = setInterval(() => this.trigger(), this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private trigger(): void {
    this.running ??= this.runOnce()
      .catch((error: Error) => this.logger.warn(`run failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
