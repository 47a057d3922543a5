import { Logger } from '@nestjs/common';
import { KafkaContext, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, IHeaders } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { ContractViolationError, deadLetterTopic, EventRegistry, isKnownEventType, validateEvent } from '#serapan/contracts';
import { PermanentEventError } from '../errors.js';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';

/** A consumed, validated event as handlers receive it. */
export interface ConsumedEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  data: T;
}

export interface EventConsumerOptions {
  kafka: KafkaSettings;
  groupId: string;
  /** Attempts for a transient error before the message is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles with every attempt. */
  retryDelayMs: number;
  /** Partitions processed at the same time by this instance. */
  concurrency: number;
}

/**
 * Nest's Kafka transport, extended where an event-driven service needs more:
 * handlers are bound to CloudEvent types (`@EventPattern(EventTypes.orderPlaced)`)
 * and the server subscribes to the topics those types travel on; envelopes and
 * data are validated before a handler runs; transient errors are retried with
 * backoff a bounded number of times; anything that cannot succeed goes to the
 * topic's dead-letter topic with its key, value, headers and reason, and the
 * consumer moves on. Several partitions are consumed at once.
 */
export class EventConsumerServer extends ServerKafka {
  protected override logger = new Logger(EventConsumerServer.name);
  private readonly settings: EventConsumerOptions;
  private deadLettered = 0;

  constructor(options: EventConsumerOptions) {
    super({
      postfixId: '',
      client: { ...kafkaClientConfig(options.kafka, '-consumer') },
      consumer: { groupId: options.groupId, allowAutoTopicCreation: false, sessionTimeout: 15000, heartbeatInterval: 1000 },
      producer: { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5000 } },
      run: { partitionsConsumedConcurrently: options.concurrency },
    });
    this.settings = options;
  }

  /** Messages sent to a dead-letter topic since start. */
  get deadLetteredCount(): number {
    return this.deadLettered;
  }

  /** Subscribes to the topics of the event types that have handlers. */
  override async bindEvents(consumer: Consumer): Promise<void> {
    const types = [...this.messageHandlers.keys()].filter((pattern): pattern is string => typeof pattern === 'string');
    const unknown = types.filter((type) => !isKnownEventType(type));
    if (unknown.length) throw new Error(`handlers bound to unknown event types: ${unknown.join(', ')}`);
    const topics = [...new Set(types.map((type) => EventRegistry[type as keyof typeof EventRegistry].topic))];
    if (topics.length > 0) await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ ...this.options.run, eachMessage: (payload) => this.handleMessage(payload) });
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, message } = payload;
    let event: ConsumedEvent;
    try {
      event = this.decode(topic, message.value);
    } catch (error) {
      return this.deadLetter(payload, (error as Error).message);
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return; // a known event this service has no interest in

    const context = new KafkaContext([message, payload.partition, topic, this.consumer!, payload.heartbeat, this.producer!]);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await handler(event, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        return;
      } catch (error) {
        const reason = describe(error);
        if (isPermanent(error)) return this.deadLetter(payload, reason);
        if (attempt >= this.settings.maxAttempts) return this.deadLetter(payload, `gave up after ${attempt} attempts: ${reason}`);
        const delay = Math.min(this.settings.retryDelayMs * 2 ** (attempt - 1), 10_000);
        this.logger.warn(`${event.type} ${event.id} failed (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
        await sleep(delay);
        await payload.heartbeat();
      }
    }
  }

  private decode(topic: string, value: Buffer | null): ConsumedEvent {
    if (!value || value.length === 0) throw new ContractViolationError('empty message value');
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString('utf8'));
    } catch {
      throw new ContractViolationError('message value is not JSON');
    }
    const { envelope, data } = validateEvent(parsed, topic);
    return { id: envelope.id, type: envelope.type, source: envelope.source, subject: envelope.subject, time: envelope.time, data };
  }

  private async deadLetter(payload: EachMessagePayload, reason: string): Promise<void> {
    const { topic, partition, message } = payload;
    const headers: IHeaders = {
      ...message.headers,
      'dlq-reason': reason,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': this.settings.groupId,
      'dlq-failed-at': new Date().toISOString(),
    };
    await this.producer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.deadLettered += 1;
    this.logger.warn(`dead-lettered ${topic}[${partition}]@${message.offset}: ${reason}`);
  }
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentEventError || error instanceof ContractViolationError;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'object' ? JSON.stringify(error) : String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
