import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { PeriodicTask } from '#serapan/service';
import { OrdersService } from './orders.service.js';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');
const REASON = 'the vendor did not answer by the deadline';

/**
 * Cancels orders whose vendor let the deadline pass. Replicas share the work:
 * each claims due orders with SKIP LOCKED.
 */
@Injectable()
export class VendorDeadlineSweeper extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    @Inject(SWEEP_INTERVAL_MS) protected readonly intervalMs: number,
  ) {
    super();
  }

  protected runOnce(): Promise<number> {
    return this.sweep();
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
