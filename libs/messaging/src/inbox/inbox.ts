import { EntityManager } from 'typeorm';
import { sql } from '#serapan/database';

/** The identity of a consumed event, as the inbox records it. */
export interface InboxEvent {
  id: string;
  type: string;
}

/**
 * Records the events in the inbox of `consumerGroup` inside the caller's
 * transaction and returns those the group never applied before, each once
 * (a batch may hold the same event twice), in their original order.
 */
export async function firstDeliveries<T extends InboxEvent>(manager: EntityManager, consumerGroup: string, events: readonly T[]): Promise<T[]> {
  const unique = new Map<string, T>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, event);
  if (unique.size === 0) return [];
  const inserted = await sql<{ event_id: string }>(
    manager,
    `INSERT INTO inbox (consumer_group, event_id, event_type)
     SELECT $1, i, t FROM unnest($2::text[], $3::text[]) AS x (i, t)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerGroup, [...unique.keys()], [...unique.values()].map((e) => e.type)],
  );
  const fresh = new Set(inserted.map((row) => row.event_id));
  return [...unique.values()].filter((event) => fresh.has(event.id));
}
