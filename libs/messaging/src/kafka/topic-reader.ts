import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { CloudEvent, decodeEvent } from '#serapan/contracts';
import { ConsumedEvent } from './event-batch.js';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';

/** Messages of one partition, in offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
}

export interface TopicReadOptions {
  /**
   * A group whose committed offsets say where to start, and which commits
   * each batch once `onBatch` has finished with it. Unset: the topic is read
   * from its beginning by a group of the read's own, which commits nothing and
   * is deleted afterwards, so no service's consumer group moves.
   */
  groupId?: string;
  /** Called once the read knows how many messages it has ahead of it (at most: compaction leaves gaps). */
  onStart?: (messages: number) => void;
  /** Called once per fetched batch, one at a time; an error stops the read and is thrown by `readTopic`. */
  onBatch: (batch: PartitionBatch) => Promise<void>;
}

/**
 * Reads `topic` up to the high watermarks it had when the read began (what
 * arrives later is left for another read) and resolves when every partition
 * got there. Returns how many messages were read.
 */
export async function readTopic(settings: KafkaSettings, topic: string, options: TopicReadOptions): Promise<number> {
  const kafka = new Kafka(kafkaClientConfig(settings, '-reader'));
  const admin = kafka.admin();
  await admin.connect();
  const groupId = options.groupId ?? `${settings.clientId}-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 30_000 });
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = options.groupId ? await admin.fetchOffsets({ groupId, topics: [topic] }) : [undefined];
    const start = (partition: number, low: string) => {
      const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
      return offset && BigInt(offset) >= 0n ? BigInt(offset) : BigInt(low);
    };
    const remaining = new Map(ends.filter((e) => BigInt(e.high) > start(e.partition, e.low)).map((e) => [e.partition, BigInt(e.high)]));
    const ahead = ends.reduce((sum, e) => sum + Math.max(0, Number(BigInt(e.high) - start(e.partition, e.low))), 0);
    options.onStart?.(ahead);
    if (remaining.size === 0) return 0;
    let read = 0;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      consumer
        .run({
          autoCommit: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            const end = remaining.get(batch.partition);
            if (failed || end === undefined) return;
            try {
              const messages = batch.messages.filter((m) => BigInt(m.offset) < end);
              if (messages.length > 0) await options.onBatch({ topic, partition: batch.partition, messages });
              read += messages.length;
              const next = messages.length > 0 ? BigInt(messages[messages.length - 1].offset) + 1n : BigInt(batch.lastOffset()) + 1n;
              if (options.groupId && messages.length > 0) await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next.toString() }]);
              if (next >= end) {
                remaining.delete(batch.partition);
                consumer.pause([{ topic, partitions: [batch.partition] }]);
                if (remaining.size === 0) resolve();
              }
              await payload.heartbeat();
            } catch (error) {
              failed = true;
              reject(error as Error);
            }
          },
        })
        .catch(reject);
    });
    return read;
  } finally {
    await consumer.disconnect();
    if (!options.groupId) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** The events of `types` in a batch, decoded and checked as a consumer does, and the messages that could not be decoded. */
export function eventsIn(
  batch: PartitionBatch,
  types: ReadonlySet<string>,
): { events: { event: ConsumedEvent; message: KafkaMessage }[]; undecodable: KafkaMessage[] } {
  const events: { event: ConsumedEvent; message: KafkaMessage }[] = [];
  const undecodable: KafkaMessage[] = [];
  for (const message of batch.messages) {
    const hinted = message.headers?.ce_type?.toString();
    if (hinted && !types.has(hinted)) continue;
    let decoded: CloudEvent;
    try {
      decoded = decodeEvent(message.value, batch.topic);
    } catch {
      undecodable.push(message);
      continue;
    }
    if (!types.has(decoded.type)) continue;
    const { id, type, source, subject, time, data } = decoded;
    events.push({ event: { id, type, source, subject, time, data }, message });
  }
  return { events, undecodable };
}

/**
 * Several partitions' items as one sequence in the order of their messages'
 * timestamps, each partition's own order kept (ties go to the lower partition).
 */
export function byTimestamp<T extends { message: Pick<KafkaMessage, 'timestamp'> }>(partitions: readonly (readonly T[])[]): T[] {
  const next = partitions.map(() => 0);
  const merged: T[] = [];
  for (;;) {
    let pick = -1;
    for (let p = 0; p < partitions.length; p++) {
      if (next[p] >= partitions[p].length) continue;
      if (pick < 0 || BigInt(partitions[p][next[p]].message.timestamp) < BigInt(partitions[pick][next[pick]].message.timestamp)) pick = p;
    }
    if (pick < 0) return merged;
    merged.push(partitions[pick][next[pick]++]);
  }
}
