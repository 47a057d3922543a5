import { Module } from '@nestjs/common';
import { QueriesModule } from '../queries/queries.module.js';
import { BudgetDecisionsConsumer } from './budget-decisions.consumer.js';
import { BudgetDecisionsService } from './budget-decisions.service.js';
import { OrderLifecycleController } from './order-lifecycle.controller.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { OrderTransitions } from './order-transitions.js';
import { VendorDeadlineSweeper } from './vendor-deadline.sweeper.js';

/** An order's way after placement: the budget's answer, the vendor's deadline, and each person's step. */
@Module({
  imports: [QueriesModule],
  controllers: [OrderLifecycleController, BudgetDecisionsConsumer],
  providers: [OrderLifecycleService, OrderTransitions, BudgetDecisionsService, VendorDeadlineSweeper],
  exports: [OrderLifecycleService],
})
export class LifecycleModule {}
