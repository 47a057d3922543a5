import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import { arrayParams, sql } from '#serapan/database';
import { ConsumedEvent, firstPer, OutboxService, PermanentEventError } from '#serapan/messaging';
import { Clock } from '#serapan/service';
import { productEvent } from '../products/product-events.js';
import { Product } from '../products/product.entity.js';

type OrderEvents = readonly ConsumedEvent<OrderEventData>[];

/**
 * Stock follows the orders vendors accepted, a batch at a time. What each
 * order took is kept in `stock_takes`, so an addendum adjusts it and a
 * cancellation puts back exactly that, and an order is taken from once even if its acceptance arrived under
 * two event ids. Products are locked in id order, so two batches never deadlock.
 */
@Injectable()
export class StockService {
  private readonly logger = new Logger(StockService.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async take(manager: EntityManager, events: OrderEvents): Promise<void> {
    const accepted = firstPer(events, (e) => e.data.orderId);
    const taken = await sql<{ orderId: string }>(manager, `SELECT DISTINCT order_id AS "orderId" FROM stock_takes WHERE order_id = ANY($1::uuid[])`, [
      [...accepted.keys()],
    ]);
    for (const { orderId } of taken) {
      this.logger.warn(`order ${orderId} already took its stock; ${accepted.get(orderId)!.type} ${accepted.get(orderId)!.id} ignored`);
      accepted.delete(orderId);
    }
    if (accepted.size === 0) return;
    const orders = [...accepted.values()].map((e) => e.data);
    const products = await this.lock(manager, orders);
    const now = this.clock.now();
    const takes: { orderId: string; productId: string; quantity: number }[] = [];
    for (const order of orders) {
      for (const [productId, quantity] of quantities(order)) {
        const got = products.get(productId)!.take(quantity, now);
        if (got < quantity) this.logger.warn(`order ${order.orderId} accepted ${quantity} × ${productId} with only ${got} in stock; stock is now 0`);
        takes.push({ orderId: order.orderId, productId, quantity: got });
      }
    }
    await sql(manager, `INSERT INTO stock_takes (order_id, product_id, quantity) SELECT * FROM unnest(${arrayParams(1, ['uuid', 'uuid', 'int'])})`, [
      takes.map((t) => t.orderId),
      takes.map((t) => t.productId),
      takes.map((t) => t.quantity),
    ]);
    await this.publish(
      manager,
      takes.filter((t) => t.quantity > 0).map((t) => products.get(t.productId)!),
    );
  }

  async restore(manager: EntityManager, events: OrderEvents): Promise<void> {
    const orders = [
      ...firstPer(
        events.filter((e) => e.data.stockTaken),
        (e) => e.data.orderId,
      ).values(),
    ].map((e) => e.data);
    if (orders.length === 0) return;
    const restored = await sql<{ orderId: string; productId: string; quantity: number }>(
      manager,
      `UPDATE stock_takes SET restored_at = now() WHERE order_id = ANY($1::uuid[]) AND restored_at IS NULL
       RETURNING order_id AS "orderId", product_id AS "productId", quantity`,
      [orders.map((o) => o.orderId)],
    );
    const done = new Set(restored.map((r) => r.orderId));
    for (const order of orders) if (!done.has(order.orderId)) this.logger.warn(`order ${order.orderId} has no stock left to restore; ignored`);
    if (restored.length === 0) return;
    // what was taken, not what the event's lines name: an addendum may have removed a product the order had taken
    const products = await this.lock(
      manager,
      orders.filter((o) => done.has(o.orderId)),
      restored.map((r) => r.productId),
    );
    const now = this.clock.now();
    for (const r of restored) products.get(r.productId)!.restore(r.quantity, now);
    await this.publish(
      manager,
      restored.filter((r) => r.quantity > 0).map((r) => products.get(r.productId)!),
    );
  }

  /**
   * An order's addendum was applied: what the order holds of each product
   * (stock_takes) becomes what its lines now order, taking the difference
   * from stock or putting it back. The event carries the lines after the
   * addendum; what the order held is the stock taken for it so far, so a
   * repeated or later event settles nothing twice. Only the latest amendment
   * of an order in a batch counts: it holds every earlier one.
   */
  async amend(manager: EntityManager, events: OrderEvents): Promise<void> {
    const latest = new Map(events.filter((e) => e.data.stockTaken).map((e) => [e.data.orderId, e.data]));
    if (latest.size === 0) return;
    const held = await sql<{ orderId: string; productId: string; quantity: number }>(
      manager,
      `SELECT order_id AS "orderId", product_id AS "productId", quantity FROM stock_takes WHERE order_id = ANY($1::uuid[]) AND restored_at IS NULL`,
      [[...latest.keys()]],
    );
    const holding = new Set(held.map((h) => h.orderId));
    for (const orderId of latest.keys()) {
      if (holding.has(orderId)) continue;
      this.logger.warn(`order ${orderId} holds no stock (never taken, or given back); its amendment is ignored`);
      latest.delete(orderId);
    }
    if (latest.size === 0) return;
    const orders = [...latest.values()];
    const products = await this.lock(
      manager,
      orders,
      held.map((h) => h.productId),
    );
    const now = this.clock.now();
    const holds: { orderId: string; productId: string; quantity: number }[] = [];
    const changed: Product[] = [];
    for (const order of orders) {
      const had = new Map(held.filter((h) => h.orderId === order.orderId).map((h) => [h.productId, h.quantity]));
      const wanted = quantities(order);
      for (const productId of new Set([...had.keys(), ...wanted.keys()])) {
        const before = had.get(productId) ?? 0;
        const difference = (wanted.get(productId) ?? 0) - before;
        if (difference === 0) continue;
        const product = products.get(productId)!;
        let after: number;
        if (difference > 0) {
          const got = product.take(difference, now);
          if (got < difference)
            this.logger.warn(`order ${order.orderId} was amended to ${difference} more × ${productId} with only ${got} in stock; stock is now 0`);
          after = before + got;
        } else {
          product.restore(-difference, now);
          after = before + difference;
        }
        holds.push({ orderId: order.orderId, productId, quantity: after });
        if (after !== before) changed.push(product);
      }
    }
    await sql(
      manager,
      `INSERT INTO stock_takes (order_id, product_id, quantity) SELECT * FROM unnest(${arrayParams(1, ['uuid', 'uuid', 'int'])})
       ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = excluded.quantity`,
      [holds.map((h) => h.orderId), holds.map((h) => h.productId), holds.map((h) => h.quantity)],
    );
    await this.publish(manager, changed);
  }

  /**
   * Locks every product these orders name (and `also`), in id order; an order
   * naming a product it cannot is never applicable.
   */
  private async lock(manager: EntityManager, orders: readonly OrderEventData[], also: readonly string[] = []): Promise<Map<string, Product>> {
    const ids = [...new Set([...orders.flatMap((o) => o.lines.map((l) => l.productId)), ...also])];
    const products = new Map(
      (await manager.find(Product, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })).map((p) => [p.id, p]),
    );
    for (const order of orders) {
      const missing = order.lines.map((l) => l.productId).filter((id) => !products.has(id));
      if (missing.length) throw new PermanentEventError(`order ${order.orderId} names products the catalog never listed: ${missing.join(', ')}`);
      const foreign = order.lines.map((l) => products.get(l.productId)!).filter((p) => p.vendorId !== order.vendorId);
      if (foreign.length)
        throw new PermanentEventError(
          `order ${order.orderId} of vendor ${order.vendorId} names other vendors' products: ${foreign.map((p) => p.id).join(', ')}`,
        );
    }
    return products;
  }

  /** Saves the changed products (each once, at its final state) and publishes their snapshots. */
  private async publish(manager: EntityManager, changed: Product[]): Promise<void> {
    const products = [...new Set(changed)];
    if (products.length === 0) return;
    await sql(
      manager,
      `UPDATE products p SET stock = x.stock, version = x.version, updated_at = x.updated_at
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::timestamptz[]) AS x (id, stock, version, updated_at) WHERE p.id = x.id`,
      [products.map((p) => p.id), products.map((p) => p.stock), products.map((p) => p.version), products.map((p) => p.updatedAt)],
    );
    await this.outbox.add(
      manager,
      products.map((product) => productEvent(EventTypes.productUpdated, product)),
    );
  }
}

/** Quantity per product; an order may list a product on more than one line. */
function quantities(order: OrderEventData): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of order.lines) wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  return wanted;
}
