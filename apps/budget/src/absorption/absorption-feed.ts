import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';
import { Subject } from 'rxjs';
import { AbsorptionChangedEvent, decodeEvent, Topics } from '#serapan/contracts';
import { kafkaClientConfig, MESSAGING_OPTIONS, type MessagingOptions } from '#serapan/messaging';

/**
 * Every instance reads `absorption.changed` with a group of its own, so each
 * replica's live streams see every change, whichever replica made it.
 */
@Injectable()
export class AbsorptionFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AbsorptionFeed.name);
  readonly changes = new Subject<AbsorptionChangedEvent & { eventId: string; time: string }>();
  private consumer?: Consumer;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    // the HTTP app and the Kafka microservice of a service share one container and both run this hook
    if (this.consumer) return;
    this.consumer = new Kafka(kafkaClientConfig(this.options.kafka, '-feed')).consumer({
      groupId: `serapan-budget-feed-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.absorption, fromBeginning: false });
    await this.consumer.run({
      // a group of its own that always starts at the end: nothing to commit
      autoCommit: false,
      eachBatch: ({ batch }) => {
        for (const message of batch.messages) {
          try {
            const event = decodeEvent<AbsorptionChangedEvent>(message.value, Topics.absorption);
            this.changes.next({ ...event.data, eventId: event.id, time: event.time });
          } catch (error) {
            this.logger.warn(`ignoring an unreadable absorption event: ${(error as Error).message}`);
          }
        }
        return Promise.resolve();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    this.changes.complete();
  }
}
