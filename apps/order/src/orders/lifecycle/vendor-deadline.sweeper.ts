import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { Clock, PeriodicTask } from '#serapan/service';
import { OrderConfig } from '../../order.config.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderTransitions } from './order-transitions.js';

const REASON = 'the vendor did not answer by the deadline';
const LAPSED = 'the negotiation lapsed: no agreement by its deadline';

/**
 * Cancels orders whose vendor let the deadline pass, and negotiations that
 * reached their deadline without agreement, up to 100 of each a run, each in
 * one guarded UPDATE. Replicas share the work: each claims due orders with SKIP LOCKED.
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

  /** Cancels the overdue orders and lapsed negotiations of this moment; returns how many. */
  async sweep(): Promise<number> {
    return (await this.cancelDue('AWAITING_VENDOR', 'vendor_deadline_at', REASON)) + (await this.cancelDue('NEGOTIATING', 'negotiation_deadline_at', LAPSED));
  }

  private cancelDue(status: 'AWAITING_VENDOR' | 'NEGOTIATING', deadline: 'vendor_deadline_at' | 'negotiation_deadline_at', reason: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      const expired = await sql<OrderRow>(
        manager,
        `UPDATE orders o SET status = 'CANCELLED', reason = $2, updated_at = clock_timestamp()
          WHERE o.id IN (SELECT id FROM orders WHERE status = $3 AND ${deadline} <= $1
                          ORDER BY ${deadline} LIMIT 100 FOR UPDATE SKIP LOCKED)
            AND o.status = $3
        RETURNING ${orderColumns('o')}`,
        [this.clock.now(), reason, status],
      );
      await this.transitions.record(
        manager,
        'system',
        expired.map((order) => ({ order, from: status, cause: reason })),
        EventTypes.orderCancelled,
      );
      return expired.length;
    });
  }
}
