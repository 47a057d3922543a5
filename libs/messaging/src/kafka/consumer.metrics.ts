import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge } from 'prom-client';
import { ScrapeReading } from '../scrape-reading.js';

/** What dead-lettered an event: a short cause as a label, never the message (it holds ids). */
export type DeadLetterCause = 'undecodable' | 'type_mismatch' | 'forged_source' | 'permanent' | 'gave_up';

/** Events sent to a dead-letter topic, by the topic they came from and the cause. */
export const deadLetteredEvents = new Counter({
  name: 'serapan_consumer_dead_lettered_events_total',
  help: 'Events a consumer sent to <topic>.dlq, by original topic and cause (undecodable, type_mismatch, forged_source, permanent, gave_up)',
  labelNames: ['group', 'topic', 'reason'],
});

/** How long the lag read is reused: scrapes cost the broker two requests a topic at most this often. */
const LAG_CACHE_MS = 5000;

interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * The lag of one consumer group, per topic and partition: the partition's end
 * offset less the group's committed offset (less the earliest offset when the
 * group has committed none). Read with an admin client when scraped, at most
 * every few seconds and never holding the scrape up (ScrapeReading).
 */
export class ConsumerLag {
  private readonly logger = new Logger(ConsumerLag.name);
  private admin?: Admin;
  private readonly reading = new ScrapeReading(() => this.fetch(), LAG_CACHE_MS);
  private warned = false;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    private readonly topics: string[],
  ) {}

  /** The lag per partition as last read (undefined when the broker could not tell it). */
  read(): Promise<PartitionLag[] | undefined> {
    return this.reading.latest();
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private async fetch(): Promise<PartitionLag[] | undefined> {
    try {
      return await this.fetchOffsets();
    } catch (error) {
      if (!this.warned) this.logger.warn(`could not read the lag of ${this.groupId} (${(error as Error).message}); its series are missing meanwhile`);
      this.warned = true;
      return undefined;
    }
  }

  private async fetchOffsets(): Promise<PartitionLag[]> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const admin = this.admin;
    const [committed, ends] = await Promise.all([
      admin.fetchOffsets({ groupId: this.groupId, topics: this.topics }),
      Promise.all(this.topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) }))),
    ]);
    this.warned = false;
    const committedOf = new Map(committed.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}|${p.partition}`, Number(p.offset)])));
    return ends.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, high, low }) => {
        const offset = committedOf.get(`${topic}|${partition}`) ?? -1;
        return { topic, partition, lag: Number(high) - (offset >= 0 ? offset : Number(low)) };
      }),
    );
  }
}

/** The groups whose lag this process reports: its consumers' (every replica reports its whole group). */
const groups = new Set<ConsumerLag>();

new Gauge({
  name: 'serapan_consumer_lag_messages',
  help: 'Messages of a partition its consumer group has not committed yet (every instance of a service reports its whole group)',
  labelNames: ['group', 'topic', 'partition'],
  async collect() {
    this.reset();
    const readings = await Promise.all([...groups].map(async (group) => ({ group: group.groupId, lags: await group.read() })));
    for (const { group, lags } of readings) for (const { topic, partition, lag } of lags ?? []) this.set({ group, topic, partition }, lag);
  },
});

/** Reports the lag of `lag`'s group until `forget`. */
export const reportLag = (lag: ConsumerLag): void => void groups.add(lag);
export const forgetLag = (lag: ConsumerLag): void => void groups.delete(lag);
