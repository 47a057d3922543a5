import * as budget from './budget/budget-events.js';
import * as catalog from './catalog/product-events.js';
import * as order from './order/order-events.js';
import { EventSources, EventType, EventTypes, Topic, TopicOwners, Topics } from './topics.js';

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
  [EventTypes.orderNegotiationOpened]: { topic: Topics.order, data: order.OrderNegotiationOpenedEvent },
  [EventTypes.orderOfferMade]: { topic: Topics.order, data: order.OrderOfferMadeEvent },
  [EventTypes.orderNegotiationAgreed]: { topic: Topics.order, data: order.OrderNegotiationAgreedEvent },
  [EventTypes.orderApprovalRequested]: { topic: Topics.order, data: order.OrderApprovalRequestedEvent },
  [EventTypes.orderApprovalRefused]: { topic: Topics.order, data: order.OrderApprovalRefusedEvent },
  [EventTypes.orderAddendumProposed]: { topic: Topics.order, data: order.OrderAddendumProposedEvent },
  [EventTypes.orderAddendumAgreed]: { topic: Topics.order, data: order.OrderAddendumAgreedEvent },
  [EventTypes.orderAddendumRefused]: { topic: Topics.order, data: order.OrderAddendumRefusedEvent },
  [EventTypes.orderAddendumRejected]: { topic: Topics.order, data: order.OrderAddendumRejectedEvent },
  [EventTypes.orderAmended]: { topic: Topics.order, data: order.OrderAmendedEvent },
  [EventTypes.budgetReserved]: { topic: Topics.reservation, data: budget.BudgetReservedEvent },
  [EventTypes.budgetReservationRejected]: { topic: Topics.reservation, data: budget.BudgetReservationRejectedEvent },
  [EventTypes.budgetReleased]: { topic: Topics.reservation, data: budget.BudgetReleasedEvent },
  [EventTypes.budgetRealised]: { topic: Topics.reservation, data: budget.BudgetRealisedEvent },
  [EventTypes.budgetAmendmentReserved]: { topic: Topics.reservation, data: budget.BudgetAmendmentReservedEvent },
  [EventTypes.budgetAmendmentRejected]: { topic: Topics.reservation, data: budget.BudgetAmendmentRejectedEvent },
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

/**
 * An event whose `source` is not the service that owns its type: someone
 * else's credentials wrote it, so it is never applied.
 */
export class ForgedSourceError extends ContractViolationError {
  constructor(
    readonly type: EventType,
    readonly claimed: string,
    readonly expected: string,
  ) {
    super(`forged source: event type "${type}" is published by ${expected}, but this event claims source ${claimed}`);
    this.name = 'ForgedSourceError';
  }
}

/** The `source` of every genuine event of `type`: its topic's owner's. */
export const sourceOf = (type: EventType): string => EventSources[TopicOwners[EventRegistry[type].topic]];

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventRegistry, type);
}
