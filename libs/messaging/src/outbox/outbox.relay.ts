import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IHeaders, Kafka, Message } from 'kafkajs';
import pg from 'pg';
import { AcknowledgedProducer } from '../kafka/acknowledged-producer.js';
import { CE_TRACEPARENT, kafkaClientConfig } from '../kafka/kafka-config.js';
import { sleep } from '../sleep.js';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options.js';
import { relayPublishDuration, relayPublishedEvents } from './outbox.metrics.js';
import { OUTBOX_BUCKETS, OutboxService } from './outbox.service.js';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: string;
  traceparent: string | null;
}

/** Advisory-lock class of the outbox buckets (any constant; locks are per database). */
const BUCKET_LOCK_CLASS = 0x0b0c;

/**
 * Opens a round: takes, for its transaction, up to half of the buckets that
 * hold rows (at random among those no other relay holds) and claims their
 * oldest rows, payloads as the JSON text they are sent as. A key always falls
 * in one bucket, so while a relay publishes a bucket's rows no other relay
 * publishes a later row of the same key: per-key order holds across replicas,
 * and two relays work on different buckets at once. (A relay that takes a
 * bucket just released may re-send rows its snapshot still saw; the inbox
 * drops such repeats, and their order is the order already sent.) OFFSET 0
 * keeps the planner from trying the locks before the shuffle and the limit.
 */
const claim = (batchSize: number) => `BEGIN;
  WITH held AS (
    SELECT b FROM (SELECT b FROM generate_series(0, ${OUTBOX_BUCKETS - 1}) b
                    WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.bucket = b) ORDER BY random() OFFSET 0) busy
     WHERE pg_try_advisory_xact_lock(${BUCKET_LOCK_CLASS}, b) LIMIT ${OUTBOX_BUCKETS / 2})
  SELECT seq, topic, message_key, event_type, payload::text AS payload, traceparent
    FROM outbox WHERE bucket IN (SELECT b FROM held) ORDER BY seq LIMIT ${batchSize}`;

const CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * Publishes committed outbox rows to Kafka on a connection of its own, in
 * rounds of two round trips: claim (above), one produce call for every row
 * claimed (acks=all, idempotent producer), then delete them and commit. A
 * crash or a failed send before that commit leaves the rows to be sent again,
 * and the consumers' inbox makes the repeat harmless. While there is work it keeps
 * going; the busier it is, the longer it lingers between rounds (up to
 * `lingerMs` at 1,000 events a second), so a busy relay sends big batches and
 * a quiet one sends at once. Idle, it waits for a commit of its own service or
 * the poll.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly claim: string;
  private producer?: AcknowledgedProducer;
  private client?: pg.Client;
  private running = false;
  private loop?: Promise<void>;
  private pending = false;
  private wake?: () => void;
  private published = 0;
  /** Events a second, smoothed over about a second. */
  private rate = 0;
  private lastRoundAt = Date.now();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    outbox: OutboxService,
  ) {
    this.claim = claim(options.relay.batchSize);
    outbox.onCommitted(() => this.nudge());
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
    await this.openProducer();
    await this.connect();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nudge();
    // a send under way (the broker gone?) fails now instead of retrying for a minute; its rows stay for later
    await this.producer?.producer.disconnect();
    await this.loop;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  /** Publishes one round; returns how many events it sent. */
  async publishBatch(): Promise<number> {
    const client = this.client ?? (await this.connect());
    try {
      const [, claimed] = (await client.query(this.claim)) as unknown as pg.QueryResult<OutboxRow>[];
      const rows = claimed.rows;
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const topicMessages = byTopic(rows);
      const sent = relayPublishDuration.startTimer();
      await this.producer!.sendBatch({ acks: -1, topicMessages });
      sent();
      // the seqs are bigints the database gave: safe to write into the statement
      await client.query(`DELETE FROM outbox WHERE seq = ANY('{${rows.map((r) => r.seq).join(',')}}'::bigint[]); COMMIT`);
      this.published += rows.length;
      for (const { topic, messages } of topicMessages) relayPublishedEvents.inc({ topic }, messages.length);
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const started = Date.now();
      let sent: number;
      try {
        sent = await this.publishBatch();
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        failures += 1;
        const delay = Math.min(100 * 2 ** failures, 5000);
        this.logger.warn(`publishing failed (${(error as Error).message}); retrying in ${delay} ms`);
        // fresh connections next round: the database one may be broken or mid-transaction, and a producer that
        // gave up may have lost track of its sequence numbers (a new one may send a row again: the inbox drops it)
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        await this.openProducer().catch(() => undefined);
        await sleep(delay);
        continue;
      }
      const linger = this.linger(sent);
      if (sent === 0) await this.waitForWork();
      const rest = linger - (Date.now() - started);
      if (rest > 0 && this.running) await sleep(rest);
    }
  }

  private async openProducer(): Promise<void> {
    await this.producer?.producer.disconnect().catch(() => undefined);
    this.producer = new AcknowledgedProducer(new Kafka(kafkaClientConfig(this.options.kafka, '-relay')));
    await this.producer.producer.connect();
  }

  /** How long the next round waits after this one started: in proportion to the recent rate, full at 1,000 events a second. */
  private linger(sent: number): number {
    const now = Date.now();
    const elapsed = Math.max(1, now - this.lastRoundAt);
    this.lastRoundAt = now;
    const weight = Math.min(1, elapsed / 1000);
    this.rate = this.rate * (1 - weight) + (sent * 1000 * weight) / elapsed;
    return this.options.relay.lingerMs * Math.min(1, this.rate / 1000);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.kafka.clientId}-outbox-relay` });
    client.on('error', (error) => {
      this.logger.warn(`outbox relay connection lost (${error.message})`);
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Until this service commits outbox rows, or the poll interval passes (rows of other replicas, or written by hand). */
  private waitForWork(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, this.options.relay.pollIntervalMs);
      this.wake = done;
    });
  }
}

function byTopic(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const topics = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = topics.get(row.topic);
    if (!messages) topics.set(row.topic, (messages = []));
    const headers: IHeaders = { 'content-type': CONTENT_TYPE, ce_type: row.event_type };
    // the CloudEvents distributed-tracing extension, as the Kafka binding writes an attribute: ce_<name>
    if (row.traceparent) headers[CE_TRACEPARENT] = row.traceparent;
    messages.push({ key: row.message_key, value: row.payload, headers });
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
