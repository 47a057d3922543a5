import { Inject, Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { OrderEventData, Topics } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { LiveFeed, MESSAGING_OPTIONS, type MessagingOptions } from '#serapan/messaging';
import type { OrderScope } from '../access/order-access.policy.js';
import type { OrderStatus } from '../lifecycle/order-state.js';

/** One order event as the live streams relay it, with what their scope filter needs. */
export interface OrderChange extends Required<OrderScope> {
  eventId: string;
  eventType: string;
  orderId: string;
  status: OrderStatus;
  at: string;
  purchaseOrderNumber?: string;
}

/** What the feed reads of the orders its batch names. */
interface OrderFacts extends Required<OrderScope> {
  id: string;
  status: OrderStatus;
  purchaseOrderNumber: string | null;
}

/**
 * Every order event, for this instance's live streams. The order's status and
 * parties are read from the table, one statement a batch: the stream's scope
 * is the order's, whatever an event says.
 */
@Injectable()
export class OrderFeed extends LiveFeed<OrderChange> {
  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly db: DataSource,
  ) {
    super(options.kafka, Topics.order, 'serapan-order-feed');
  }

  protected async changesOf(messages: KafkaMessage[]): Promise<OrderChange[]> {
    const events = messages.flatMap((message) => this.decoded<OrderEventData>(message));
    if (events.length === 0) return [];
    try {
      const orders = await this.ordersOf(events.map((event) => event.data.orderId));
      return events.flatMap((event) => {
        const order = orders.get(event.data.orderId);
        if (!order) return [];
        return [
          {
            eventId: event.id,
            eventType: event.type,
            orderId: order.id,
            status: order.status,
            at: event.time,
            vendorId: order.vendorId,
            satkerCode: order.satkerCode,
            klCode: order.klCode,
            ...(order.purchaseOrderNumber ? { purchaseOrderNumber: order.purchaseOrderNumber } : {}),
          },
        ];
      });
    } catch (error) {
      // a live view misses these changes; it reloads the order when its stream opens again
      this.logger.warn(`dropping ${events.length} order changes: ${(error as Error).message}`);
      return [];
    }
  }

  private async ordersOf(ids: string[]): Promise<Map<string, OrderFacts>> {
    const rows = await sql<OrderFacts>(
      this.db,
      `SELECT id, status, vendor_id AS "vendorId", satker_code AS "satkerCode", kl_code AS "klCode", purchase_order_number AS "purchaseOrderNumber"
         FROM orders WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}
