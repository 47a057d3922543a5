import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import { arrayParams, sql, sqlOne } from '#serapan/database';
import { insertOutbox, OutboxService } from '#serapan/messaging';
import { Clock, UnprocessableError } from '#serapan/service';
import { OrderAccess } from '../access/order-access.policy.js';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import type { OrderRow } from '../order.sql.js';
import { orderView, OrderView } from '../order-view.js';
import { PlaceOrderDto } from './dto/place-order.dto.js';
import { assertWithinAuthority, lineSnapshots, OrderableProduct, priceOrder, PricedOrder, requestHash } from './placement-arithmetic.js';

const PRODUCTS = `
  SELECT product_id AS "productId", vendor_id AS "vendorId", vendor_name AS "vendorName", vendor_umk AS "vendorUmk", sku, name, unit,
         price_idr::text AS "priceIdr", stock, pdn_tier AS "pdnTier", status
    FROM catalog_products WHERE product_id = ANY($1::uuid[])`;

const LINE_COLUMNS = ['int', 'uuid', 'text', 'text', 'text', 'int', 'bigint', 'bigint', 'text', 'bool'];

/**
 * The order, its lines, its first timeline entry and its order.placed event in
 * one statement (one implicit transaction). The idempotency key is enforced by
 * the unique (placed_by, idempotency_key): on a repeat nothing is written and
 * no row comes back.
 */
const PLACE = `
  WITH placed AS (
    INSERT INTO orders (id, status, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, rup_code, shipping_fee_idr,
                        total_idr, pdn_idr, umk_idr, placed_by, idempotency_key, request_hash, lines_snapshot)
    VALUES ($1, 'PENDING_BUDGET', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::json)
    ON CONFLICT (placed_by, idempotency_key) DO NOTHING
    RETURNING id, created_at, updated_at
  ), lines AS (
    INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit, quantity, unit_price_idr, subtotal_idr, pdn_tier, vendor_umk)
    SELECT placed.id, l.* FROM placed, unnest(${arrayParams(18, LINE_COLUMNS)}) AS l
  ), timeline AS (
    INSERT INTO order_timeline (order_id, from_status, to_status, actor, cause, at)
    SELECT id, NULL, 'PENDING_BUDGET', $17, 'placed', created_at FROM placed
  ), events AS (
    ${insertOutbox(18 + LINE_COLUMNS.length, 'WHERE EXISTS (SELECT 1 FROM placed)')}
  )
  SELECT created_at AS "createdAt", updated_at AS "updatedAt" FROM placed`;

/**
 * Places orders: one read of the products from the catalog read model, one
 * statement that writes everything; the 202 body is built in memory.
 */
@Injectable()
export class OrderPlacementService {
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
  async place(principal: Principal, idempotencyKey: string, request: PlaceOrderDto): Promise<{ order: OrderView; replayed: boolean }> {
    const { satkerCode, klCode } = OrderAccess.orderingSatker(principal, request.satkerCode);
    const hash = requestHash(request);
    const products = await sql<OrderableProduct>(this.db, PRODUCTS, [request.lines.map((l) => l.productId)]);
    let priced: PricedOrder;
    try {
      priced = priceOrder(request.lines, new Map(products.map((p) => [p.productId, p])), request.shippingFeeIdr);
      assertWithinAuthority(priced.totalIdr, this.rules.ppkThresholdIdr, principal.ppk === true);
    } catch (error) {
      // a retry of an order placed before its product changed still gets that order
      const earlier = await this.replay(principal, idempotencyKey, hash);
      if (earlier) return { order: earlier, replayed: true };
      throw error;
    }

    const id = randomUUID();
    const snapshot = lineSnapshots(priced);
    const order: OrderRow = {
      id,
      status: 'PENDING_BUDGET',
      satkerCode,
      klCode,
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
      placedBy: principal.sub,
      idempotencyKey,
      requestHash: hash,
      vendorDeadlineAt: null,
      bastNumber: null,
      receivedOn: null,
      sp2dNumber: null,
      paidOn: null,
      reason: null,
      linesSnapshot: snapshot,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    };
    const data: OrderEventData = {
      orderId: id,
      satkerCode: order.satkerCode,
      klCode: order.klCode,
      vendorId: order.vendorId,
      fiscalYear: order.fiscalYear,
      accountCode: order.accountCode,
      totalIdr: order.totalIdr,
      pdnIdr: order.pdnIdr,
      umkIdr: order.umkIdr,
      stockTaken: false,
      lines: snapshot,
    };
    const event = this.outbox.columns([{ type: EventTypes.orderPlaced, key: id, data }], order.createdAt);
    const lines = priced.lines;
    const placed = await sqlOne<{ createdAt: Date; updatedAt: Date }>(this.db, PLACE, [
      id, order.satkerCode, order.klCode, order.vendorId, order.vendorName, order.fiscalYear, order.accountCode, order.rupCode,
      order.shippingFeeIdr, order.totalIdr, order.pdnIdr, order.umkIdr, order.placedBy, idempotencyKey, hash, JSON.stringify(snapshot), principal.username,
      lines.map((l) => l.lineNo), lines.map((l) => l.product.productId), lines.map((l) => l.product.sku), lines.map((l) => l.product.name),
      lines.map((l) => l.product.unit), lines.map((l) => l.quantity), lines.map((l) => l.product.priceIdr), lines.map((l) => l.subtotalIdr.toString()),
      lines.map((l) => l.product.pdnTier), lines.map((l) => l.product.vendorUmk),
      ...event.params,
    ]);
    if (!placed) {
      const earlier = await this.replay(principal, idempotencyKey, hash);
      if (earlier) return { order: earlier, replayed: true };
      throw new Error(`order with Idempotency-Key ${idempotencyKey} was neither placed nor found`);
    }
    this.outbox.committed();
    Object.assign(order, placed);
    const view = orderView({
      ...order,
      lines: lines.map((l) => ({ lineNo: l.lineNo, ...snapshot[l.lineNo - 1], sku: l.product.sku, name: l.product.name, unit: l.product.unit })),
      timeline: [{ fromStatus: null, toStatus: 'PENDING_BUDGET', actor: principal.username, cause: 'placed', at: placed.createdAt }],
    });
    return { order: view, replayed: false };
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
