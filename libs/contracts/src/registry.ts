import * as budget from './budget/budget-events.js';
import * as catalog from './catalog/product-events.js';
import * as order from './order/order-events.js';
import { EventType, EventTypes, Topic, Topics } from './topics.js';

type DataClass = new () => object;

/** Which topic each event type travels on and which class describes its data. */
export const EventRegistry: Record<EventType, { topic: Topic; data: DataClass }> = {
  [EventTypes.productListed]: { topic: Topics.product, data: catalog.ProductListedEvent },
  [EventTypes.productUpdated]: { topic: Topics.product, data: catalog.ProductUpdatedEvent },
  [EventTypes.productDelisted]: { topic: Topics.product, data: catalog.ProductDelistedEvent },
  [EventTypes.orderPlaced]: { topic: Topics.order, data: order.OrderPlacedEvent },
  [EventTypes.orderConfirmed]: { topic: Topics.order, data: order.OrderConfirmedEvent },
  [EventTypes.orderRejected]: { topic: Topics.order, data: order.OrderRejectedEvent },
  [EventTypes.orderAccepted]: { topic: Topics.order, data: order.OrderAcceptedEvent },
  [EventTypes.orderDeclined]: { topic: Topics.order, data: order.OrderDeclinedEvent },
  [EventTypes.orderShipped]: { topic: Topics.order, data: order.OrderShippedEvent },
  [EventTypes.orderReceived]: { topic: Topics.order, data: order.OrderReceivedEvent },
  [EventTypes.orderPaid]: { topic: Topics.order, data: order.OrderPaidEvent },
  [EventTypes.orderCancelled]: { topic: Topics.order, data: order.OrderCancelledEvent },
  [EventTypes.budgetReserved]: { topic: Topics.reservation, data: budget.BudgetReservedEvent },
  [EventTypes.budgetReservationRejected]: { topic: Topics.reservation, data: budget.BudgetReservationRejectedEvent },
  [EventTypes.budgetReleased]: { topic: Topics.reservation, data: budget.BudgetReleasedEvent },
  [EventTypes.budgetRealised]: { topic: Topics.reservation, data: budget.BudgetRealisedEvent },
  [EventTypes.absorptionChanged]: { topic: Topics.absorption, data: budget.AbsorptionChangedEvent },
  [EventTypes.reportPublished]: { topic: Topics.report, data: budget.ReportPublishedEvent },
};

/** An event that breaks the contract: it will never succeed, so it is dead-lettered. */
export class ContractViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventRegistry, type);
}
