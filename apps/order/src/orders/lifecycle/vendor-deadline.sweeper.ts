import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { Clock, PeriodicTask } from '#serapan/service';
import { OrderConfig } from '../../order.config.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderTransitions } from './order-transitions.js';

const REASON = 'the vendor did not answer by the deadline';

/**
 * Cancels orders whose vendor let the deadline pass, up to 100 a run, in one
 * guarded UPDATE. Replicas share the work: each claims due orders with SKIP LOCKED.
 */
@Injectable()
export class VendorDeadlineSweeper extends PeriodicTask {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly clock: Clock,
    config: OrderConfig,
  ) {
    super();
    this.intervalMs = config.ORDER_DEADLINE_SWEEP_MS;
  }

  protected readonly intervalMs: number;

  protected runOnce(): Promise<number> {
    return this.sweep();
  }

  /** Cancels the overdue orders of this moment; returns how many. */
  async sweep(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const expired = await sql<OrderRow>(
        manager,
        `UPDATE orders o SET status = 'CANCELLED', reason = $2, updated_at = clock_timestamp()
          WHERE o.id IN (SELECT id FROM orders WHERE status = 'AWAITING_VENDOR' AND vendor_deadline_at <= $1
                          ORDER BY vendor_deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED)
            AND o.status = 'AWAITING_VENDOR'
        RETURNING ${orderColumns('o')}`,
        [this.clock.now(), REASON],
      );
      await this.transitions.record(
        manager,
        'system',
        expired.map((order) => ({ order, from: 'AWAITING_VENDOR', cause: REASON })),
        EventTypes.orderCancelled,
      );
      return expired.length;
    });
  }
}
