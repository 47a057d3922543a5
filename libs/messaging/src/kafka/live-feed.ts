import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { Subject } from 'rxjs';
import { CloudEvent, decodeEvent } from '#serapan/contracts';
import { kafkaClientConfig, KafkaSettings } from './kafka-config.js';

/**
 * One topic read from its end for the live streams, with a consumer group of
 * this instance's own (`<groupPrefix>-<uuid>`), so each replica's streams see
 * every change, whichever replica made it. Nothing is committed. While no
 * stream is open, batches are passed over unread.
 */
export abstract class LiveFeed<Change> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  /** Every change as it is read; the streams subscribe to it. */
  readonly changes = new Subject<Change>();
  private consumer?: Consumer;

  protected constructor(
    private readonly kafka: KafkaSettings,
    private readonly topic: string,
    private readonly groupPrefix: string,
  ) {}

  /** What a batch's messages change, for the streams. */
  protected abstract changesOf(messages: KafkaMessage[]): Promise<Change[]> | Change[];

  async onApplicationBootstrap(): Promise<void> {
    // the HTTP app and the Kafka microservice of a service share one container and both run this hook
    if (this.consumer) return;
    this.consumer = new Kafka(kafkaClientConfig(this.kafka, '-feed')).consumer({ groupId: `${this.groupPrefix}-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (!this.changes.observed) return;
        for (const change of await this.changesOf(batch.messages)) this.changes.next(change);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    this.changes.complete();
  }

  /** The message's event, or none (with a warning) when it cannot be read. */
  protected decoded<Data>(message: KafkaMessage): CloudEvent<Data>[] {
    try {
      return [decodeEvent<Data>(message.value, this.topic)];
    } catch (error) {
      this.logger.warn(`ignoring an unreadable event on ${this.topic}: ${(error as Error).message}`);
      return [];
    }
  }
}
