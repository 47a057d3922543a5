import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as timeOrderedUuid } from 'uuid';
import type { Principal } from '#serapan/auth';
import { EventTypes } from '#serapan/contracts';
import { arrayParams, sql, sqlOne } from '#serapan/database';
import { insertOutbox, OutboxService } from '#serapan/messaging';
import { Clock, jakartaDate, UnprocessableError } from '#serapan/service';
import { activeTraceparent, log, traceFields } from '#serapan/telemetry';
import { effectivePdnTier, pdnTierRank } from '../../catalog-projection/catalog-tiers.sql.js';
import { OrderAccess } from '../access/order-access.policy.js';
import { orderEventData } from '../order-events.js';
import { ordersPlaced } from '../order-metrics.js';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import type { OrderRow } from '../order.sql.js';
import { offerData, offerView, orderView, OrderView, plannedTermView } from '../order-view.js';
import { OpenedContract, openContract } from './contract-opening.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import { PlaceOrderDto } from './dto/place-order.dto.js';
import { assertWithinAuthority, lineSnapshots, OrderableProduct, priceOrder, PricedOrder, requestHash } from './placement-arithmetic.js';
import { BetterProduct, checkPreference, MAX_NAMED_BETTER, worstRankPerCategory } from './preference-cascade.js';

/** The products a batch names, with their tiers as of `$2` (today). */
const PRODUCTS = `
  SELECT product_id AS "productId", vendor_id AS "vendorId", vendor_name AS "vendorName", vendor_umk AS "vendorUmk", sku, name,
         category_code AS "categoryCode", unit, price_idr::text AS "priceIdr", stock, ${effectivePdnTier('$2')} AS "pdnTier", status
    FROM catalog_products c WHERE product_id = ANY($1::uuid[])`;

/**
 * For each category of a batch (with the worst tier ordered in it), its first
 * listed products in stock of a better tier as of `$3` (today), by stored tier
 * then name, at most MAX_NAMED_BETTER each: the preference cascade's one
 * look-up per batch. The index catalog_products_cascade yields them in that
 * order, so each category stops after a few rows; a certificate expired since
 * the catalog's last run is filtered on its effective tier.
 */
const BETTER_PRODUCTS = `
  SELECT w.category_code AS "categoryCode", b."productId", b.name, b."pdnTier"
    FROM unnest($1::text[], $2::int[]) AS w (category_code, worst_rank)
    CROSS JOIN LATERAL (
      SELECT c.product_id AS "productId", c.name, t.tier AS "pdnTier"
        FROM catalog_products c CROSS JOIN LATERAL (SELECT ${effectivePdnTier('$3')} AS tier) t
       WHERE c.status = 'active' AND c.stock > 0 AND c.category_code = w.category_code
         AND c.pdn_tier_rank < w.worst_rank AND ${pdnTierRank('t.tier')} < w.worst_rank
       ORDER BY c.pdn_tier_rank, c.name, c.product_id
       LIMIT ${MAX_NAMED_BETTER}) b`;

const ORDER_COLUMNS = [
  'uuid',
  'bpchar',
  'bpchar',
  'uuid',
  'text',
  'int',
  'bpchar',
  'text',
  'bigint',
  'bigint',
  'bigint',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'text',
  'text',
  'bool',
  'text',
  'timestamptz',
  'date',
  'text',
];
const LINE_COLUMNS = ['uuid', 'int', 'uuid', 'text', 'text', 'text', 'int', 'bigint', 'bigint', 'text', 'bool', 'bigint', 'bigint'];
const TERM_COLUMNS = ['uuid', 'int', 'date', 'text', 'bigint'];
const OFFER_COLUMNS = ['uuid', 'text', 'bigint'];
const LINES_AT = 1 + ORDER_COLUMNS.length;
const TERMS_AT = LINES_AT + LINE_COLUMNS.length;
const OFFERS_AT = TERMS_AT + TERM_COLUMNS.length;
const EVENTS_AT = OFFERS_AT + OFFER_COLUMNS.length;

/**
 * Orders, their lines, payment terms, opening offers (negotiations), first
 * timeline entries and first events, in one statement for every order of a
 * batch. An order approved as placed (a PPK's, PENDING_BUDGET) gets its
 * purchase-order number here: one counter per satker and fiscal year moves by
 * the batch's orders of it (rows in key order), and they are numbered in id
 * order; the number goes into the order, its timeline entry and its
 * order.placed event. The idempotency key is enforced by the unique
 * (placed_by, idempotency_key): a repeat is not written and its id does not
 * come back (its number is then not used: numbers are unique, not gapless).
 */
const PLACE = `
  WITH o AS (
    SELECT * FROM unnest(${arrayParams(1, ORDER_COLUMNS)})
      AS o (id, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, rup_code, shipping_fee_idr,
            total_idr, pdn_idr, umk_idr, placed_by, idempotency_key, request_hash, lines_snapshot, actor, created_at, justification,
            status, placed_by_ppk, approved_by, negotiation_deadline_at, delivery_date, cause)
  ), wanted AS (
    SELECT satker_code, fiscal_year, count(*)::int AS n FROM o WHERE status = 'PENDING_BUDGET' GROUP BY 1, 2
  ), counters AS (
    INSERT INTO purchase_order_counters (satker_code, fiscal_year, last_number)
    SELECT satker_code, fiscal_year, n FROM wanted ORDER BY 1, 2
    ON CONFLICT (satker_code, fiscal_year) DO UPDATE SET last_number = purchase_order_counters.last_number + excluded.last_number
    RETURNING satker_code, fiscal_year, last_number
  ), numbered AS (
    SELECT s.id, 'SP-' || s.satker_code || '-' || s.fiscal_year || '-' || lpad(s.seq::text, greatest(6, length(s.seq::text)), '0') AS number
      FROM (SELECT o.id, o.satker_code, o.fiscal_year,
                   c.last_number - w.n + row_number() OVER (PARTITION BY o.satker_code, o.fiscal_year ORDER BY o.id) AS seq
              FROM o JOIN wanted w ON (w.satker_code, w.fiscal_year) = (o.satker_code, o.fiscal_year)
              JOIN counters c ON (c.satker_code, c.fiscal_year) = (o.satker_code, o.fiscal_year)
             WHERE o.status = 'PENDING_BUDGET') s
  ), placed AS (
    INSERT INTO orders (id, status, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, rup_code, shipping_fee_idr,
                        total_idr, pdn_idr, umk_idr, placed_by, idempotency_key, request_hash, lines_snapshot, created_at, justification,
                        placed_by_ppk, approved_by, approved_at, negotiation_deadline_at, delivery_date, purchase_order_number)
    SELECT o.id, status, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, rup_code, shipping_fee_idr,
           total_idr, pdn_idr, umk_idr, placed_by, idempotency_key, request_hash, lines_snapshot::json, created_at, justification,
           placed_by_ppk, approved_by, CASE WHEN approved_by IS NOT NULL THEN created_at END, negotiation_deadline_at, delivery_date, n.number
      FROM o LEFT JOIN numbered n ON n.id = o.id
    ON CONFLICT (placed_by, idempotency_key) DO NOTHING
    RETURNING id, created_at, updated_at, purchase_order_number
  ), lines AS (
    INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit, quantity, unit_price_idr, subtotal_idr, pdn_tier, vendor_umk, list_price_idr, shipping_idr)
    SELECT l.* FROM unnest(${arrayParams(LINES_AT, LINE_COLUMNS)}) AS l (order_id) WHERE l.order_id IN (SELECT id FROM placed)
  ), terms AS (
    INSERT INTO order_terms (order_id, term_no, delivery_date, quantities, value_idr)
    SELECT t.order_id, t.term_no, t.delivery_date, t.quantities::jsonb, t.value_idr
      FROM unnest(${arrayParams(TERMS_AT, TERM_COLUMNS)}) AS t (order_id, term_no, delivery_date, quantities, value_idr) WHERE t.order_id IN (SELECT id FROM placed)
  ), offers AS (
    INSERT INTO order_offers (order_id, round, party, actor, lines, total_idr, at)
    SELECT f.order_id, 1, 'officer', o.actor, f.lines::jsonb, f.total_idr, placed.created_at
      FROM unnest(${arrayParams(OFFERS_AT, OFFER_COLUMNS)}) AS f (order_id, lines, total_idr) JOIN placed ON placed.id = f.order_id JOIN o ON o.id = f.order_id
  ), timeline AS (
    INSERT INTO order_timeline (order_id, from_status, to_status, actor, cause, at)
    SELECT placed.id, NULL, o.status, o.actor, o.cause || coalesce(placed.purchase_order_number, ''), placed.created_at FROM placed JOIN o ON o.id = placed.id
  ), events AS (
    ${insertOutbox(
      EVENTS_AT,
      'JOIN placed ON placed.id::text = x.k',
      `CASE WHEN placed.purchase_order_number IS NULL THEN p::json
            ELSE jsonb_set(p::jsonb, '{data,purchaseOrderNumber}', to_jsonb(placed.purchase_order_number))::json END`,
    )}
  )
  SELECT id, created_at AS "createdAt", updated_at AS "updatedAt", purchase_order_number AS "purchaseOrderNumber" FROM placed`;

/** Most orders written by one statement. */
const MAX_BATCH = 200;

/** The first timeline entry's cause, by the state the order opens in. */
function openingCause(order: OrderRow): string {
  if (order.status === 'NEGOTIATING') return `placed as a negotiation: offered ${order.totalIdr}`;
  if (order.status === 'AWAITING_APPROVAL') return "placed; waits for a PPK's approval";
  // the statement appends the number it gives (PLACE)
  return `placed and approved by PPK ${order.approvedBy}; purchase order ${order.purchaseOrderNumber ?? ''}`;
}

/** A placement waiting for the next write. */
interface Pending {
  principal: Principal;
  idempotencyKey: string;
  request: PlaceOrderDto;
  hash: string;
  satker: { satkerCode: string; klCode: string };
  /** The request's trace: its order.placed continues it (placements of many requests are written together). */
  traceparent?: string;
  /** Answers the request; only the first answer counts. */
  settle: (outcome: { order: OrderView; replayed: boolean } | { error: unknown }) => void;
  settled: boolean;
}

/** A priced placement about to be written. */
interface Ready {
  pending: Pending;
  order: OrderRow;
  priced: PricedOrder;
  opened: OpenedContract;
}

/** What the statement returns of each order it wrote. */
interface Written {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  purchaseOrderNumber: string | null;
}

/** The first event of an order, by the state it opens in. */
const OPENING_EVENT = {
  NEGOTIATING: EventTypes.orderNegotiationOpened,
  AWAITING_APPROVAL: EventTypes.orderApprovalRequested,
  PENDING_BUDGET: EventTypes.orderPlaced,
} as const;

/**
 * Places orders. Placements that arrive while a write is under way wait and
 * go together in the next: one read of their products from the catalog read
 * model, one statement that writes them all. Alone, a placement is written at
 * once; under load, a batch shares one round trip and one commit. The 202
 * body is built in memory.
 */
@Injectable()
export class OrderPlacementService {
  private readonly log = log.child({ context: OrderPlacementService.name });
  private waiting: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly queries: OrderQueriesService,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  /**
   * Places an order for the officer's own satker. The same idempotency key
   * with the same body returns the first order; with another body → 422.
   */
  place(principal: Principal, idempotencyKey: string, request: PlaceOrderDto): Promise<{ order: OrderView; replayed: boolean }> {
    const satker = OrderAccess.orderingSatker(principal, request.satkerCode);
    const hash = requestHash(request);
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        principal,
        idempotencyKey,
        request,
        hash,
        satker,
        traceparent: activeTraceparent(),
        settled: false,
        settle: (outcome) => {
          pending.settled = true;
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome);
        },
      };
      this.waiting.push(pending);
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      await this.write(batch);
    }
    this.writing = false;
  }

  /** Writes a batch; when the statement fails, writes its placements one by one, so only a placement that fails alone gets the error. */
  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.writeTogether(batch);
    } catch (error) {
      if (batch.length === 1) return batch[0].settle({ error });
      for (const pending of batch.filter((p) => !p.settled)) await this.writeTogether([pending]).catch((alone: unknown) => pending.settle({ error: alone }));
    }
  }

  private async writeTogether(batch: Pending[]): Promise<void> {
    const today = jakartaDate(this.clock.now());
    const ids = [...new Set(batch.flatMap((p) => p.request.lines.map((l) => l.productId)))];
    const catalog = new Map((await sql<OrderableProduct>(this.db, PRODUCTS, [ids, today])).map((p) => [p.productId, p]));
    const best = await this.betterProducts([...catalog.values()], today);
    const ready: Ready[] = [];
    for (const pending of batch) {
      try {
        const ppk = pending.principal.ppk === true;
        const opened = openContract(priceOrder(pending.request.lines, catalog, pending.request.shippingFeeIdr), pending.request, { today, ppk });
        const priced = opened.priced;
        assertWithinAuthority(priced.totalIdr, this.rules.ppkThresholdIdr, ppk);
        const justificationRequired = checkPreference(
          priced.lines.map((l) => l.product),
          best,
          pending.request.justification,
        );
        ready.push({ pending, priced, opened, order: this.newOrder(pending, opened, justificationRequired) });
      } catch (error) {
        // a retry of an order placed before its product changed still gets that order
        void this.settleAsReplay(pending, error);
      }
    }
    if (ready.length === 0) return;
    const placed = await this.insert(ready);
    if (placed.length > 0) {
      this.outbox.committed();
      ordersPlaced.inc(placed.length);
    }
    const written = new Map(placed.map((p) => [p.id, p]));
    for (const { pending, order: planned, priced, opened } of ready) {
      const row = written.get(planned.id);
      if (!row) {
        void this.settleAsReplay(pending, new Error(`order with Idempotency-Key ${pending.idempotencyKey} was neither placed nor found`));
        continue;
      }
      const order = { ...planned, purchaseOrderNumber: row.purchaseOrderNumber };
      const view = orderView({
        ...order,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        lines: priced.lines.map((l, i) => ({
          lineNo: l.lineNo,
          ...order.linesSnapshot[i],
          sku: l.product.sku,
          name: l.product.name,
          unit: l.product.unit,
          listPriceIdr: l.product.priceIdr,
          shippingIdr: (l.shippingIdr ?? 0n).toString(),
        })),
        timeline: [{ fromStatus: null, toStatus: order.status, actor: pending.principal.username, cause: openingCause(order), at: row.createdAt }],
        terms: opened.terms.map((t) => plannedTermView(t)),
        offers: opened.offer ? [offerView(opened.offer, pending.principal.username, row.createdAt)] : [],
      });
      pending.settle({ order: view, replayed: false });
      if (this.log.isLevelEnabled('info')) {
        this.log.info({ ...traceFields(pending.traceparent), orderId: order.id, totalIdr: order.totalIdr, satkerCode: order.satkerCode }, 'order placed');
      }
    }
  }

  /** Writes a batch in one statement (PLACE). */
  private async insert(ready: Ready[]): Promise<Written[]> {
    const events = this.outbox.columns(
      ready.map(({ order, pending, opened }) => ({
        type: OPENING_EVENT[opened.status],
        key: order.id,
        data: { ...orderEventData(order), ...(opened.offer ? { offer: { round: 1, party: 'officer' as const, ...offerData(opened.offer) } } : {}) },
        traceparent: pending.traceparent,
      })),
      this.clock.now(),
    );
    const lines = ready.flatMap(({ order, priced }) => priced.lines.map((l) => ({ orderId: order.id, ...l })));
    const terms = ready.flatMap(({ order, opened }) => opened.terms.map((t) => ({ orderId: order.id, ...t })));
    const offers = ready.filter((r) => r.opened.offer).map(({ order, opened }) => ({ orderId: order.id, offer: opened.offer! }));
    const column = <T>(f: (r: Ready) => T) => ready.map(f);
    return sql<Written>(this.db, PLACE, [
      column((r) => r.order.id),
      column((r) => r.order.satkerCode),
      column((r) => r.order.klCode),
      column((r) => r.order.vendorId),
      column((r) => r.order.vendorName),
      column((r) => r.order.fiscalYear),
      column((r) => r.order.accountCode),
      column((r) => r.order.rupCode),
      column((r) => r.order.shippingFeeIdr),
      column((r) => r.order.totalIdr),
      column((r) => r.order.pdnIdr),
      column((r) => r.order.umkIdr),
      column((r) => r.order.placedBy),
      column((r) => r.order.idempotencyKey),
      column((r) => r.order.requestHash),
      column((r) => JSON.stringify(r.order.linesSnapshot)),
      column((r) => r.pending.principal.username),
      // the placement instant (a PPK's order is approved at it, and the vendor's deadline counts from it: docs/domain.md, rule 7)
      column((r) => r.order.createdAt),
      column((r) => r.order.justification),
      column((r) => r.order.status),
      column((r) => r.order.placedByPpk),
      column((r) => r.order.approvedBy),
      column((r) => r.order.negotiationDeadlineAt),
      column((r) => r.order.deliveryDate),
      column((r) => openingCause(r.order)),
      lines.map((l) => l.orderId),
      lines.map((l) => l.lineNo),
      lines.map((l) => l.product.productId),
      lines.map((l) => l.product.sku),
      lines.map((l) => l.product.name),
      lines.map((l) => l.product.unit),
      lines.map((l) => l.quantity),
      lines.map((l) => (l.unitPriceIdr ?? BigInt(l.product.priceIdr)).toString()),
      lines.map((l) => l.subtotalIdr.toString()),
      lines.map((l) => l.product.pdnTier),
      lines.map((l) => l.product.vendorUmk),
      lines.map((l) => l.product.priceIdr),
      lines.map((l) => (l.shippingIdr ?? 0n).toString()),
      terms.map((t) => t.orderId),
      terms.map((t) => t.termNo),
      terms.map((t) => t.deliveryDate),
      terms.map((t) => JSON.stringify(t.quantities)),
      terms.map((t) => t.valueIdr.toString()),
      offers.map((o) => o.orderId),
      offers.map((o) => JSON.stringify(offerData(o.offer).lines)),
      offers.map((o) => o.offer.totalIdr.toString()),
      ...events.params,
    ]);
  }

  /** The better-tier listed products of the categories the batch orders from, one statement for the batch. */
  private async betterProducts(ordered: readonly OrderableProduct[], today: string): Promise<Map<string, BetterProduct[]>> {
    const worst = worstRankPerCategory(ordered);
    const best = new Map<string, BetterProduct[]>();
    if (worst.size === 0) return best;
    for (const product of await sql<BetterProduct>(this.db, BETTER_PRODUCTS, [[...worst.keys()], [...worst.values()], today])) {
      best.set(product.categoryCode, [...(best.get(product.categoryCode) ?? []), product]);
    }
    return best;
  }

  /** The order as it will be written; it keeps a justification only when the preference cascade required one, so only those count as justified. */
  private newOrder(pending: Pending, opened: OpenedContract, justificationRequired: boolean): OrderRow {
    const { request } = pending;
    const { priced } = opened;
    const now = this.clock.now();
    return {
      // time-ordered, so the order tables' indexes grow at their end
      id: timeOrderedUuid(),
      status: opened.status,
      satkerCode: pending.satker.satkerCode,
      klCode: pending.satker.klCode,
      vendorId: priced.vendorId,
      vendorName: priced.vendorName,
      fiscalYear: request.fiscalYear,
      accountCode: request.accountCode,
      rupCode: request.rupCode ?? null,
      shippingFeeIdr: priced.shippingFeeIdr.toString(),
      totalIdr: priced.totalIdr.toString(),
      pdnIdr: priced.pdnIdr.toString(),
      umkIdr: priced.umkIdr.toString(),
      stockTaken: false,
      placedBy: pending.principal.sub,
      idempotencyKey: pending.idempotencyKey,
      requestHash: pending.hash,
      vendorDeadlineAt: null,
      purchaseOrderNumber: null,
      bastNumber: null,
      receivedOn: null,
      sp2dNumber: null,
      paidOn: null,
      reason: null,
      justification: justificationRequired ? (request.justification ?? null) : null,
      placedByPpk: pending.principal.ppk === true,
      // a PPK's own order is approved as it is placed (docs/domain.md, rule 22)
      approvedBy: opened.status === 'PENDING_BUDGET' ? pending.principal.username : null,
      approvedAt: opened.status === 'PENDING_BUDGET' ? now : null,
      negotiationDeadlineAt: opened.status === 'NEGOTIATING' ? this.rules.negotiationDeadline(now) : null,
      deliveryDate: opened.deliveryDate,
      version: 1,
      penaltyIdr: '0',
      linesSnapshot: lineSnapshots(priced),
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Settles a placement that was not written with the order placed earlier under its key, or else with `error`. */
  private async settleAsReplay(pending: Pending, error: unknown): Promise<void> {
    try {
      const earlier = await this.replay(pending.principal, pending.idempotencyKey, pending.hash);
      pending.settle(earlier ? { order: earlier, replayed: true } : { error });
    } catch (replayError) {
      pending.settle({ error: replayError });
    }
  }

  /** The order placed earlier under this key, or 422 when that was a different request. */
  private async replay(principal: Principal, idempotencyKey: string, hash: string): Promise<OrderView | undefined> {
    const existing = await sqlOne<{ id: string; requestHash: string }>(
      this.db,
      `SELECT id, request_hash AS "requestHash" FROM orders WHERE placed_by = $1 AND idempotency_key = $2`,
      [principal.sub, idempotencyKey],
    );
    if (!existing) return undefined;
    if (existing.requestHash !== hash) {
      throw new UnprocessableError(`Idempotency-Key ${idempotencyKey} was already used for a different order (${existing.id}); use a new key for a new order`);
    }
    return this.queries.load(existing.id);
  }
}
