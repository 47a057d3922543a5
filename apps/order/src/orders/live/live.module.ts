import { Module } from '@nestjs/common';
import { OrderFeed } from './order-feed.js';
import { OrderStreamController } from './order-stream.controller.js';
import { OrderStreamService } from './order-stream.service.js';

/** The live stream of order changes, each caller's own. */
@Module({
  controllers: [OrderStreamController],
  providers: [OrderStreamService, OrderFeed],
})
export class LiveModule {}
