import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import { ConsumedEvent, InboxService, OutboxService, PermanentEventError } from '#serapan/messaging';
import { productEvent } from '../products/product-events.js';
import { Product } from '../products/product.entity.js';

export const CATALOG_CONSUMER_GROUP = 'serapan-catalog';

/**
 * Stock follows the orders a vendor accepted. What each order took is kept in
 * `stock_takes`, so a cancellation puts back exactly that, and an order is
 * taken from once even if its acceptance arrived under two event ids.
 */
@Injectable()
export class StockService {
  private readonly logger = new Logger(StockService.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
  ) {}

  async take(event: ConsumedEvent<OrderEventData>): Promise<void> {
    const order = event.data;
    await this.inbox.once(CATALOG_CONSUMER_GROUP, event, async (manager) => {
      const [{ taken }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM stock_takes WHERE order_id = $1) AS taken`, [order.orderId]);
      if (taken) {
        this.logger.warn(`order ${order.orderId} already took its stock; ${event.type} ${event.id} ignored`);
        return;
      }
      const wanted = quantities(order);
      const products = await this.lock(manager, order, [...wanted.keys()]);
      const changed: Product[] = [];
      for (const product of products) {
        const quantity = wanted.get(product.id)!;
        const got = product.take(quantity);
        if (got < quantity) this.logger.warn(`order ${order.orderId} accepted ${quantity} × ${product.id} with only ${got} in stock; stock is now 0`);
        await manager.query(`INSERT INTO stock_takes (order_id, product_id, quantity) VALUES ($1, $2, $3)`, [order.orderId, product.id, got]);
        if (got > 0) changed.push(product);
      }
      await this.publish(manager, changed);
    });
  }

  async restore(event: ConsumedEvent<OrderEventData>): Promise<void> {
    const order = event.data;
    if (!order.stockTaken) return;
    await this.inbox.once(CATALOG_CONSUMER_GROUP, event, async (manager) => {
      // TypeORM answers an UPDATE with [rows, affected count]
      const [rows]: [{ product_id: string; quantity: number }[]] = await manager.query(
        `UPDATE stock_takes SET restored_at = now() WHERE order_id = $1 AND restored_at IS NULL RETURNING product_id, quantity`,
        [order.orderId],
      );
      if (rows.length === 0) {
        this.logger.warn(`order ${order.orderId} has no stock left to restore; ${event.type} ${event.id} ignored`);
        return;
      }
      const restored = new Map(rows.map((row) => [row.product_id, row.quantity]));
      const products = await this.lock(manager, order, [...restored.keys()]);
      products.forEach((product) => product.restore(restored.get(product.id)!));
      await this.publish(manager, products.filter((product) => restored.get(product.id)! > 0));
    });
  }

  /** Locks the products in id order, so two orders on the same products cannot deadlock. */
  private async lock(manager: EntityManager, order: OrderEventData, ids: string[]): Promise<Product[]> {
    const products = await manager.find(Product, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const missing = ids.filter((id) => !products.some((product) => product.id === id));
    if (missing.length) throw new PermanentEventError(`order ${order.orderId} names products the catalog never listed: ${missing.join(', ')}`);
    const foreign = products.filter((product) => product.vendorId !== order.vendorId);
    if (foreign.length) throw new PermanentEventError(`order ${order.orderId} of vendor ${order.vendorId} names other vendors' products: ${foreign.map((p) => p.id).join(', ')}`);
    return products;
  }

  private async publish(manager: EntityManager, products: Product[]): Promise<void> {
    if (products.length === 0) return;
    await manager.save(products);
    await this.outbox.add(manager, products.map((product) => productEvent(EventTypes.productUpdated, product)));
  }
}

/** Quantity per product; an order may list a product on more than one line. */
function quantities(order: OrderEventData): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of order.lines) wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  return wanted;
}
