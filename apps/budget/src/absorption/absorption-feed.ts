import { Inject, Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { AbsorptionChangedEvent, Topics } from '#serapan/contracts';
import { LiveFeed, MESSAGING_OPTIONS, type MessagingOptions } from '#serapan/messaging';

/** Every `absorption.changed`, for this instance's live streams. */
@Injectable()
export class AbsorptionFeed extends LiveFeed<AbsorptionChangedEvent & { eventId: string; time: string }> {
  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    super(options.kafka, Topics.absorption, 'serapan-budget-feed');
  }

  protected changesOf(messages: KafkaMessage[]) {
    return messages.flatMap((message) =>
      this.decoded<AbsorptionChangedEvent>(message).map((event) => ({ ...event.data, eventId: event.id, time: event.time })),
    );
  }
}
