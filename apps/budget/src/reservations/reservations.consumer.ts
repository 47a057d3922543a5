import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import type { ConsumedEvent } from '#serapan/messaging';
import { ReservationsService } from './reservations.service.js';

@Controller()
export class ReservationsConsumer {
  constructor(private readonly reservations: ReservationsService) {}

  @EventPattern(EventTypes.orderPlaced)
  onOrderPlaced(@Payload() event: ConsumedEvent<OrderEventData>) {
    return this.reservations.reserve(event);
  }

  @EventPattern(EventTypes.orderCancelled)
  onOrderCancelled(@Payload() event: ConsumedEvent<OrderEventData>) {
    return this.reservations.release(event);
  }

  @EventPattern(EventTypes.orderDeclined)
  onOrderDeclined(@Payload() event: ConsumedEvent<OrderEventData>) {
    return this.reservations.release(event);
  }

  @EventPattern(EventTypes.orderPaid)
  onOrderPaid(@Payload() event: ConsumedEvent<OrderEventData>) {
    return this.reservations.realise(event);
  }
}
