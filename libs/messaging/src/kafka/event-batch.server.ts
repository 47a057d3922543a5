import { Logger } from '@nestjs/common';
import { Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { CloudEvent, ContractViolationError, deadLetterTopic, decodeEvent, EventRegistry, ForgedSourceError, isKnownEventType } from '#serapan/contracts';
import { contextOf, traceparentOf, tracer } from '#serapan/telemetry';
import { isTransientDatabaseError, PermanentEventError } from '../errors.js';
import { sleep } from '../sleep.js';
import { firstDeliveries } from '../inbox/inbox.js';
import { DeadLetterHeaders } from './dead-letters.js';
import { ConsumedEvent, EventBatch, EventBatchContext, waves } from './event-batch.js';
import { AcknowledgedProducer } from './acknowledged-producer.js';
import { ConsumerLag, deadLetteredEvents, DeadLetterCause, forgetLag, reportLag } from './consumer.metrics.js';
import { CE_TRACEPARENT, KafkaSettings, kafkaClientConfig } from './kafka-config.js';

export interface EventBatchServerOptions {
  kafka: KafkaSettings;
  groupId: string;
  /** Attempts for an event that keeps failing (not a database outage) before it is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles with every attempt. */
  retryDelayMs: number;
  /** Partitions fetched and decoded at the same time; their batches are applied together. */
  concurrency: number;
  /** Most events applied in one transaction; larger batches are applied in chunks. */
  maxBatchEvents: number;
  /**
   * 0: a fetch returns as soon as any message arrives. Above 0: the broker
   * gathers messages for up to this long, for a consumer to which a second
   * does not matter but the requests do.
   */
  fetchLingerMs: number;
}

interface Source {
  topic: string;
  partition: number;
}

interface Delivery extends Source {
  message: KafkaMessage;
  event: ConsumedEvent;
  /** The event's processing span: from decoding until its batch is committed or it is dead-lettered. */
  span: Span;
}

interface DeadLetter extends Source {
  message: KafkaMessage;
  reason: string;
  cause: DeadLetterCause;
}

/** The decoded part of one partition's batch, waiting to be applied with the others of the same moment. */
interface Part {
  deliveries: Delivery[];
  rejected: DeadLetter[];
  heartbeat: () => Promise<void>;
  applied: () => void;
  failed: (error: unknown) => void;
}

type Outcome = { applied: true } | { applied: false; reason: string; cause: DeadLetterCause };

/** How often applied offsets are committed: a crash replays at most this much, which the inbox absorbs. */
const COMMIT_INTERVAL_MS = 1000;

/**
 * A Nest transport of its own on kafkajs, made for batches. Handlers are Nest
 * providers bound to CloudEvent types (`@EventPattern(EventTypes.orderPlaced)`)
 * and receive an EventBatch. For every Kafka batch (per partition, several
 * partitions at once) it:
 *
 * - skips, without parsing, messages whose `ce_type` header names a type this
 *   service does not handle; decodes and validates the rest, its `source`
 *   too: an event not from its type's owner is dead-lettered as forged;
 * - applies the handled events in ONE transaction, together with the
 *   batches of the other partitions that arrived at the same moment: inbox
 *   rows first (a repeat, even inside the batch, is dropped), then each
 *   handler once per run of its type (see `waves`);
 * - commits the offsets (at most once a second) only after that transaction
 *   commits, so a crash replays batches and the inbox makes the replay a no-op;
 * - dead-letters what cannot be applied to `<topic>.dlq` with its key, value,
 *   headers and `dlq-reason`: undecodable messages at once, and, when the batch
 *   fails, each event that fails alone after the rest were applied one by one.
 *
 * A database outage is retried until the database answers again; the
 * partition waits meanwhile rather than losing anything. Dead letters are
 * counted, and the group's lag is reported, as metrics (consumer.metrics.ts).
 */
export class EventBatchServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(EventBatchServer.name);
  private consumer?: Consumer;
  private producer?: AcknowledgedProducer;
  private closing = false;
  private deadLettered = 0;
  private waiting: Part[] = [];
  private flushing = false;
  private readonly applied = new Map<string, { topic: string; partition: number; offset: string }>();
  private commitTimer?: NodeJS.Timeout;
  private lag?: ConsumerLag;

  constructor(
    private readonly settings: EventBatchServerOptions,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  /** Messages sent to a dead-letter topic since start. */
  get deadLetteredCount(): number {
    return this.deadLettered;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  /** Stops taking batches, lets the one under way finish (up to 10 s), commits what was applied, then disconnects. */
  async close(): Promise<void> {
    this.closing = true;
    for (const deadline = Date.now() + 10_000; (this.flushing || this.waiting.length > 0) && Date.now() < deadline;) await sleep(20);
    await this.commitApplied();
    if (this.lag) forgetLag(this.lag);
    await this.lag?.close();
    await this.consumer?.disconnect();
    await this.producer?.producer.disconnect();
  }

  on(): void {
    throw new Error('EventBatchServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const types = [...this.messageHandlers.keys()];
    const unknown = types.filter((type) => !isKnownEventType(type));
    if (unknown.length) throw new Error(`handlers bound to unknown event types: ${unknown.join(', ')}`);
    const topics = [...new Set(types.map((type) => EventRegistry[type as keyof typeof EventRegistry].topic))];
    if (topics.length === 0) return;

    const kafka = new Kafka(kafkaClientConfig(this.settings.kafka, '-consumer'));
    this.producer = new AcknowledgedProducer(kafka);
    await this.producer.producer.connect();
    const linger = this.settings.fetchLingerMs > 0 ? { minBytes: 1024 * 1024, maxWaitTimeInMs: this.settings.fetchLingerMs } : {};
    this.consumer = kafka.consumer({
      groupId: this.settings.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 15_000,
      heartbeatInterval: 1000,
      ...linger,
    });
    // before partitions move, commit what was applied; after, forget offsets of partitions no longer ours
    this.consumer.on(this.consumer.events.REBALANCING, () => void this.commitApplied());
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => this.keepOnly(payload.memberAssignment));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.settings.concurrency,
      eachBatchAutoResolve: false,
      // kafkajs would commit after every batch; this server commits what it applied once a second (commitApplied)
      autoCommit: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.lag = new ConsumerLag(kafka, this.settings.groupId, topics);
    reportLag(this.lag);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const heartbeat = () => payload.heartbeat();
    for (let start = 0; start < messages.length; start += this.settings.maxBatchEvents) {
      if (!payload.isRunning() || payload.isStale() || this.closing) return;
      const chunk = messages.slice(start, start + this.settings.maxBatchEvents);
      const rejected: DeadLetter[] = [];
      const deliveries = this.decode(topic, partition, chunk, rejected);
      await this.together(deliveries, rejected, heartbeat);
      await this.deadLetter(rejected);
      const last = chunk[chunk.length - 1].offset;
      payload.resolveOffset(last);
      this.markApplied(topic, partition, last);
      await heartbeat();
    }
  }

  /** Notes a partition's offset as applied (its transaction committed); it is committed to Kafka within a second. */
  private markApplied(topic: string, partition: number, offset: string): void {
    this.applied.set(`${topic}|${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    this.commitTimer ??= setTimeout(() => void this.commitApplied(), COMMIT_INTERVAL_MS);
  }

  private async commitApplied(): Promise<void> {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const offsets = [...this.applied.values()];
    this.applied.clear();
    if (offsets.length === 0 || !this.consumer) return;
    await this.consumer
      .commitOffsets(offsets)
      .catch((error: Error) => this.logger.warn(`could not commit offsets (${error.message}); those batches are applied again, as no-ops`));
  }

  /** Drops applied offsets of partitions this member no longer owns: committing them could move the new owner's offset back. */
  private keepOnly(assignment: Record<string, number[]>): void {
    for (const [key, { topic, partition }] of this.applied) if (!assignment[topic]?.includes(partition)) this.applied.delete(key);
  }

  /**
   * Applies a partition's deliveries together with those of the partitions
   * that arrived at the same moment (one fetch brings several), in one
   * transaction; resolves when they are committed.
   */
  private together(deliveries: Delivery[], rejected: DeadLetter[], heartbeat: () => Promise<void>): Promise<void> {
    if (deliveries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ deliveries, rejected, heartbeat, applied: resolve, failed: reject });
      if (this.waiting.length === 1 && !this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const parts = this.takeWaiting();
      const rejected: DeadLetter[] = [];
      try {
        await this.apply(
          parts.flatMap((p) => p.deliveries),
          rejected,
          parts[0].heartbeat,
        );
        for (const part of parts) {
          part.rejected.push(...rejected.filter((r) => part.deliveries.some((d) => d.message === r.message)));
          part.applied();
        }
      } catch (error) {
        for (const part of parts) part.failed(error);
      } finally {
        endSpans(parts, rejected);
      }
    }
    this.flushing = false;
  }

  /** The messages this service handles, decoded; undecodable ones go to `rejected`. */
  private decode(topic: string, partition: number, messages: KafkaMessage[], rejected: DeadLetter[]): Delivery[] {
    const deliveries: Delivery[] = [];
    for (const message of messages) {
      const hinted = message.headers?.ce_type?.toString();
      if (hinted && isKnownEventType(hinted) && !this.messageHandlers.has(hinted)) continue; // not ours: never parsed
      let event: CloudEvent;
      try {
        event = decodeEvent(message.value, topic);
      } catch (error) {
        rejected.push({
          topic,
          partition,
          message,
          reason: (error as Error).message,
          cause: error instanceof ForgedSourceError ? 'forged_source' : 'undecodable',
        });
        continue;
      }
      if (hinted && hinted !== event.type) {
        rejected.push({
          topic,
          partition,
          message,
          reason: `the ce_type header "${hinted}" differs from the event's type "${event.type}"`,
          cause: 'type_mismatch',
        });
        continue;
      }
      if (!this.messageHandlers.has(event.type)) continue;
      const { id, type, source, subject, time, data } = event;
      const span = tracer.startSpan(
        `process ${type}`,
        { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': id } },
        contextOf(message.headers?.[CE_TRACEPARENT]?.toString()),
      );
      deliveries.push({ topic, partition, message, span, event: { id, type, source, subject, time, data, traceparent: traceparentOf(span) } });
    }
    return deliveries;
  }

  /** The waiting parts that fit one transaction of at most maxBatchEvents events (at least one part). */
  private takeWaiting(): Part[] {
    let events = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || events + this.waiting[count].deliveries.length <= this.settings.maxBatchEvents)) {
      events += this.waiting[count].deliveries.length;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  /**
   * Applies the deliveries in one transaction; when that cannot succeed,
   * applies them one by one so that only the events that fail alone are
   * dead-lettered and the others are applied exactly once.
   */
  private async apply(deliveries: Delivery[], rejected: DeadLetter[], heartbeat: () => Promise<void>): Promise<void> {
    const whole = await this.attempt(deliveries, heartbeat);
    if (whole.applied) return;
    if (deliveries.length === 1) {
      rejected.push({ ...deliveries[0], reason: whole.reason, cause: whole.cause });
      return;
    }
    this.logger.warn(`a batch of ${deliveries.length} failed (${whole.reason}); applying its events one by one`);
    for (const delivery of deliveries) {
      const alone = await this.attempt([delivery], heartbeat);
      if (!alone.applied) rejected.push({ ...delivery, reason: alone.reason, cause: alone.cause });
      await heartbeat();
    }
  }

  private async attempt(deliveries: Delivery[], heartbeat: () => Promise<void>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transaction(deliveries);
        return { applied: true };
      } catch (error) {
        if (this.closing) throw error; // offsets stay uncommitted: the next owner of the partition applies the batch
        const reason = describe(error);
        if (error instanceof PermanentEventError || error instanceof ContractViolationError) return { applied: false, reason, cause: 'permanent' };
        const transient = isTransientDatabaseError(error);
        if (!transient && attempt >= this.settings.maxAttempts)
          return { applied: false, reason: `gave up after ${attempt} attempts: ${reason}`, cause: 'gave_up' };
        const delay = Math.min(this.settings.retryDelayMs * 2 ** Math.min(attempt - 1, 10), transient ? 5_000 : 10_000);
        this.logger.warn(`${deliveries.length} event(s) failed (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
        await sleep(delay);
        // a rebalance ends the attempt here: the partition's offsets stay unresolved and its next owner applies it
        await heartbeat();
      }
    }
  }

  private async transaction(deliveries: Delivery[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await firstDeliveries(
        manager,
        this.settings.groupId,
        deliveries.map((d) => d.event),
      );
      for (const wave of waves(fresh)) {
        const handler = this.messageHandlers.get(wave.type)!;
        const batch: EventBatch = { manager, events: wave.events };
        const result: unknown = await handler(batch, new EventBatchContext([wave.type]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      }
    });
  }

  private async deadLetter(rejected: DeadLetter[]): Promise<void> {
    if (rejected.length === 0) return;
    const failedAt = new Date().toISOString();
    const topics = new Map<string, DeadLetter[]>();
    for (const r of rejected) topics.set(r.topic, [...(topics.get(r.topic) ?? []), r]);
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...topics].map(([topic, letters]) => ({
        topic: deadLetterTopic(topic),
        messages: letters.map(({ partition, message, reason }) => {
          const headers: IHeaders = {
            ...message.headers,
            [DeadLetterHeaders.reason]: reason,
            [DeadLetterHeaders.originalTopic]: topic,
            [DeadLetterHeaders.originalPartition]: String(partition),
            [DeadLetterHeaders.originalOffset]: message.offset,
            [DeadLetterHeaders.consumerGroup]: this.settings.groupId,
            [DeadLetterHeaders.failedAt]: failedAt,
          };
          return { key: message.key, value: message.value, headers };
        }),
      })),
    });
    this.deadLettered += rejected.length;
    for (const { topic, cause } of rejected) deadLetteredEvents.inc({ group: this.settings.groupId, topic, reason: cause });
    for (const { topic, partition, message, reason } of rejected) this.logger.warn(`dead-lettered ${topic}[${partition}]@${message.offset}: ${reason}`);
  }
}

/** Ends the processing spans of a transaction's events; a dead-lettered event's span says why. */
function endSpans(parts: readonly Part[], rejected: readonly DeadLetter[]): void {
  const reasons = new Map(rejected.map((r) => [r.message, r.reason]));
  for (const { message, span } of parts.flatMap((p) => p.deliveries)) {
    const reason = reasons.get(message);
    if (reason !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
    span.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object') return JSON.stringify(error);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects went to JSON above: what is left is a primitive
  return String(error);
}
