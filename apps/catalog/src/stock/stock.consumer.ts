import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, OrderAcceptedEvent, OrderCancelledEvent, OrderDeclinedEvent } from '#serapan/contracts';
import { ConsumedEvent } from '#serapan/messaging';
import { StockService } from './stock.service.js';

@Controller()
export class StockConsumer {
  constructor(private readonly stock: StockService) {}

  @EventPattern(EventTypes.orderAccepted)
  onOrderAccepted(@Payload() event: ConsumedEvent<OrderAcceptedEvent>): Promise<void> {
    return this.stock.take(event);
  }

  @EventPattern(EventTypes.orderCancelled)
  onOrderCancelled(@Payload() event: ConsumedEvent<OrderCancelledEvent>): Promise<void> {
    return this.stock.restore(event);
  }

  @EventPattern(EventTypes.orderDeclined)
  onOrderDeclined(@Payload() event: ConsumedEvent<OrderDeclinedEvent>): Promise<void> {
    return this.stock.restore(event);
  }
}
