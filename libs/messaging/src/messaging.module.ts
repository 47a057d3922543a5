import { DynamicModule, Module } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options.js';
import { OutboxMetrics } from './outbox/outbox.metrics.js';
import { OutboxRelay } from './outbox/outbox.relay.js';
import { OutboxService } from './outbox/outbox.service.js';

export { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';

/**
 * The outbox and its relay for one service, and their metrics. Consumers run on the
 * EventBatchServer transport, which records the inbox itself.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, OutboxService, OutboxRelay, OutboxMetrics],
      exports: [OutboxService, OutboxRelay, MESSAGING_OPTIONS],
    };
  }
}
