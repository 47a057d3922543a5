import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { OrdersService } from './orders.service.js';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');
const REASON = 'the vendor did not answer by the deadline';

/**
 * Cancels orders whose vendor let the deadline pass. Replicas share the work:
 * each claims due orders with SKIP LOCKED.
 */
@Injectable()
export class VendorDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VendorDeadlineSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error) => this.logger.warn(`deadline sweep failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Cancels up to 100 overdue orders; returns how many. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string }[] = await manager.query(
        `SELECT id FROM orders WHERE status = 'AWAITING_VENDOR' AND vendor_deadline_at <= now()
          ORDER BY vendor_deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
      );
      for (const { id } of due) {
        await this.orders.transitionIn(manager, id, 'expire', { name: 'system' }, { set: { reason: REASON }, event: EventTypes.orderCancelled, cause: REASON });
      }
      return due.length;
    });
  }
}
