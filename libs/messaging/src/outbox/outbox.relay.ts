import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Message, Producer } from 'kafkajs';
import pg from 'pg';
import { kafkaClientConfig } from '../kafka/kafka-config.js';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options.js';
import { OUTBOX_BUCKETS, OutboxService } from './outbox.service.js';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: string;
}

/** Advisory-lock class of the outbox buckets (any constant; locks are per database). */
const BUCKET_LOCK_CLASS = 0x0b0c;

/**
 * Takes, for this transaction, up to half of the buckets that hold rows,
 * picked at random among those no other relay holds. A key always falls in
 * one bucket, so while a relay publishes a bucket's rows no other relay can
 * publish a later row of the same key: per-key order holds across replicas,
 * and two relays work on different buckets at the same time.
 */
const LOCK_BUCKETS = `
  SELECT coalesce(array_agg(b), '{}') AS buckets FROM (
    SELECT b FROM (SELECT b FROM generate_series(0, ${OUTBOX_BUCKETS - 1}) b
                    WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.bucket = b) ORDER BY random()) busy
     WHERE pg_try_advisory_xact_lock(${BUCKET_LOCK_CLASS}, b) LIMIT ${OUTBOX_BUCKETS / 2}) held`;

/** The oldest rows of the buckets held, as sent: the payload is already JSON text. */
const CLAIM = `SELECT seq, topic, message_key, event_type, payload::text AS payload FROM outbox WHERE bucket = ANY($1::int[]) ORDER BY seq LIMIT $2`;

const CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * Publishes committed outbox rows to Kafka on a connection of its own. Each
 * round claims up to `batchSize` rows of the buckets it could lock, sends them
 * in one produce call (acks=all, idempotent producer) and deletes them in the
 * same transaction: a crash before that commit leaves the rows to be sent
 * again, and the consumers' inbox makes the repeat harmless. While there is
 * work it keeps going; idle, it waits for a commit, a NOTIFY or the poll.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer?: Producer;
  private client?: pg.Client;
  private notifier?: pg.Client;
  private running = false;
  private loop?: Promise<void>;
  private pending = false;
  private wake?: () => void;
  private published = 0;
  private notifyTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    outbox: OutboxService,
  ) {
    outbox.onCommitted(() => this.committed());
  }

  /** Events published since start, for health and benchmarks. */
  get publishedCount(): number {
    return this.published;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
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
    await this.connect();
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nudge();
    await this.loop;
    clearTimeout(this.notifyTimer);
    await this.producer?.disconnect();
    await this.client?.end().catch(() => undefined);
    await this.notifier?.end().catch(() => undefined);
    this.client = this.notifier = undefined;
  }

  /** Publishes one round; returns how many events it sent. */
  async publishBatch(): Promise<number> {
    const client = this.client ?? (await this.connect());
    await client.query('BEGIN');
    try {
      const [{ buckets }] = (await client.query<{ buckets: number[] }>(LOCK_BUCKETS)).rows;
      const rows = buckets.length ? (await client.query<OutboxRow>(CLAIM, [buckets, this.options.relay.batchSize])).rows : [];
      if (rows.length > 0) {
        await this.producer!.sendBatch({ acks: -1, topicMessages: byTopic(rows) });
        await client.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      }
      await client.query('COMMIT');
      this.published += rows.length;
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Outbox rows were committed here: wake this relay at once, and the other
   * replicas' relays with one NOTIFY per few milliseconds.
   */
  private committed(): void {
    this.nudge();
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      this.notifier?.query(`SELECT pg_notify('outbox', '')`).catch(() => undefined);
    }, 5);
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
        // a fresh connection next round: this one may be broken or mid-transaction
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        await sleep(delay);
        continue;
      }
      if (sent === 0) await this.waitForWork();
    }
  }

  /** The relay's own connection. */
  private async connect(): Promise<pg.Client> {
    this.client = await this.openClient('relay');
    return this.client;
  }

  /** A second connection LISTENs for other replicas' commits and sends ours. */
  private async listen(): Promise<void> {
    const notifier = await this.openClient('listener');
    notifier.on('notification', () => this.nudge());
    await notifier.query('LISTEN outbox');
    this.notifier = notifier;
  }

  private async openClient(role: 'relay' | 'listener'): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.kafka.clientId}-outbox-${role}` });
    client.on('error', (error) => {
      this.logger.warn(`outbox ${role} connection lost (${error.message})`);
      if (this.client === client) this.client = undefined;
      if (this.notifier === client) {
        this.notifier = undefined;
        // polling covers the gap until the listener is back
        if (this.running) setTimeout(() => this.running && !this.notifier && this.listen().catch(() => undefined), 1000);
      }
    });
    await client.connect();
    return client;
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
    let messages = topics.get(row.topic);
    if (!messages) topics.set(row.topic, (messages = []));
    messages.push({ key: row.message_key, value: row.payload, headers: { 'content-type': CONTENT_TYPE, ce_type: row.event_type } });
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
