import { Inject, Injectable, Logger } from '@nestjs/common';
import { BudgetReservationEventData, EventTypes } from '#serapan/contracts';
import { ConsumedEvent, InboxService } from '#serapan/messaging';
import { ORDER_CONSUMER_GROUP } from '../catalog/catalog-projection.service.js';
import { ORDER_RULES, OrderRules, OrdersService } from './orders.service.js';

const BUDGET = { name: 'budget' };

/** The order side of the saga: the budget's answers move the order on. */
@Injectable()
export class BudgetDecisionsService {
  private readonly logger = new Logger(BudgetDecisionsService.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly orders: OrdersService,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  reserved(event: ConsumedEvent<BudgetReservationEventData>) {
    return this.inbox.once(ORDER_CONSUMER_GROUP, event, async (manager) => {
      const { orderId, amountIdr, remainingIdr } = event.data;
      const moved = await this.orders.transitionIn(manager, orderId, 'reserve', BUDGET, {
        set: { vendorDeadlineAt: this.rules.vendorDeadline(new Date()) },
        event: EventTypes.orderConfirmed,
        cause: `budget reserved ${amountIdr}; ${remainingIdr} of the line remains`,
      });
      if (!moved) this.logger.log(`order ${orderId} was no longer waiting for budget; reservation noted only`);
    });
  }

  rejected(event: ConsumedEvent<BudgetReservationEventData>) {
    return this.inbox.once(ORDER_CONSUMER_GROUP, event, async (manager) => {
      const reason = event.data.reason ?? 'the budget line cannot cover this order';
      await this.orders.transitionIn(manager, event.data.orderId, 'reject', BUDGET, { set: { reason }, event: EventTypes.orderRejected, cause: `budget rejected: ${reason}` });
    });
  }

  settled(event: ConsumedEvent<BudgetReservationEventData>) {
    return this.inbox.once(ORDER_CONSUMER_GROUP, event, async (manager) => {
      const what = event.type === EventTypes.budgetRealised ? 'realised' : 'released';
      await this.orders.note(manager, event.data.orderId, BUDGET, `budget ${what} ${event.data.amountIdr}`);
    });
  }
}
