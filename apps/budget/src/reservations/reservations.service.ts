import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import { ConsumedEvent, InboxService, OutboxService, PermanentEventError } from '#serapan/messaging';
import { absorptionChanged } from '../absorption/absorption-events.js';
import { BudgetLine, budgetLineFromRow, remainingOf } from '../lines/budget-line.entity.js';

export const BUDGET_CONSUMER_GROUP = 'serapan-budget';

const LINE = 'fiscal_year = $1 AND satker_code = $2 AND account_code = $3';

interface ReservationRow {
  order_id: string;
  fiscal_year: number;
  satker_code: string;
  account_code: string;
  amount_idr: string;
  pdn_idr: string;
  umk_idr: string;
}

/**
 * The budget side of the purchase saga. Each method applies one order event
 * once (inbox), changes the line with a guarded UPDATE (never read-then-write),
 * appends to the ledger and answers through the outbox, all in one transaction.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
  ) {}

  /** Reserves the order total if committed + realised + total ≤ pagu; otherwise rejects it whole. */
  reserve(event: ConsumedEvent<OrderEventData>) {
    return this.inbox.once(BUDGET_CONSUMER_GROUP, event, async (manager) => {
      const order = event.data;
      const known = await manager.query(`SELECT 1 FROM reservations WHERE order_id = $1`, [order.orderId]);
      if (known.length > 0) return; // the same order placed again under another event id
      const key = [order.fiscalYear, order.satkerCode, order.accountCode];
      const [rows] = await manager.query(
        `UPDATE budget_lines
            SET committed_idr = committed_idr + $4, committed_pdn_idr = committed_pdn_idr + $5,
                committed_umk_idr = committed_umk_idr + $6, updated_at = now()
          WHERE ${LINE} AND committed_idr + realised_idr + $4 <= pagu_idr
          RETURNING *`,
        [...key, order.totalIdr, order.pdnIdr, order.umkIdr],
      );
      const reserved = rows.length === 1;
      await this.record(manager, order, reserved ? 'committed' : 'rejected', event.time);
      if (reserved) {
        const line = budgetLineFromRow(rows[0]);
        await this.appendLedger(manager, event.id, 'reserve', order);
        await this.outbox.add(manager, [this.answer(EventTypes.budgetReserved, order, order.totalIdr, line), absorptionChanged(line)]);
        return;
      }
      const [current] = await manager.query(`SELECT * FROM budget_lines WHERE ${LINE}`, key);
      const line = current ? budgetLineFromRow(current) : undefined;
      const reason = !line
        ? `no budget line ${key.join('/')} has been allocated`
        : `order total ${order.totalIdr} exceeds the remaining pagu ${remainingOf(line)} of line ${key.join('/')}`;
      await this.outbox.add(manager, [this.answer(EventTypes.budgetReservationRejected, order, order.totalIdr, line, reason)]);
    });
  }

  /** Gives a cancelled or declined order's full commitment back to its line. */
  release(event: ConsumedEvent<OrderEventData>) {
    return this.inbox.once(BUDGET_CONSUMER_GROUP, event, async (manager) => {
      const reservation = await this.settle(manager, event.data.orderId, 'released');
      if (!reservation) return; // never reserved (rejected) or already released
      const [rows] = await manager.query(
        `UPDATE budget_lines
            SET committed_idr = committed_idr - $4, committed_pdn_idr = committed_pdn_idr - $5,
                committed_umk_idr = committed_umk_idr - $6, updated_at = now()
          WHERE ${LINE} RETURNING *`,
        [reservation.fiscal_year, reservation.satker_code, reservation.account_code, reservation.amount_idr, reservation.pdn_idr, reservation.umk_idr],
      );
      const line = budgetLineFromRow(rows[0]);
      await this.appendLedger(manager, event.id, 'release', event.data, reservation);
      await this.outbox.add(manager, [this.answer(EventTypes.budgetReleased, event.data, reservation.amount_idr, line), absorptionChanged(line)]);
    });
  }

  /** Moves exactly the reserved total from committed to realised when the order is paid. */
  realise(event: ConsumedEvent<OrderEventData>) {
    return this.inbox.once(BUDGET_CONSUMER_GROUP, event, async (manager) => {
      const reservation = await this.settle(manager, event.data.orderId, 'realised');
      if (!reservation) {
        const [row] = await manager.query(`SELECT status FROM reservations WHERE order_id = $1`, [event.data.orderId]);
        if (row?.status === 'realised') return;
        throw new PermanentEventError(`order ${event.data.orderId} was paid but holds no committed reservation (${row?.status ?? 'none'})`);
      }
      const [rows] = await manager.query(
        `UPDATE budget_lines
            SET committed_idr = committed_idr - $4, realised_idr = realised_idr + $4,
                committed_pdn_idr = committed_pdn_idr - $5, realised_pdn_idr = realised_pdn_idr + $5,
                committed_umk_idr = committed_umk_idr - $6, realised_umk_idr = realised_umk_idr + $6, updated_at = now()
          WHERE ${LINE} RETURNING *`,
        [reservation.fiscal_year, reservation.satker_code, reservation.account_code, reservation.amount_idr, reservation.pdn_idr, reservation.umk_idr],
      );
      const line = budgetLineFromRow(rows[0]);
      await this.appendLedger(manager, event.id, 'realise', event.data, reservation);
      await this.outbox.add(manager, [this.answer(EventTypes.budgetRealised, event.data, reservation.amount_idr, line), absorptionChanged(line)]);
    });
  }

  private async record(manager: EntityManager, order: OrderEventData, status: 'committed' | 'rejected', placedAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [order.orderId, order.fiscalYear, order.satkerCode, order.klCode, order.accountCode, order.totalIdr, order.pdnIdr, order.umkIdr, status, placedAt],
    );
  }

  private async settle(manager: EntityManager, orderId: string, status: 'released' | 'realised'): Promise<ReservationRow | undefined> {
    const [rows] = await manager.query(
      `UPDATE reservations SET status = $2, settled_at = clock_timestamp() WHERE order_id = $1 AND status = 'committed' RETURNING *`,
      [orderId, status],
    );
    return rows[0];
  }

  private async appendLedger(manager: EntityManager, eventId: string, kind: 'reserve' | 'release' | 'realise', order: OrderEventData, reservation?: ReservationRow): Promise<void> {
    const source = reservation ?? { fiscal_year: order.fiscalYear, satker_code: order.satkerCode, account_code: order.accountCode, amount_idr: order.totalIdr, pdn_idr: order.pdnIdr, umk_idr: order.umkIdr };
    await manager.query(
      `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [order.orderId, eventId, kind, source.fiscal_year, source.satker_code, source.account_code, source.amount_idr, source.pdn_idr, source.umk_idr],
    );
  }

  private answer(type: (typeof EventTypes)[keyof typeof EventTypes], order: OrderEventData, amountIdr: string, line?: BudgetLine, reason?: string) {
    return {
      type,
      key: order.orderId,
      data: {
        orderId: order.orderId,
        fiscalYear: order.fiscalYear,
        satkerCode: order.satkerCode,
        accountCode: order.accountCode,
        amountIdr,
        remainingIdr: line ? remainingOf(line).toString() : '0',
        ...(reason ? { reason } : {}),
      },
    };
  }
}
