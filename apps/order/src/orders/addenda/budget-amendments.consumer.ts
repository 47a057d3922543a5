import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BudgetAmendmentEventData, EventTypes } from '#serapan/contracts';
import type { EventBatch } from '#serapan/messaging';
import { AddendumDecisionsService } from './addendum-decisions.service.js';

type Answers = EventBatch<BudgetAmendmentEventData>;

@Controller()
export class BudgetAmendmentsConsumer {
  constructor(private readonly decisions: AddendumDecisionsService) {}

  @EventPattern(EventTypes.budgetAmendmentReserved)
  onBudgetAmendmentReserved(@Payload() batch: Answers) {
    return this.decisions.apply(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.budgetAmendmentRejected)
  onBudgetAmendmentRejected(@Payload() batch: Answers) {
    return this.decisions.reject(batch.manager, batch.events);
  }
}
