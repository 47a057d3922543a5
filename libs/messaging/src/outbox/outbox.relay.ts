import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Message, Producer } from 'kafkajs';
import pg from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { kafkaClientConfig } from '../kafka/kafka-config.js';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options.js';
import { OUTBOX_WRITTEN } from './outbox.service.js';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  payload: unknown;
}

/**
 * Claims the head of each key's queue, skipping rows another relay holds, so
 * replicas share the work while one aggregate's events keep their order.
 */
const CLAIM = `
  SELECT o.seq, o.topic, o.message_key, o.payload
    FROM outbox o
   WHERE NOT EXISTS (SELECT 1 FROM outbox e WHERE e.message_key = o.message_key AND e.seq < o.seq)
   ORDER BY o.seq
   LIMIT $1
   FOR UPDATE SKIP LOCKED`;

/**
 * Publishes committed outbox rows to Kafka. Rows are deleted in the same
 * transaction that claimed them, after the broker acknowledged them (acks=all,
 * idempotent producer): a crash before that commit leaves the rows to be sent
 * again, and the consumers' inbox makes the repeat harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer?: Producer;
  private listener?: pg.Client;
  private running = false;
  private loop?: Promise<void>;
  private pending = false;
  private wake?: () => void;
  private published = 0;
  private notifyTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  /** Events published since start, for health and benchmarks. */
  get publishedCount(): number {
    return this.published;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.dataSource.subscribers.push(this);
    await this.start();
  }

  /**
   * After a transaction that wrote the outbox commits: wake this relay at once,
   * and the other replicas' relays with one NOTIFY per few milliseconds.
   */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (!data?.[OUTBOX_WRITTEN]) return;
    delete data[OUTBOX_WRITTEN];
    this.nudge();
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      this.dataSource.query(`SELECT pg_notify('outbox', '')`).catch(() => undefined);
    }, 5);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = new Kafka(kafkaClientConfig(this.options.kafka, '-relay')).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // an idempotent producer keeps retrying (its sequence numbers stay valid); shutdown aborts it
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5000 },
    });
    await this.producer.connect();
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nudge();
    await this.loop;
    await this.producer?.disconnect();
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes one batch; returns how many events it sent. */
  async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const rows: OutboxRow[] = await runner.query(CLAIM, [this.options.relay.batchSize]);
      if (rows.length > 0) {
        await this.producer!.sendBatch({ acks: -1, topicMessages: byTopic(rows) });
        await runner.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      }
      await runner.commitTransaction();
      this.published += rows.length;
      return rows.length;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        const delay = Math.min(100 * 2 ** failures, 5000);
        this.logger.warn(`publishing failed (${(error as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
        continue;
      }
      if (sent < this.options.relay.batchSize) await this.waitForWork();
    }
  }

  private async listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.options.databaseUrl });
    listener.on('notification', () => this.nudge());
    listener.on('error', (error) => {
      this.logger.warn(`outbox listener lost (${error.message}); polling until it reconnects`);
      this.listener = undefined;
      setTimeout(() => this.running && this.listen().catch(() => undefined), 1000);
    });
    await listener.connect();
    await listener.query('LISTEN outbox');
    this.listener = listener;
  }

  private nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  private waitForWork(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.relay.pollIntervalMs);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        self.pending = false;
        resolve();
      }
      this.wake = done;
    });
  }
}

function byTopic(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const topics = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = topics.get(row.topic) ?? [];
    messages.push({
      key: row.message_key,
      value: JSON.stringify(row.payload),
      headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' },
    });
    topics.set(row.topic, messages);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
