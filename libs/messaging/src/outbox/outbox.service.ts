import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { cloudEvent, CloudEvent, ContractViolationError, EventRegistry, EventType, validateEvent } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { activeTraceparent } from '#serapan/telemetry';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options.js';

/** An event to publish: its type, the aggregate id it is keyed by, and its data. */
export interface OutgoingEvent {
  type: EventType;
  key: string;
  data: object;
  /**
   * W3C `traceparent` of the span that caused it: a consumed event's
   * (`ConsumedEvent.traceparent`) when a batch handler reacts to it, so each
   * answer continues its own cause's trace. By default, the span active where
   * the event is written (an HTTP request's), if any.
   */
  traceparent?: string;
}

/** Outbox rows as six parallel columns, ready for `insertOutbox`. */
export interface OutboxColumns {
  envelopes: CloudEvent[];
  /** event ids, topics, keys, types, payloads (JSON text), traceparents (or null), in that order. */
  params: [string[], string[], string[], string[], string[], (string | null)[]];
}

/** Relays partition the outbox by key into this many buckets; one relay at a time owns a bucket. */
export const OUTBOX_BUCKETS = 16;

/**
 * The INSERT of outbox rows from six parallel arrays at `$first`…`$first+5`
 * (see OutboxColumns). `when` may add a condition, e.g. inside a CTE:
 * `WHERE EXISTS (SELECT 1 FROM new_order)`; `payload` may complete the JSON
 * text `p` with what only the statement knows (e.g. a number it assigns).
 */
export function insertOutbox(first: number, when = '', payload = 'p::json'): string {
  const [e, t, k, y, p, tp] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `INSERT INTO outbox (event_id, topic, message_key, event_type, payload, bucket, traceparent)
    SELECT e, t, k, y, ${payload}, hashtext(k) & ${OUTBOX_BUCKETS - 1}, tp
      FROM unnest(${e}::uuid[], ${t}::text[], ${k}::text[], ${y}::text[], ${p}::text[], ${tp}::text[]) AS x (e, t, k, y, p, tp) ${when}`;
}

const WRITTEN = 'serapan.outboxWritten';

/**
 * Writes events into the outbox inside the caller's transaction, so an event
 * exists exactly when the change that caused it is committed. When such a
 * transaction commits, the listeners (the relay) hear of it at once.
 */
@Injectable()
export class OutboxService implements EntitySubscriberInterface {
  private readonly listeners: (() => void)[] = [];
  private readonly watched = new WeakSet<DataSource>();

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /** Envelopes and outbox columns for `events`; validated against the contracts when configured to. */
  columns(events: OutgoingEvent[], time = new Date()): OutboxColumns {
    const params: OutboxColumns['params'] = [[], [], [], [], [], []];
    const active = activeTraceparent() ?? null;
    const envelopes = events.map((event) => {
      const envelope = cloudEvent(this.options.source, event.type, event.key, event.data, time);
      const payload = JSON.stringify(envelope);
      // checked as a consumer will read it: the JSON, not the object
      if (this.options.validateOutgoing) this.check(envelope.type, payload);
      params[0].push(envelope.id);
      params[1].push(EventRegistry[event.type].topic);
      params[2].push(event.key);
      params[3].push(event.type);
      params[4].push(payload);
      params[5].push(event.traceparent ?? active);
      return envelope;
    });
    return { envelopes, params };
  }

  /** Inserts `events` in the caller's transaction; returns their envelopes. */
  async add(manager: EntityManager, events: OutgoingEvent[]): Promise<CloudEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must run inside the transaction that makes the change');
    }
    if (events.length === 0) return [];
    const { envelopes, params } = this.columns(events);
    await sql(manager, insertOutbox(1), params);
    this.markWritten(manager);
    return envelopes;
  }

  /**
   * Notes that the transaction of `manager` wrote outbox rows (for writes not
   * made through `add`), so its commit wakes the relay.
   */
  markWritten(manager: EntityManager): void {
    const runner = manager.queryRunner!;
    runner.data = { ...runner.data, [WRITTEN]: true };
    if (!this.watched.has(manager.connection)) {
      this.watched.add(manager.connection);
      manager.connection.subscribers.push(this);
    }
  }

  /** Tells the listeners that committed outbox rows are waiting (after a statement outside a transaction). */
  committed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after every commit that wrote the outbox. */
  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (!data?.[WRITTEN]) return;
    delete data[WRITTEN];
    this.committed();
  }

  private check(type: string, payload: string): void {
    try {
      validateEvent(JSON.parse(payload));
    } catch (error) {
      if (error instanceof ContractViolationError) throw new Error(`refusing to publish ${type}: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
