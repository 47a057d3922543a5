import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The identity of a consumed event, as the inbox records it. */
export interface InboxEvent {
  id: string;
  type: string;
}

/**
 * Applies each event at most once per consumer group: the inbox row and the
 * change are written in one transaction, and a repeat finds the row already there.
 */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `apply` in a transaction that also records the event. Returns
   * `{ applied: false }` without running it when the group applied the event before.
   */
  async once<T>(consumerGroup: string, event: InboxEvent, apply: (manager: EntityManager) => Promise<T>): Promise<{ applied: boolean; result?: T }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [consumerGroup, event.id, event.type],
      );
      if (inserted.length === 0) return { applied: false };
      return { applied: true, result: await apply(manager) };
    });
  }
}
