import { Module } from '@nestjs/common';
import { ApprovalController } from '../approval/approval.controller.js';
import { ApprovalService } from '../approval/approval.service.js';
import { NegotiationController } from '../negotiation/negotiation.controller.js';
import { NegotiationService } from '../negotiation/negotiation.service.js';
import { QueriesModule } from '../queries/queries.module.js';
import { BudgetDecisionsConsumer } from './budget-decisions.consumer.js';
import { BudgetDecisionsService } from './budget-decisions.service.js';
import { OrderLifecycleController } from './order-lifecycle.controller.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { OrderTransitions } from './order-transitions.js';
import { VendorDeadlineSweeper } from './vendor-deadline.sweeper.js';

/** An order's way after placement: negotiation, approval, the budget's answer, the vendor's deadline, and each person's step. */
@Module({
  imports: [QueriesModule],
  controllers: [OrderLifecycleController, NegotiationController, ApprovalController, BudgetDecisionsConsumer],
  providers: [OrderLifecycleService, OrderTransitions, BudgetDecisionsService, VendorDeadlineSweeper, NegotiationService, ApprovalService],
  exports: [OrderLifecycleService, OrderTransitions],
})
export class LifecycleModule {}
