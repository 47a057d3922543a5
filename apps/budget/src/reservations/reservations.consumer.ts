import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, OrderEventData } from '#serapan/contracts';
import type { EventBatch } from '#serapan/messaging';
import { ReservationsService } from './reservations.service.js';

type Orders = EventBatch<OrderEventData>;

@Controller()
export class ReservationsConsumer {
  constructor(private readonly reservations: ReservationsService) {}

  @EventPattern(EventTypes.orderPlaced)
  onOrderPlaced(@Payload() batch: Orders) {
    return this.reservations.reserve(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderCancelled)
  onOrderCancelled(@Payload() batch: Orders) {
    return this.reservations.release(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderDeclined)
  onOrderDeclined(@Payload() batch: Orders) {
    return this.reservations.release(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderPaid)
  onOrderPaid(@Payload() batch: Orders) {
    return this.reservations.realise(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.orderAddendumAgreed)
  onOrderAddendumAgreed(@Payload() batch: Orders) {
    return this.reservations.amend(batch.manager, batch.events);
  }
}
