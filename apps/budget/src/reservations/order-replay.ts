import { DataSource } from 'typeorm';
import { consumerGroupOf, EventSources } from '#serapan/contracts';
import { ConsumedEvent, eventHandlersOf, MessagingOptions, OutboxService, replayEvents, ReplayResult } from '#serapan/messaging';
import { ReservationsConsumer } from './reservations.consumer.js';
import { ReservationsService } from './reservations.service.js';

/**
 * Applies order events to a budget database with the budget service's own
 * reservation handling (its consumer's handlers, its inbox group), strictly in
 * the order given. Fed the order topic in the order the live consumer applied
 * it, a budget database with the same pagu lines ends with the same
 * reservations, ledger and line figures. The answers it writes stay in that
 * database's outbox: no relay sends them.
 */
export function replayOrderEvents(dataSource: DataSource, events: readonly ConsumedEvent[]): Promise<ReplayResult> {
  const outbox = new OutboxService({ source: EventSources.budget, validateOutgoing: false } as MessagingOptions);
  const consumer = new ReservationsConsumer(new ReservationsService(outbox));
  return replayEvents(dataSource, consumerGroupOf('budget'), eventHandlersOf(consumer), events);
}
