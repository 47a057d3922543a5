import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventType, OrderEventData } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { OutboxService } from '#serapan/messaging';
import { orderEventData } from '../order-events.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import type { OrderStatus } from './order-state.js';

/** An order moved (or only noted) by one cause. */
export interface Transition {
  order: OrderRow;
  from: OrderStatus;
  cause: string;
  /** Trace the move's event continues (the consumed event that caused it); by default the active span's. */
  traceparent?: string;
  /** What the event says besides the order's facts (a term, a payment, an offer, an addendum). */
  data?: Partial<OrderEventData>;
}

/** What a move sets besides the status; a column left undefined keeps its value. */
export interface OrderChange {
  reason?: string;
  stockTaken?: boolean;
  bastNumber?: string;
  receivedOn?: string;
  sp2dNumber?: string;
  paidOn?: string;
  vendorDeadlineAt?: Date;
  /** Added to the penalties already deducted. */
  penaltyIdr?: bigint;
  approvedBy?: string;
  approvedAt?: Date;
}

/**
 * Moves orders from one of `from` to `to` in a guarded UPDATE: only rows still
 * in such a state change, and the rows returned are the verdict. `reasons`,
 * `deadlines` and `purchaseOrderNumbers`, when given, are per order (same
 * order as `ids`).
 */
export async function moveOrders(
  manager: EntityManager,
  move: {
    ids: readonly string[];
    from: readonly OrderStatus[];
    to: OrderStatus;
    change?: OrderChange;
    reasons?: readonly string[];
    deadlines?: readonly (Date | null)[];
    purchaseOrderNumbers?: readonly (string | null)[];
  },
): Promise<OrderRow[]> {
  const c = move.change ?? {};
  return sql<OrderRow>(
    manager,
    `UPDATE orders o
        SET status = $2, reason = coalesce(d.reason, $5, o.reason), stock_taken = coalesce($6, o.stock_taken),
            bast_number = coalesce($7, o.bast_number), received_on = coalesce($8::date, o.received_on),
            sp2d_number = coalesce($9, o.sp2d_number), paid_on = coalesce($10::date, o.paid_on),
            vendor_deadline_at = coalesce(d.deadline, $11, o.vendor_deadline_at),
            purchase_order_number = coalesce(d.purchase_order_number, o.purchase_order_number),
            penalty_idr = o.penalty_idr + coalesce($14::bigint, 0), approved_by = coalesce($15, o.approved_by),
            approved_at = coalesce($16::timestamptz, o.approved_at), updated_at = clock_timestamp()
       FROM unnest($1::uuid[], $3::text[], $12::timestamptz[], $13::text[]) AS d (order_id, reason, deadline, purchase_order_number)
      WHERE o.id = d.order_id AND o.status = ANY($4::text[])
  RETURNING ${orderColumns('o')}`,
    [
      move.ids,
      move.to,
      move.reasons ?? move.ids.map(() => null),
      move.from,
      c.reason ?? null,
      c.stockTaken ?? null,
      c.bastNumber ?? null,
      c.receivedOn ?? null,
      c.sp2dNumber ?? null,
      c.paidOn ?? null,
      c.vendorDeadlineAt ?? null,
      move.deadlines ?? move.ids.map(() => null),
      move.purchaseOrderNumbers ?? move.ids.map(() => null),
      c.penaltyIdr?.toString() ?? null,
      c.approvedBy ?? null,
      c.approvedAt ?? null,
    ],
  );
}

/**
 * Writes the timeline entries of orders just moved (or noted without a move),
 * and the event each move publishes, in the caller's transaction.
 */
@Injectable()
export class OrderTransitions {
  constructor(private readonly outbox: OutboxService) {}

  async record(manager: EntityManager, actor: string, transitions: readonly Transition[], event?: EventType): Promise<void> {
    if (transitions.length === 0) return;
    await sql(
      manager,
      `INSERT INTO order_timeline (order_id, from_status, to_status, actor, cause)
       SELECT o, f, t, $1, c FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS x (o, f, t, c)`,
      [actor, transitions.map((t) => t.order.id), transitions.map((t) => t.from), transitions.map((t) => t.order.status), transitions.map((t) => t.cause)],
    );
    if (event)
      await this.outbox.add(
        manager,
        transitions.map((t) => ({ type: event, key: t.order.id, data: { ...orderEventData(t.order), ...t.data }, traceparent: t.traceparent })),
      );
  }
}
