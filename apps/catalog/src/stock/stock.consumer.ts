import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import type { EventBatch } from '#serapan/messaging';
import { StockService } from './stock.service.js';

type Orders = EventBatch<OrderEventData>;

@Controller()
export class StockConsumer {
  constructor(private readonly stock: StockService) {}

  @EventPattern(EventTypes.orderAccepted)
  onOrderAccepted(@Payload() batch: Orders): Promise<void> {
    return this.stock.take(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderCancelled)
  onOrderCancelled(@Payload() batch: Orders): Promise<void> {
    return this.stock.restore(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderAmended)
  onOrderAmended(@Payload() batch: Orders): Promise<void> {
    return this.stock.amend(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderDeclined)
  onOrderDeclined(@Payload() batch: Orders): Promise<void> {
    return this.stock.restore(batch.manager, batch.events);
  }
}
