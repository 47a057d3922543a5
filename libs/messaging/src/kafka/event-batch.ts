import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

/** A consumed, validated event as handlers receive it. */
export interface ConsumedEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  /** The aggregate id the event is keyed by (its Kafka key). */
  subject: string;
  time: string;
  data: T;
  /**
   * W3C `traceparent` of this event's own processing span, a child of the
   * span that sent it (its `ce_traceparent` header). Events written in
   * reaction pass it on (`OutgoingEvent.traceparent`); log lines about the
   * event carry its ids (`traceFields`). Absent when tracing is not started.
   */
  traceparent?: string;
}

/**
 * What a batch handler receives: events of its type, first deliveries only,
 * in the order they were consumed, and the transaction to apply them in
 * (with their inbox rows; offsets are committed after it commits).
 */
export interface EventBatch<T = unknown> {
  manager: EntityManager;
  events: ConsumedEvent<T>[];
}

/** The transport context of a batch handler call: the event type of its batch. */
export class EventBatchContext extends BaseRpcContext<[type: string]> {
  getType(): string {
    return this.args[0];
  }
}

/** The first event per key: a repeat for the same aggregate under another event id changes nothing. */
export function firstPer<T>(events: readonly T[], keyOf: (event: T) => string): Map<string, T> {
  const first = new Map<string, T>();
  for (const event of events) if (!first.has(keyOf(event))) first.set(keyOf(event), event);
  return first;
}

/**
 * Splits a batch into as few runs of one type as it can while every key's
 * events keep their order. Runs are applied in the order returned; an event
 * joins the run of its type unless that run comes before the run holding its
 * key's previous event, in which case a new run starts after it.
 */
export function waves<T extends { type: string; subject: string }>(events: readonly T[]): { type: string; events: T[] }[] {
  const result: { type: string; events: T[] }[] = [];
  const runOfType = new Map<string, number>();
  const lastRunOfKey = new Map<string, number>();
  for (const event of events) {
    let run = runOfType.get(event.type);
    const previous = lastRunOfKey.get(event.subject);
    if (run === undefined || (previous !== undefined && run < previous)) {
      run = result.push({ type: event.type, events: [] }) - 1;
      runOfType.set(event.type, run);
    }
    result[run].events.push(event);
    lastRunOfKey.set(event.subject, run);
  }
  return result;
}
