import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { QueriesModule } from '../queries/queries.module.js';
import { AddendaController } from './addenda.controller.js';
import { AddendaService } from './addenda.service.js';
import { AddendumDecisionsService } from './addendum-decisions.service.js';
import { BudgetAmendmentsConsumer } from './budget-amendments.consumer.js';

/** Addenda (change orders) to a running contract: proposed, agreed or refused, then applied or rejected by the budget. */
@Module({
  imports: [QueriesModule, LifecycleModule],
  controllers: [AddendaController, BudgetAmendmentsConsumer],
  providers: [AddendaService, AddendumDecisionsService],
})
export class AddendaModule {}
