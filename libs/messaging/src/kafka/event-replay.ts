import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { DataSource } from 'typeorm';
import { firstDeliveries } from '../inbox/inbox.js';
import { ConsumedEvent, EventBatch } from './event-batch.js';

/** A consumer's batch handler, as `@EventPattern` binds it. */
export type EventHandler = (batch: EventBatch) => unknown;

/** The `@EventPattern` methods of a consumer (a controller instance), by the event type each handles. */
export function eventHandlersOf(consumer: object): Map<string, EventHandler> {
  const handlers = new Map<string, EventHandler>();
  const prototype = Object.getPrototypeOf(consumer) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = prototype[name];
    if (typeof method !== 'function') continue;
    const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
    for (const pattern of patterns ?? []) if (typeof pattern === 'string') handlers.set(pattern, (batch) => (method as EventHandler).call(consumer, batch));
  }
  return handlers;
}

export interface ReplayResult {
  applied: number;
  /** Events that failed alone: the ones the live consumer would have dead-lettered. */
  failed: { event: ConsumedEvent; reason: string }[];
}

/**
 * Applies events to a database as a service's consumer does (the inbox of
 * `groupId` first, so a repeat changes nothing, then the handler of their
 * type), strictly in the order given: each run of consecutive events of one
 * type (up to `maxBatchEvents`) is one handler call in one transaction, and no
 * event overtakes another. A run that fails is applied one event at a time.
 * Events of a type without a handler are skipped.
 */
export async function replayEvents(
  dataSource: DataSource,
  groupId: string,
  handlers: Map<string, EventHandler>,
  events: readonly ConsumedEvent[],
  { maxBatchEvents = 500 } = {},
): Promise<ReplayResult> {
  const result: ReplayResult = { applied: 0, failed: [] };
  const handled = events.filter((e) => handlers.has(e.type));
  for (let start = 0; start < handled.length;) {
    let end = start + 1;
    while (end < handled.length && end - start < maxBatchEvents && handled[end].type === handled[start].type) end++;
    const run = handled.slice(start, end);
    start = end;
    const apply = (batch: readonly ConsumedEvent[]) =>
      dataSource.transaction(async (manager) => {
        const fresh = await firstDeliveries(manager, groupId, batch);
        if (fresh.length > 0) await handlers.get(batch[0].type)!({ manager, events: fresh });
      });
    try {
      await apply(run);
      result.applied += run.length;
    } catch {
      for (const event of run) {
        try {
          await apply([event]);
          result.applied += 1;
        } catch (error) {
          result.failed.push({ event, reason: (error as Error).message });
        }
      }
    }
  }
  return result;
}
