import { DynamicModule, Module } from '@nestjs/common';
import { InboxService } from './inbox/inbox.service.js';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox/outbox.relay.js';
import { OutboxService } from './outbox/outbox.service.js';

export { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';

/**
 * The outbox, its relay and the inbox for one service. Needs a TypeORM
 * DataSource in the application (TypeOrmModule.forRoot).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, OutboxService, OutboxRelay, InboxService],
      exports: [OutboxService, OutboxRelay, InboxService, MESSAGING_OPTIONS],
    };
  }
}
