import { jakartaDate } from '#serapan/service';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventType, EventTypes, OrderEventData } from '#serapan/contracts';
import { afterCommit, arrayParams, sql } from '#serapan/database';
import { ConsumedEvent, firstPer, OutboxService, OutgoingEvent, PermanentEventError } from '#serapan/messaging';
import { log, traceFields } from '#serapan/telemetry';
import { absorptionChanged } from '../absorption/absorption-events.js';
import { remainingOf } from '../lines/budget-line.entity.js';
import { budgetLineColumns, BudgetLineRow, lineKeyOf } from '../lines/budget-line.sql.js';
import { registeredKlOf } from '../satkers/satker-registry.js';
import { NO_TIER_AMOUNTS, TIER_COLUMNS, TierAmounts, tierAmountsOf, tierText } from '../pdn/pdn-tier-amounts.js';
import { reservationOutcomes } from './reservation-metrics.js';
import { decideReservations, LineFigures, ReservationDecision } from './reservation-rules.js';

type OrderEvents = readonly ConsumedEvent<OrderEventData>[];

/** A reservation as stored: what the order holds of its line. */
interface ReservationRow {
  orderId: string;
  fiscalYear: number;
  satkerCode: string;
  klCode: string;
  accountCode: string;
  amountIdr: string;
  pdnIdr: string;
  umkIdr: string;
  /** Per PDN tier, in PDN_TIERS order. */
  tierIdr: string[];
  status: 'committed' | 'rejected' | 'released' | 'realised';
}

const RESERVATION_COLUMNS = `order_id AS "orderId", fiscal_year AS "fiscalYear", satker_code AS "satkerCode", kl_code AS "klCode", account_code AS "accountCode",
  amount_idr::text AS "amountIdr", pdn_idr::text AS "pdnIdr", umk_idr::text AS "umkIdr",
  ARRAY[${TIER_COLUMNS.map((c) => `${c}::text`).join(', ')}] AS "tierIdr", status`;

/** A line's identity. */
type LineKey = Pick<OrderEventData, 'fiscalYear' | 'satkerCode' | 'accountCode'>;

/** How one change moves a line's totals, in whole rupiah (negative takes away). */
interface LineDelta {
  fiscalYear: number;
  satkerCode: string;
  accountCode: string;
  committed: bigint;
  realised: bigint;
  committedPdn: bigint;
  realisedPdn: bigint;
  committedUmk: bigint;
  realisedUmk: bigint;
  /** Committed + realised per PDN tier. */
  tiers: TierAmounts;
}

const DELTA_TYPES = ['int', 'bpchar', 'bpchar', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', ...TIER_COLUMNS.map(() => 'bigint')];
const TIER_DELTAS = TIER_COLUMNS.map((_, i) => `t${i}`);

/**
 * Moves lines by their deltas in one statement, guarded: a line changes only
 * while committed + realised stays within its pagu − blokir (the CHECK
 * constraint within_pagu says the same). Returns the lines as they are now.
 */
const MOVE_LINES = `
  UPDATE budget_lines b
     SET committed_idr = b.committed_idr + d.c, realised_idr = b.realised_idr + d.r,
         committed_pdn_idr = b.committed_pdn_idr + d.cp, realised_pdn_idr = b.realised_pdn_idr + d.rp,
         committed_umk_idr = b.committed_umk_idr + d.cu, realised_umk_idr = b.realised_umk_idr + d.ru,
         ${TIER_COLUMNS.map((column, i) => `${column} = b.${column} + d.${TIER_DELTAS[i]}`).join(', ')}, updated_at = now()
    FROM unnest(${arrayParams(1, DELTA_TYPES)}) AS d (fy, s, a, c, r, cp, rp, cu, ru, ${TIER_DELTAS.join(', ')})
   WHERE (b.fiscal_year, b.satker_code, b.account_code) = (d.fy, d.s, d.a)
     AND b.committed_idr + b.realised_idr + d.c + d.r <= b.pagu_idr - b.blokir_idr
  RETURNING ${budgetLineColumns('b')}`;

/**
 * The budget side of the purchase saga, a batch of order events at a time:
 * lines are locked in key order, reservations decided in arrival order (see
 * decideReservations), and lines, reservations, the ledger and the answers
 * written with a few multi-row statements in the batch's transaction. One
 * `absorption.changed` per line carries its final figures.
 */
@Injectable()
export class ReservationsService {
  private readonly log = log.child({ context: ReservationsService.name });

  constructor(private readonly outbox: OutboxService) {}

  /** Reserves each order's total if its satker's K/L matches the registry and it fits its line's remaining pagu; otherwise rejects it whole. */
  async reserve(manager: EntityManager, events: OrderEvents): Promise<void> {
    const placed = firstPer(events, (e) => e.data.orderId);
    const known = await sql<{ orderId: string }>(manager, `SELECT order_id AS "orderId" FROM reservations WHERE order_id = ANY($1::uuid[])`, [
      [...placed.keys()],
    ]);
    for (const { orderId } of known) placed.delete(orderId); // the same order placed again under another event id
    if (placed.size === 0) return;
    const orders = [...placed.values()].map((e) => e.data);
    const lines = await this.lockLines(manager, orders);
    const registry = await registeredKlOf(manager, orders);
    const { decisions } = decideReservations(
      new Map(
        [...lines].map(([key, line]): [string, LineFigures] => [
          key,
          { paguIdr: BigInt(line.paguIdr), blokirIdr: BigInt(line.blokirIdr), committedIdr: BigInt(line.committedIdr), realisedIdr: BigInt(line.realisedIdr) },
        ]),
      ),
      registry,
      orders.map((o) => ({ orderId: o.orderId, lineKey: lineKeyOf(o), totalIdr: BigInt(o.totalIdr), satkerCode: o.satkerCode, klCode: o.klCode })),
    );
    const tiers = new Map(orders.map((o) => [o.orderId, tierAmountsOf(o.lines)]));
    const reserved = orders.filter((_, i) => decisions[i].reserved);
    const moved = await this.moveLines(
      manager,
      reserved.map((o) => ({
        ...keyOf(o),
        committed: BigInt(o.totalIdr),
        committedPdn: BigInt(o.pdnIdr),
        committedUmk: BigInt(o.umkIdr),
        tiers: tiers.get(o.orderId)!,
      })),
      { locked: true },
    );
    await sql(
      manager,
      `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at, justified,
                                 ${TIER_COLUMNS.join(', ')})
       SELECT * FROM unnest(${arrayParams(1, ['uuid', 'int', 'bpchar', 'bpchar', 'bpchar', 'bigint', 'bigint', 'bigint', 'text', 'timestamptz', 'bool', ...TIER_COLUMNS.map(() => 'bigint')])})`,
      [
        orders.map((o) => o.orderId),
        orders.map((o) => o.fiscalYear),
        orders.map((o) => o.satkerCode),
        orders.map((o) => o.klCode),
        orders.map((o) => o.accountCode),
        orders.map((o) => o.totalIdr),
        orders.map((o) => o.pdnIdr),
        orders.map((o) => o.umkIdr),
        decisions.map((d) => (d.reserved ? 'committed' : 'rejected')),
        orders.map((o) => placed.get(o.orderId)!.time),
        orders.map((o) => Boolean(o.justification)),
        ...TIER_COLUMNS.map((_, i) => orders.map((o) => tiers.get(o.orderId)![i].toString())),
      ],
    );
    await this.appendLedger(
      manager,
      'reserve',
      reserved.map((o) => ({ eventId: placed.get(o.orderId)!.id, ...asReservation(o, tiers.get(o.orderId)!) })),
    );
    const answers = orders.map((o, i): OutgoingEvent => {
      const d = decisions[i];
      const type = d.reserved ? EventTypes.budgetReserved : EventTypes.budgetReservationRejected;
      return { ...answer(type, o, o.totalIdr, d.remainingIdr, d.reason), traceparent: placed.get(o.orderId)!.traceparent };
    });
    await this.outbox.add(manager, [...answers, ...moved.map(absorptionChanged)]);
    // counted and logged once it is committed: a batch that is retried is not counted or logged twice
    afterCommit(manager, () => {
      countDecisions(decisions);
      this.logDecisions(orders, decisions, placed);
    });
  }

  /** One line per decision, in the trace of the order it decides. */
  private logDecisions(orders: readonly OrderEventData[], decisions: readonly { reserved: boolean }[], placed: Map<string, ConsumedEvent>): void {
    if (!this.log.isLevelEnabled('info')) return;
    orders.forEach((o, i) => {
      const outcome = decisions[i].reserved ? 'reserved' : 'rejected';
      this.log.info({ ...traceFields(placed.get(o.orderId)!.traceparent), orderId: o.orderId, outcome, amountIdr: o.totalIdr }, `budget ${outcome} for order`);
    });
  }

  /** Gives cancelled or declined orders' full commitment back to their lines. */
  async release(manager: EntityManager, events: OrderEvents): Promise<void> {
    const settled = await this.settle(manager, events, 'released'); // never reserved (rejected) or already released: nothing
    if (settled.length === 0) return;
    const lines = await this.moveLines(
      manager,
      settled.map(({ reservation: r }) => ({
        ...keyOf(r),
        committed: -BigInt(r.amountIdr),
        committedPdn: -BigInt(r.pdnIdr),
        committedUmk: -BigInt(r.umkIdr),
        tiers: r.tierIdr.map((amount) => -BigInt(amount)),
      })),
    );
    await this.appendLedger(
      manager,
      'release',
      settled.map(({ reservation, eventId }) => ({ eventId, ...reservation })),
    );
    await this.outbox.add(manager, [...this.answers(EventTypes.budgetReleased, settled, lines), ...lines.map(absorptionChanged)]);
    afterCommit(manager, () => reservationOutcomes.inc({ outcome: 'released', reason: '' }, settled.length));
  }

  /**
   * Moves exactly the reserved total from committed to realised when an order
   * is paid; the ledger dates it by the SP2D (see paymentOf).
   */
  async realise(manager: EntityManager, events: OrderEvents): Promise<void> {
    const settled = await this.settle(manager, events, 'realised');
    const unsettled = [...firstPer(events, (e) => e.data.orderId).keys()].filter((id) => !settled.some((s) => s.reservation.orderId === id));
    if (unsettled.length > 0) {
      const states = await sql<{ orderId: string; status: string }>(
        manager,
        `SELECT order_id AS "orderId", status FROM reservations WHERE order_id = ANY($1::uuid[])`,
        [unsettled],
      );
      const wrong = unsettled.filter((id) => states.find((s) => s.orderId === id)?.status !== 'realised'); // realised already: a repeat
      if (wrong.length > 0) {
        const describe = (id: string) => `order ${id} was paid but holds no committed reservation (${states.find((s) => s.orderId === id)?.status ?? 'none'})`;
        throw new PermanentEventError(wrong.map(describe).join('; '));
      }
    }
    if (settled.length === 0) return;
    const lines = await this.moveLines(
      manager,
      settled.map(({ reservation: r }) => {
        const [amount, pdn, umk] = [BigInt(r.amountIdr), BigInt(r.pdnIdr), BigInt(r.umkIdr)];
        return { ...keyOf(r), committed: -amount, realised: amount, committedPdn: -pdn, realisedPdn: pdn, committedUmk: -umk, realisedUmk: umk };
      }),
    );
    const paid = firstPer(events, (e) => e.data.orderId);
    await this.appendLedger(
      manager,
      'realise',
      settled.map(({ reservation, eventId }) => ({ eventId, ...reservation, ...paymentOf(paid.get(reservation.orderId)!) })),
    );
    await this.outbox.add(manager, [...this.answers(EventTypes.budgetRealised, settled, lines), ...lines.map(absorptionChanged)]);
    afterCommit(manager, () => reservationOutcomes.inc({ outcome: 'realised', reason: '' }, settled.length));
  }

  /** Locks the lines of these orders in key order (so two batches never deadlock on each other) and reads them. */
  private async lockLines(manager: EntityManager, orders: readonly LineKey[]): Promise<Map<string, BudgetLineRow>> {
    const keys = [...new Map(orders.map((o) => [lineKeyOf(o), keyOf(o)])).values()];
    const rows = await sql<BudgetLineRow>(
      manager,
      `SELECT ${budgetLineColumns('b')} FROM budget_lines b
         JOIN unnest($1::int[], $2::bpchar[], $3::bpchar[]) AS k (fy, s, a) ON (b.fiscal_year, b.satker_code, b.account_code) = (k.fy, k.s, k.a)
        ORDER BY b.fiscal_year, b.satker_code, b.account_code FOR UPDATE OF b`,
      [keys.map((k) => k.fiscalYear), keys.map((k) => k.satkerCode), keys.map((k) => k.accountCode)],
    );
    return new Map(rows.map((line) => [lineKeyOf(line), line]));
  }

  /** Applies the deltas, summed per line; lines are locked first, in key order, unless the caller holds them. */
  private async moveLines(
    manager: EntityManager,
    changes: readonly (Partial<LineDelta> & Pick<LineDelta, 'fiscalYear' | 'satkerCode' | 'accountCode'>)[],
    { locked = false } = {},
  ): Promise<BudgetLineRow[]> {
    if (changes.length === 0) return [];
    const perLine = new Map<string, LineDelta>();
    for (const change of changes) {
      const key = lineKeyOf(change);
      const sum = perLine.get(key) ?? {
        fiscalYear: change.fiscalYear,
        satkerCode: change.satkerCode,
        accountCode: change.accountCode,
        committed: 0n,
        realised: 0n,
        committedPdn: 0n,
        realisedPdn: 0n,
        committedUmk: 0n,
        realisedUmk: 0n,
        tiers: NO_TIER_AMOUNTS,
      };
      for (const field of ['committed', 'realised', 'committedPdn', 'realisedPdn', 'committedUmk', 'realisedUmk'] as const) sum[field] += change[field] ?? 0n;
      const tiers = change.tiers ?? NO_TIER_AMOUNTS;
      sum.tiers = sum.tiers.map((amount, i) => amount + tiers[i]);
      perLine.set(key, sum);
    }
    const deltas = [...perLine.values()].sort((a, b) => lineKeyOf(a).localeCompare(lineKeyOf(b)));
    if (!locked) await this.lockLines(manager, deltas);
    const text = (f: (d: LineDelta) => bigint) => deltas.map((d) => f(d).toString());
    const moved = await sql<BudgetLineRow>(manager, MOVE_LINES, [
      deltas.map((d) => d.fiscalYear),
      deltas.map((d) => d.satkerCode),
      deltas.map((d) => d.accountCode),
      text((d) => d.committed),
      text((d) => d.realised),
      text((d) => d.committedPdn),
      text((d) => d.realisedPdn),
      text((d) => d.committedUmk),
      text((d) => d.realisedUmk),
      ...TIER_COLUMNS.map((_, i) => text((d) => d.tiers[i])),
    ]);
    if (moved.length !== deltas.length) {
      const missing = deltas.map(lineKeyOf).filter((key) => !moved.some((line) => lineKeyOf(line) === key));
      throw new PermanentEventError(`budget lines ${missing.join(', ')} could not take the change (missing, or it would pass the pagu)`);
    }
    return moved;
  }

  /** Marks the committed reservations of these orders released or realised; returns them with the event that settled each. */
  private async settle(
    manager: EntityManager,
    events: OrderEvents,
    status: 'released' | 'realised',
  ): Promise<{ reservation: ReservationRow; eventId: string; traceparent?: string }[]> {
    const byOrder = firstPer(events, (e) => e.data.orderId);
    const rows = await sql<ReservationRow>(
      manager,
      `UPDATE reservations SET status = $2, settled_at = clock_timestamp() WHERE order_id = ANY($1::uuid[]) AND status = 'committed' RETURNING ${RESERVATION_COLUMNS}`,
      [[...byOrder.keys()], status],
    );
    return rows.map((reservation) => {
      const { id: eventId, traceparent } = byOrder.get(reservation.orderId)!;
      return { reservation, eventId, traceparent };
    });
  }

  private async appendLedger(
    manager: EntityManager,
    kind: 'reserve' | 'release' | 'realise',
    entries: readonly (Omit<ReservationRow, 'status' | 'klCode'> & { eventId: string } & Partial<Payment>)[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const types = ['uuid', 'text', 'int', 'bpchar', 'bpchar', 'bigint', 'bigint', 'bigint', 'text', 'date', 'date', ...TIER_COLUMNS.map(() => 'bigint')];
    await sql(
      manager,
      `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr,
                                   sp2d_number, realised_on, received_on, ${TIER_COLUMNS.join(', ')})
       SELECT o, e, $1, fy, s, a, amt, p, u, sp2d, paid, received, ${TIER_DELTAS.join(', ')}
         FROM unnest(${arrayParams(2, types)}) AS x (o, e, fy, s, a, amt, p, u, sp2d, paid, received, ${TIER_DELTAS.join(', ')})`,
      [
        kind,
        entries.map((e) => e.orderId),
        entries.map((e) => e.eventId),
        entries.map((e) => e.fiscalYear),
        entries.map((e) => e.satkerCode),
        entries.map((e) => e.accountCode),
        entries.map((e) => e.amountIdr),
        entries.map((e) => e.pdnIdr),
        entries.map((e) => e.umkIdr),
        entries.map((e) => e.sp2dNumber ?? null),
        entries.map((e) => e.realisedOn ?? null),
        entries.map((e) => e.receivedOn ?? null),
        ...TIER_COLUMNS.map((_, i) => entries.map((e) => e.tierIdr[i])),
      ],
    );
  }

  private answers(
    type: EventType,
    settled: readonly { reservation: ReservationRow; traceparent?: string }[],
    lines: readonly BudgetLineRow[],
  ): OutgoingEvent[] {
    const after = new Map(lines.map((line) => [lineKeyOf(line), remainingOf(line)]));
    return settled.map(({ reservation: r, traceparent }) => ({
      ...answer(type, { orderId: r.orderId, ...keyOf(r) }, r.amountIdr, after.get(lineKeyOf(r)) ?? 0n),
      traceparent,
    }));
  }
}

/** What a realisation records of the payment: the SP2D and its date, and the BAST date. */
interface Payment {
  sp2dNumber: string | null;
  realisedOn: string;
  receivedOn: string | null;
}

/**
 * The payment an `order.paid` event reports. Realisation is dated by the SP2D
 * date; an event from before payments carried it is dated by when it was
 * published, in Jakarta (docs/domain.md, "Payment dated by the SP2D").
 */
function paymentOf(event: ConsumedEvent<OrderEventData>): Payment {
  const { sp2dNumber, paidOn, receivedOn } = event.data;
  return {
    sp2dNumber: sp2dNumber ?? null,
    realisedOn: paidOn ?? jakartaDate(new Date(event.time)),
    receivedOn: receivedOn ?? null,
  };
}

const keyOf = (o: LineKey): LineKey => ({ fiscalYear: o.fiscalYear, satkerCode: o.satkerCode, accountCode: o.accountCode });

const asReservation = (o: OrderEventData, tiers: TierAmounts) => ({
  orderId: o.orderId,
  ...keyOf(o),
  amountIdr: o.totalIdr,
  pdnIdr: o.pdnIdr,
  umkIdr: o.umkIdr,
  tierIdr: tierText(tiers),
});

function answer(
  type: EventType,
  order: { orderId: string; fiscalYear: number; satkerCode: string; accountCode: string },
  amountIdr: string,
  remainingIdr: bigint,
  reason?: string,
): OutgoingEvent {
  return {
    type,
    key: order.orderId,
    data: {
      orderId: order.orderId,
      fiscalYear: order.fiscalYear,
      satkerCode: order.satkerCode,
      accountCode: order.accountCode,
      amountIdr,
      remainingIdr: remainingIdr.toString(),
      ...(reason ? { reason } : {}),
    },
  };
}

/** Counts a batch's reservation decisions: reserved, and rejected by reason. */
function countDecisions(decisions: readonly ReservationDecision[]): void {
  const counts = new Map<string, number>();
  for (const { rejection } of decisions) counts.set(rejection ?? '', (counts.get(rejection ?? '') ?? 0) + 1);
  for (const [reason, count] of counts) reservationOutcomes.inc({ outcome: reason ? 'rejected' : 'reserved', reason }, count);
}
