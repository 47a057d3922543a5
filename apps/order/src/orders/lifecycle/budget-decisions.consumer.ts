import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BudgetReservationEventData, EventTypes } from '#serapan/contracts';
import type { EventBatch } from '#serapan/messaging';
import { BudgetDecisionsService } from './budget-decisions.service.js';

type Answers = EventBatch<BudgetReservationEventData>;

@Controller()
export class BudgetDecisionsConsumer {
  constructor(private readonly decisions: BudgetDecisionsService) {}

  @EventPattern(EventTypes.budgetReserved)
  onBudgetReserved(@Payload() batch: Answers) {
    return this.decisions.confirm(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.budgetReservationRejected)
  onBudgetReservationRejected(@Payload() batch: Answers) {
    return this.decisions.reject(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.budgetReleased)
  onBudgetReleased(@Payload() batch: Answers) {
    return this.decisions.noteSettlement(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.budgetRealised)
  onBudgetRealised(@Payload() batch: Answers) {
    return this.decisions.noteSettlement(batch.manager, batch.events);
  }
}
