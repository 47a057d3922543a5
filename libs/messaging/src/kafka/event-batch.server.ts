import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { CloudEvent, ContractViolationError, deadLetterTopic, decodeEvent, EventRegistry, isKnownEventType } from '#serapan/contracts';
import { isTransientDatabaseError, PermanentEventError } from '../errors.js';
import { firstDeliveries } from '../inbox/inbox.js';
import { ConsumedEvent, EventBatch, EventBatchContext, waves } from './event-batch.js';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';

export interface EventBatchServerOptions {
  kafka: KafkaSettings;
  groupId: string;
  /** Attempts for an event that keeps failing (not a database outage) before it is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles with every attempt. */
  retryDelayMs: number;
  /** Partitions processed at the same time by this instance. */
  concurrency: number;
  /** Most events applied in one transaction; a larger Kafka batch is applied in chunks. */
  maxBatchEvents: number;
}

interface Delivery {
  message: KafkaMessage;
  event: ConsumedEvent;
}

interface DeadLetter {
  message: KafkaMessage;
  reason: string;
}

type Outcome = { applied: true } | { applied: false; reason: string };

/**
 * A Nest transport of its own on kafkajs, made for batches. Handlers are Nest
 * providers bound to CloudEvent types (`@EventPattern(EventTypes.orderPlaced)`)
 * and receive an EventBatch. For every Kafka batch (per partition, several
 * partitions at once) it:
 *
 * - skips, without parsing, messages whose `ce_type` header names a type this
 *   service does not handle; decodes and validates the rest;
 * - applies the handled events in ONE transaction: inbox rows first (a
 *   repeat, even inside the batch, is dropped), then each handler once per
 *   wave of its type (see `waves`);
 * - commits the offsets after that transaction commits, so a crash replays
 *   the batch and the inbox makes the replay a no-op;
 * - dead-letters what cannot be applied to `<topic>.dlq` with its key, value,
 *   headers and `dlq-reason`: undecodable messages at once, and, when the batch
 *   fails, each event that fails alone after the rest were applied one by one.
 *
 * A database outage is retried until the database answers again; the
 * partition waits meanwhile rather than losing anything.
 */
export class EventBatchServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(EventBatchServer.name);
  private consumer?: Consumer;
  private producer?: Producer;
  private closing = false;
  private deadLettered = 0;

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

  async close(): Promise<void> {
    this.closing = true;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
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
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5000 } });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId: this.settings.groupId, allowAutoTopicCreation: false, sessionTimeout: 15_000, heartbeatInterval: 1000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.settings.concurrency,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = batch;
    for (let start = 0; start < messages.length; start += this.settings.maxBatchEvents) {
      if (!isRunning() || isStale() || this.closing) return;
      const chunk = messages.slice(start, start + this.settings.maxBatchEvents);
      const rejected: DeadLetter[] = [];
      const deliveries = this.decode(topic, chunk, rejected);
      await this.apply(topic, partition, deliveries, rejected, heartbeat);
      await this.deadLetter(topic, partition, rejected);
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** The messages this service handles, decoded; undecodable ones go to `rejected`. */
  private decode(topic: string, messages: KafkaMessage[], rejected: DeadLetter[]): Delivery[] {
    const deliveries: Delivery[] = [];
    for (const message of messages) {
      const hinted = message.headers?.ce_type?.toString();
      if (hinted && isKnownEventType(hinted) && !this.messageHandlers.has(hinted)) continue; // not ours: never parsed
      let event: CloudEvent;
      try {
        event = decodeEvent(message.value, topic);
      } catch (error) {
        rejected.push({ message, reason: (error as Error).message });
        continue;
      }
      if (hinted && hinted !== event.type) {
        rejected.push({ message, reason: `the ce_type header "${hinted}" differs from the event's type "${event.type}"` });
        continue;
      }
      if (!this.messageHandlers.has(event.type)) continue;
      const { id, type, source, subject, time, data } = event;
      deliveries.push({ message, event: { id, type, source, subject, time, data } });
    }
    return deliveries;
  }

  /**
   * Applies the deliveries in one transaction; when that cannot succeed,
   * applies them one by one so that only the events that fail alone are
   * dead-lettered and the others are applied exactly once.
   */
  private async apply(topic: string, partition: number, deliveries: Delivery[], rejected: DeadLetter[], heartbeat: () => Promise<void>): Promise<void> {
    if (deliveries.length === 0) return;
    const whole = await this.attempt(topic, partition, deliveries, heartbeat);
    if (whole.applied) return;
    if (deliveries.length === 1) {
      rejected.push({ message: deliveries[0].message, reason: whole.reason });
      return;
    }
    this.logger.warn(`${topic}[${partition}]: a batch of ${deliveries.length} failed (${whole.reason}); applying its events one by one`);
    for (const delivery of deliveries) {
      const alone = await this.attempt(topic, partition, [delivery], heartbeat);
      if (!alone.applied) rejected.push({ message: delivery.message, reason: alone.reason });
    }
  }

  private async attempt(topic: string, partition: number, deliveries: Delivery[], heartbeat: () => Promise<void>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transaction(topic, partition, deliveries);
        return { applied: true };
      } catch (error) {
        if (this.closing) throw error; // offsets stay uncommitted: the next owner of the partition applies the batch
        const reason = describe(error);
        if (error instanceof PermanentEventError || error instanceof ContractViolationError) return { applied: false, reason };
        const transient = isTransientDatabaseError(error);
        if (!transient && attempt >= this.settings.maxAttempts) return { applied: false, reason: `gave up after ${attempt} attempts: ${reason}` };
        const delay = Math.min(this.settings.retryDelayMs * 2 ** Math.min(attempt - 1, 10), transient ? 5_000 : 10_000);
        this.logger.warn(`${topic}[${partition}]: ${deliveries.length} event(s) failed (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
        await sleep(delay);
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async transaction(topic: string, partition: number, deliveries: Delivery[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await firstDeliveries(manager, this.settings.groupId, deliveries.map((d) => d.event));
      for (const wave of waves(fresh)) {
        const handler = this.messageHandlers.get(wave.type)!;
        const batch: EventBatch = { manager, events: wave.events };
        const result = await handler(batch, new EventBatchContext([topic, partition]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      }
    });
  }

  private async deadLetter(topic: string, partition: number, rejected: DeadLetter[]): Promise<void> {
    if (rejected.length === 0) return;
    const failedAt = new Date().toISOString();
    await this.producer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: rejected.map(({ message, reason }) => {
        const headers: IHeaders = {
          ...message.headers,
          'dlq-reason': reason,
          'dlq-original-topic': topic,
          'dlq-original-partition': String(partition),
          'dlq-original-offset': message.offset,
          'dlq-consumer-group': this.settings.groupId,
          'dlq-failed-at': failedAt,
        };
        return { key: message.key, value: message.value, headers };
      }),
    });
    this.deadLettered += rejected.length;
    for (const { message, reason } of rejected) this.logger.warn(`dead-lettered ${topic}[${partition}]@${message.offset}: ${reason}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'object' ? JSON.stringify(error) : String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
