import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { cloudEvent, CloudEvent, ContractViolationError, EventRegistry, EventType, validateEvent } from '#serapan/contracts';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options.js';

/** An event to publish: its type, the aggregate id it is keyed by, and its data. */
/** Marks a transaction that wrote the outbox, so its commit wakes the relay. */
export const OUTBOX_WRITTEN = 'serapan.outboxWritten';

export interface OutgoingEvent {
  type: EventType;
  key: string;
  data: object;
}

/**
 * Writes events into the outbox inside the caller's transaction, so an event
 * exists exactly when the change that caused it is committed.
 */
@Injectable()
export class OutboxService {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async add(manager: EntityManager, events: OutgoingEvent[]): Promise<CloudEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must run inside the transaction that makes the change');
    }
    const envelopes = events.map((event) => this.envelope(event));
    if (envelopes.length === 0) return envelopes;
    const params: unknown[] = [];
    const rows = envelopes.map((envelope, i) => {
      params.push(envelope.id, EventRegistry[envelope.type as EventType].topic, envelope.subject, envelope.type, JSON.stringify(envelope));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
    });
    await manager.query(`INSERT INTO outbox (event_id, topic, message_key, event_type, payload) VALUES ${rows.join(', ')}`, params);
    manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
    return envelopes;
  }

  private envelope(event: OutgoingEvent): CloudEvent {
    const envelope = cloudEvent(this.options.source, event.type, event.key, instanceToPlainJson(event.data));
    try {
      validateEvent(envelope);
    } catch (error) {
      if (error instanceof ContractViolationError) throw new Error(`refusing to publish ${event.type}: ${error.message}`);
      throw error;
    }
    return envelope;
  }
}

function instanceToPlainJson(data: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
