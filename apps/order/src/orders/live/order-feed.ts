import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { decodeEvent, OrderEventData, Topics } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { kafkaClientConfig, MESSAGING_OPTIONS, type MessagingOptions } from '#serapan/messaging';
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
 * Every instance reads `order.order.v1` with a group of its own, so each
 * replica's live streams see every change, whichever replica made it. The
 * order's status and parties are read from the table, one statement a batch:
 * the stream's scope is the order's, whatever an event says.
 */
@Injectable()
export class OrderFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderFeed.name);
  readonly changes = new Subject<OrderChange>();
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // the HTTP app and the Kafka microservice of a service share one container and both run this hook
    if (this.consumer) return;
    this.consumer = new Kafka(kafkaClientConfig(this.options.kafka, '-feed')).consumer({
      groupId: `serapan-order-feed-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.order, fromBeginning: false });
    await this.consumer.run({
      // a group of its own that always starts at the end: nothing to commit
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const events = batch.messages.flatMap((message) => this.decode(message));
        if (events.length === 0) return;
        try {
          const orders = await this.ordersOf(events.map((event) => event.data.orderId));
          for (const event of events) {
            const order = orders.get(event.data.orderId);
            if (!order) continue;
            this.changes.next({
              eventId: event.id,
              eventType: event.type,
              orderId: order.id,
              status: order.status,
              at: event.time,
              vendorId: order.vendorId,
              satkerCode: order.satkerCode,
              klCode: order.klCode,
              ...(order.purchaseOrderNumber ? { purchaseOrderNumber: order.purchaseOrderNumber } : {}),
            });
          }
        } catch (error) {
          // a live view misses these changes; it reloads the order when its stream opens again
          this.logger.warn(`dropping ${events.length} order changes: ${(error as Error).message}`);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    this.changes.complete();
  }

  private decode(message: KafkaMessage) {
    try {
      return [decodeEvent<OrderEventData>(message.value, Topics.order)];
    } catch (error) {
      this.logger.warn(`ignoring an unreadable order event: ${(error as Error).message}`);
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
