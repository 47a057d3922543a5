import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BudgetReservationEventData, EventTypes } from '#serapan/contracts';
import type { ConsumedEvent } from '#serapan/messaging';
import { BudgetDecisionsService } from './budget-decisions.service.js';

@Controller()
export class BudgetDecisionsConsumer {
  constructor(private readonly decisions: BudgetDecisionsService) {}

  @EventPattern(EventTypes.budgetReserved)
  onBudgetReserved(@Payload() event: ConsumedEvent<BudgetReservationEventData>) {
    return this.decisions.reserved(event);
  }

  @EventPattern(EventTypes.budgetReservationRejected)
  onBudgetReservationRejected(@Payload() event: ConsumedEvent<BudgetReservationEventData>) {
    return this.decisions.rejected(event);
  }

  @EventPattern(EventTypes.budgetReleased)
  onBudgetReleased(@Payload() event: ConsumedEvent<BudgetReservationEventData>) {
    return this.decisions.settled(event);
  }

  @EventPattern(EventTypes.budgetRealised)
  onBudgetRealised(@Payload() event: ConsumedEvent<BudgetReservationEventData>) {
    return this.decisions.settled(event);
  }
}
