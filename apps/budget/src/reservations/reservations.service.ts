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
import { NO_TIER_AMOUNTS, TIER_COLUMNS, TierAmounts, tierAmountsOf } from '../pdn/pdn-tier-amounts.js';
import { decideAmendments } from './amendment-rules.js';
import { Commitment, commitmentOf, isNothing, NOTHING, plus } from './commitment.js';
import { HeldReservation, PaymentStep, ReservationStatus, settlePayments, WHOLE_ORDER } from './payment-rules.js';
import { reservationOutcomes } from './reservation-metrics.js';
import { decideReservations, LineFigures } from './reservation-rules.js';

type OrderEvents = readonly ConsumedEvent<OrderEventData>[];

/** A reservation as stored: while committed, what the order still holds of its line (see HeldReservation). */
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
  status: ReservationStatus;
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
      figuresOf(lines),
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
      reserved.map((o) => ({
        orderId: o.orderId,
        ...keyOf(o),
        eventId: placed.get(o.orderId)!.id,
        step: WHOLE_ORDER,
        money: { amountIdr: BigInt(o.totalIdr), pdnIdr: BigInt(o.pdnIdr), umkIdr: BigInt(o.umkIdr), tiers: tiers.get(o.orderId)! },
      })),
    );
    const answers = orders.map((o, i): OutgoingEvent => {
      const d = decisions[i];
      const type = d.reserved ? EventTypes.budgetReserved : EventTypes.budgetReservationRejected;
      return { ...answer(type, o, o.totalIdr, d.remainingIdr, d.reason), traceparent: placed.get(o.orderId)!.traceparent };
    });
    await this.outbox.add(manager, [...answers, ...moved.map(absorptionChanged)]);
    // counted and logged once it is committed: a batch that is retried is not counted or logged twice
    afterCommit(manager, () => {
      countOutcomes(decisions, 'reserved', 'rejected');
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

  /** Gives cancelled or declined orders' commitment back to their lines: all they still hold, after any term paid and addendum applied. */
  async release(manager: EntityManager, events: OrderEvents): Promise<void> {
    const settled = await this.settle(manager, events); // never reserved (rejected) or already released: nothing
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
      settled.map(({ reservation: r, eventId }) => ({ orderId: r.orderId, ...keyOf(r), eventId, step: WHOLE_ORDER, money: heldOf(r) })),
    );
    await this.outbox.add(manager, [...this.answers(EventTypes.budgetReleased, settled, lines), ...lines.map(absorptionChanged)]);
    afterCommit(manager, () => reservationOutcomes.inc({ outcome: 'released', reason: '' }, settled.length));
  }

  /**
   * Books payments (see settlePayments). A term's payment realises what was
   * paid and releases its penalty; the last term releases whatever is left
   * and settles the reservation. A payment in one (an `order.paid` without
   * `payment`, from before terms) realises the whole reservation. Each term
   * is booked once however often it is sent (reservation_steps), several
   * terms of one order in a batch in arrival order; the ledger dates both the
   * realisation and the release by the SP2D (see paymentOf).
   */
  async realise(manager: EntityManager, events: OrderEvents): Promise<void> {
    const payments = firstPer(events, (e) => stepKey(e.data.orderId, paymentStepOf(e.data)));
    const decided = await this.decideOnce(
      manager,
      [...payments.values()].filter((e) => e.data.payment),
      paymentStepOf,
    );
    const fresh = [...payments.values()].filter((e) => !e.data.payment || decided.has(stepKey(e.data.orderId, paymentStepOf(e.data))));
    if (fresh.length === 0) return;
    const reservations = await this.lockReservations(manager, fresh);
    const { outcomes, after } = settlePayments(heldReservationsOf(reservations), fresh.map(paymentStepOfEvent));
    const refused = outcomes.flatMap((o) => (o.outcome === 'refused' ? [o.reason] : []));
    if (refused.length > 0) throw new PermanentEventError(refused.join('; '));
    const booked = fresh.flatMap((event, i) => {
      const outcome = outcomes[i];
      if (outcome.outcome !== 'applied') return []; // a payment in one repeated under another event id
      const reservation = reservations.get(event.data.orderId)!;
      return [{ event, reservation, step: paymentStepOf(event.data), realised: outcome.realised, released: outcome.released }];
    });
    if (booked.length === 0) return;
    const lines = await this.moveLines(
      manager,
      booked.map(({ reservation: r, realised, released }) => {
        const out = plus(realised, released);
        return {
          ...keyOf(r),
          committed: -out.amountIdr,
          realised: realised.amountIdr,
          committedPdn: -out.pdnIdr,
          realisedPdn: realised.pdnIdr,
          committedUmk: -out.umkIdr,
          realisedUmk: realised.umkIdr,
          tiers: released.tiers.map((amount) => -amount), // a tier counts committed + realised: only a release takes from it
        };
      }),
    );
    await this.keepHeld(manager, after, new Set(booked.map((b) => b.reservation.orderId)));
    const entry = (b: (typeof booked)[number], money: Commitment) => ({
      orderId: b.reservation.orderId,
      ...keyOf(b.reservation),
      eventId: b.event.id,
      step: b.step,
      money,
      ...paymentOf(b.event),
    });
    const releases = booked.filter((b) => !isNothing(b.released));
    await this.appendLedger(
      manager,
      'realise',
      booked.map((b) => entry(b, b.realised)),
    );
    await this.appendLedger(
      manager,
      'release',
      releases.map((b) => entry(b, b.released)),
    );
    const remaining = remainingByLine(lines);
    const answers = booked.flatMap(({ event, reservation: r, realised, released }): OutgoingEvent[] => {
      const left = remaining.get(lineKeyOf(r)) ?? 0n;
      const realisedAnswer = { ...answer(EventTypes.budgetRealised, r, realised.amountIdr.toString(), left), traceparent: event.traceparent };
      if (released.amountIdr === 0n) return [realisedAnswer];
      return [realisedAnswer, { ...answer(EventTypes.budgetReleased, r, released.amountIdr.toString(), left), traceparent: event.traceparent }];
    });
    await this.outbox.add(manager, [...answers, ...lines.map(absorptionChanged)]);
    afterCommit(manager, () => {
      reservationOutcomes.inc({ outcome: 'realised', reason: '' }, booked.length);
      if (releases.length > 0) reservationOutcomes.inc({ outcome: 'released', reason: 'payment' }, releases.length);
    });
  }

  /**
   * Applies agreed addenda (see decideAmendments): an increase is reserved if
   * it fits its line, in arrival order, else the addendum is rejected and
   * nothing changes; a decrease releases. Each addendum is decided once
   * however often it is sent (reservation_steps). Answers each with
   * `budget.amendment-reserved` or `budget.amendment-rejected`.
   */
  async amend(manager: EntityManager, events: OrderEvents): Promise<void> {
    const unnumbered = events.filter((e) => !e.data.addendum);
    if (unnumbered.length > 0) {
      throw new PermanentEventError(`an agreed addendum must carry the addendum; order(s) ${unnumbered.map((e) => e.data.orderId).join(', ')} did not`);
    }
    const agreed = firstPer(events, (e) => stepKey(e.data.orderId, addendumStepOf(e.data)));
    const decided = await this.decideOnce(manager, [...agreed.values()], addendumStepOf);
    const fresh = [...agreed.values()].filter((e) => decided.has(stepKey(e.data.orderId, addendumStepOf(e.data))));
    if (fresh.length === 0) return;
    const reservations = await this.lockReservations(manager, fresh);
    // the reservation's line when there is one: the line the order holds money of
    const lineOf = (e: ConsumedEvent<OrderEventData>): LineKey => keyOf(reservations.get(e.data.orderId) ?? e.data);
    const lines = await this.lockLines(manager, fresh.map(lineOf));
    const changes = fresh.map((e) => commitmentOf(e.data.addendum!.change));
    const { decisions, after } = decideAmendments(
      figuresOf(lines),
      heldReservationsOf(reservations),
      fresh.map((e, i) => ({ orderId: e.data.orderId, addendumNumber: e.data.addendum!.number, lineKey: lineKeyOf(lineOf(e)), change: changes[i] })),
    );
    const applied = fresh.flatMap((event, i) => (decisions[i].applied ? [{ event, change: changes[i] }] : []));
    const moved = await this.moveLines(
      manager,
      applied.map(({ event, change }) => ({
        ...lineOf(event),
        committed: change.amountIdr,
        committedPdn: change.pdnIdr,
        committedUmk: change.umkIdr,
        tiers: change.tiers,
      })),
      { locked: true },
    );
    await this.keepHeld(manager, after, new Set(applied.map(({ event }) => event.data.orderId)));
    await this.appendLedger(
      manager,
      'amend',
      applied
        .filter(({ change }) => !isNothing(change))
        .map(({ event, change }) => ({
          orderId: event.data.orderId,
          ...lineOf(event),
          eventId: event.id,
          step: addendumStepOf(event.data),
          money: change,
        })),
    );
    const answers = fresh.map((event, i): OutgoingEvent => {
      const d = decisions[i];
      const change = changes[i].amountIdr;
      const base = answer(
        d.applied ? EventTypes.budgetAmendmentReserved : EventTypes.budgetAmendmentRejected,
        { orderId: event.data.orderId, ...lineOf(event) },
        (change < 0n ? -change : change).toString(),
        d.remainingIdr,
        d.reason,
      );
      return { ...base, data: { ...base.data, addendumNumber: d.addendumNumber, increase: change > 0n }, traceparent: event.traceparent };
    });
    await this.outbox.add(manager, [...answers, ...moved.map(absorptionChanged)]);
    afterCommit(manager, () => countOutcomes(decisions, 'amended', 'amendment_rejected'));
  }

  /**
   * Records that these steps (one event per order and step) are decided;
   * returns the ones that were not yet, as `stepKey` writes them. A step
   * decided before, under another event id, is left out.
   */
  private async decideOnce(
    manager: EntityManager,
    events: readonly ConsumedEvent<OrderEventData>[],
    stepOf: (data: OrderEventData) => string,
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows = await sql<{ orderId: string; step: string }>(
      manager,
      `INSERT INTO reservation_steps (order_id, step, event_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT DO NOTHING RETURNING order_id AS "orderId", step`,
      [events.map((e) => e.data.orderId), events.map((e) => stepOf(e.data)), events.map((e) => e.id)],
    );
    return new Set(rows.map((r) => stepKey(r.orderId, r.step)));
  }

  /** Locks and reads the reservations of these events' orders, in order id order. */
  private async lockReservations(manager: EntityManager, events: readonly ConsumedEvent<OrderEventData>[]): Promise<Map<string, ReservationRow>> {
    const rows = await sql<ReservationRow>(
      manager,
      `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
      [[...new Set(events.map((e) => e.data.orderId))]],
    );
    return new Map(rows.map((r) => [r.orderId, r]));
  }

  /** Writes what these orders hold, and their status, as the payments or addenda left them. */
  private async keepHeld(manager: EntityManager, after: ReadonlyMap<string, HeldReservation>, orderIds: ReadonlySet<string>): Promise<void> {
    if (orderIds.size === 0) return;
    const ids = [...orderIds];
    const rows = ids.map((id) => after.get(id)!);
    await sql(
      manager,
      `UPDATE reservations r
          SET status = x.status, settled_at = CASE WHEN x.status <> r.status THEN clock_timestamp() ELSE r.settled_at END,
              amount_idr = x.amount, pdn_idr = x.pdn, umk_idr = x.umk, ${TIER_COLUMNS.map((c, i) => `${c} = x.${TIER_DELTAS[i]}`).join(', ')}
         FROM unnest(${arrayParams(1, ['uuid', 'text', 'bigint', 'bigint', 'bigint', ...TIER_COLUMNS.map(() => 'bigint')])})
              AS x (o, status, amount, pdn, umk, ${TIER_DELTAS.join(', ')})
        WHERE r.order_id = x.o`,
      [
        ids,
        rows.map((r) => r.status),
        rows.map((r) => r.held.amountIdr.toString()),
        rows.map((r) => r.held.pdnIdr.toString()),
        rows.map((r) => r.held.umkIdr.toString()),
        ...TIER_COLUMNS.map((_, i) => rows.map((r) => r.held.tiers[i].toString())),
      ],
    );
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

  /** Marks the committed reservations of these orders released; returns them with the event that settled each. */
  private async settle(manager: EntityManager, events: OrderEvents): Promise<{ reservation: ReservationRow; eventId: string; traceparent?: string }[]> {
    const byOrder = firstPer(events, (e) => e.data.orderId);
    const rows = await sql<ReservationRow>(
      manager,
      `UPDATE reservations SET status = 'released', settled_at = clock_timestamp() WHERE order_id = ANY($1::uuid[]) AND status = 'committed' RETURNING ${RESERVATION_COLUMNS}`,
      [[...byOrder.keys()]],
    );
    return rows.map((reservation) => {
      const { id: eventId, traceparent } = byOrder.get(reservation.orderId)!;
      return { reservation, eventId, traceparent };
    });
  }

  /** Appends entries of one kind; an entry's money is signed only for `amend`. */
  private async appendLedger(manager: EntityManager, kind: 'reserve' | 'release' | 'realise' | 'amend', entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const types = [
      'uuid',
      'text',
      'text',
      'int',
      'bpchar',
      'bpchar',
      'bigint',
      'bigint',
      'bigint',
      'text',
      'date',
      'date',
      ...TIER_COLUMNS.map(() => 'bigint'),
    ];
    await sql(
      manager,
      `INSERT INTO ledger_entries (order_id, event_id, kind, step, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr,
                                   sp2d_number, realised_on, received_on, ${TIER_COLUMNS.join(', ')})
       SELECT o, e, $1, st, fy, s, a, amt, p, u, sp2d, paid, received, ${TIER_DELTAS.join(', ')}
         FROM unnest(${arrayParams(2, types)}) AS x (o, e, st, fy, s, a, amt, p, u, sp2d, paid, received, ${TIER_DELTAS.join(', ')})`,
      [
        kind,
        entries.map((e) => e.orderId),
        entries.map((e) => e.eventId),
        entries.map((e) => e.step),
        entries.map((e) => e.fiscalYear),
        entries.map((e) => e.satkerCode),
        entries.map((e) => e.accountCode),
        entries.map((e) => e.money.amountIdr.toString()),
        entries.map((e) => e.money.pdnIdr.toString()),
        entries.map((e) => e.money.umkIdr.toString()),
        entries.map((e) => e.sp2dNumber ?? null),
        entries.map((e) => e.realisedOn ?? null),
        entries.map((e) => e.receivedOn ?? null),
        ...TIER_COLUMNS.map((_, i) => entries.map((e) => e.money.tiers[i].toString())),
      ],
    );
  }

  private answers(
    type: EventType,
    settled: readonly { reservation: ReservationRow; traceparent?: string }[],
    lines: readonly BudgetLineRow[],
  ): OutgoingEvent[] {
    const after = remainingByLine(lines);
    return settled.map(({ reservation: r, traceparent }) => ({
      ...answer(type, { orderId: r.orderId, ...keyOf(r) }, r.amountIdr, after.get(lineKeyOf(r)) ?? 0n),
      traceparent,
    }));
  }
}

/** One ledger entry to append: the order's line, the event and step it books, and the money it moves. */
interface LedgerEntry extends LineKey, Partial<Payment> {
  orderId: string;
  eventId: string;
  /** `order` (the order as a whole), `term N` or `addendum N`. */
  step: string;
  money: Commitment;
}

/** What a payment's entries record of it: the SP2D and its date, and the BAST date. */
interface Payment {
  sp2dNumber: string | null;
  realisedOn: string;
  receivedOn: string | null;
}

/**
 * The payment an `order.paid` event reports: the paid term's SP2D and BAST
 * (the order's own are those of its latest steps), or the order's for an
 * event without a term. Realisation is dated by the SP2D date; an event from
 * before payments carried it is dated by when it was published, in Jakarta
 * (docs/domain.md, "Payment dated by the SP2D").
 */
function paymentOf(event: ConsumedEvent<OrderEventData>): Payment {
  const { sp2dNumber, paidOn, receivedOn } = event.data.term ?? event.data;
  return {
    sp2dNumber: sp2dNumber ?? null,
    realisedOn: paidOn ?? jakartaDate(new Date(event.time)),
    receivedOn: receivedOn ?? null,
  };
}

/** An order's step as reservation_steps and the ledger name it. */
const stepKey = (orderId: string, step: string): string => `${orderId} ${step}`;

const paymentStepOf = (data: OrderEventData): string => (data.payment ? `term ${data.payment.termNo}` : WHOLE_ORDER);

const addendumStepOf = (data: OrderEventData): string => `addendum ${data.addendum!.number}`;

/** An `order.paid` as settlePayments books it; one without `payment` pays the whole order. */
function paymentStepOfEvent({ data }: ConsumedEvent<OrderEventData>): PaymentStep {
  const { orderId, payment } = data;
  if (!payment) return { orderId, step: WHOLE_ORDER, penalty: NOTHING, final: true };
  return { orderId, step: paymentStepOf(data), paid: commitmentOf(payment.paid), penalty: commitmentOf(payment.penalty), final: payment.final };
}

const keyOf = (o: LineKey): LineKey => ({ fiscalYear: o.fiscalYear, satkerCode: o.satkerCode, accountCode: o.accountCode });

/** What a stored reservation holds. */
const heldOf = (r: ReservationRow): Commitment => ({
  amountIdr: BigInt(r.amountIdr),
  pdnIdr: BigInt(r.pdnIdr),
  umkIdr: BigInt(r.umkIdr),
  tiers: r.tierIdr.map((amount) => BigInt(amount)),
});

const heldReservationsOf = (rows: ReadonlyMap<string, ReservationRow>): Map<string, HeldReservation> =>
  new Map([...rows].map(([orderId, r]) => [orderId, { status: r.status, held: heldOf(r) }]));

/** What a reservation or an amendment decision needs of each line. */
const figuresOf = (lines: ReadonlyMap<string, BudgetLineRow>): Map<string, LineFigures> =>
  new Map(
    [...lines].map(([key, line]): [string, LineFigures] => [
      key,
      { paguIdr: BigInt(line.paguIdr), blokirIdr: BigInt(line.blokirIdr), committedIdr: BigInt(line.committedIdr), realisedIdr: BigInt(line.realisedIdr) },
    ]),
  );

const remainingByLine = (lines: readonly BudgetLineRow[]): Map<string, bigint> => new Map(lines.map((line) => [lineKeyOf(line), remainingOf(line)]));

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

/** Counts a batch's decisions under `accepted`, or `rejected` by reason (the decision's rejection code). */
function countOutcomes(decisions: readonly { rejection?: string }[], accepted: string, rejected: string): void {
  const counts = new Map<string, number>();
  for (const { rejection } of decisions) counts.set(rejection ?? '', (counts.get(rejection ?? '') ?? 0) + 1);
  for (const [reason, count] of counts) reservationOutcomes.inc({ outcome: reason ? rejected : accepted, reason }, count);
}
