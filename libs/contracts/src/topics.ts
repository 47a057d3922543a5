/** Kafka topics of the v1 event catalog. Keys are aggregate ids. */
export const Topics = {
  product: 'catalog.product.v1',
  order: 'order.order.v1',
  reservation: 'budget.reservation.v1',
  absorption: 'budget.absorption.v1',
  report: 'budget.report.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** The services that own data and publish events. */
export const SERVICE_NAMES = ['catalog', 'order', 'budget'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Who publishes each topic; only its owner provisions it (with its dead-letter topic). */
export const TopicOwners: Record<Topic, ServiceName> = {
  [Topics.product]: 'catalog',
  [Topics.order]: 'order',
  [Topics.reservation]: 'budget',
  [Topics.absorption]: 'budget',
  [Topics.report]: 'budget',
};

/**
 * How long each topic keeps its events: the product topic keeps the latest
 * event of every key (compacted: every product's whole state, for ever); the
 * others keep every event for the retention period (a fiscal year and more).
 */
export const TopicKeeping: Record<Topic, 'latest-per-key' | 'retention-period'> = {
  [Topics.product]: 'latest-per-key',
  [Topics.order]: 'retention-period',
  [Topics.reservation]: 'retention-period',
  [Topics.absorption]: 'retention-period',
  [Topics.report]: 'retention-period',
};

/**
 * Days the order and budget topics keep their events. At least a fiscal year
 * (up to 366 days), so the whole year can be replayed; by default five weeks
 * more, so January's events are still there while the year is closed.
 */
export const RetentionDays = { least: 366, default: 400 } as const;

/**
 * The CloudEvents `source` each service stamps on the events it publishes.
 * Consumers refuse an event whose source is not its type's owner's (a forged
 * one is dead-lettered), so one service's credentials cannot speak for another.
 */
export const EventSources: Record<ServiceName, string> = {
  catalog: '/serapan/catalog',
  order: '/serapan/order',
  budget: '/serapan/budget',
};

/**
 * The topics each service reads: its consumers', and the live feeds' (the
 * budget's absorption feed, the order service's order feed). The broker lets a service read these and nothing else, and write
 * only to its own topics and to the dead-letter topics of these.
 */
export const TopicsReadBy: Record<ServiceName, Topic[]> = {
  catalog: [Topics.order],
  order: [Topics.product, Topics.reservation, Topics.order],
  budget: [Topics.order, Topics.absorption],
};

export const topicsOwnedBy = (service: ServiceName): Topic[] => (Object.keys(TopicOwners) as Topic[]).filter((topic) => TopicOwners[topic] === service);

/**
 * The consumer group of a service: all its replicas share it. Groups of its
 * own reads (`serapan-budget-feed-…`) begin with it too, and the broker lets
 * the service use the groups with this prefix only.
 */
export const consumerGroupOf = (service: ServiceName): string => `serapan-${service}`;

/** The dead-letter topic paired with a topic. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const EventTypes = {
  productListed: 'product.listed',
  productUpdated: 'product.updated',
  productDelisted: 'product.delisted',
  orderPlaced: 'order.placed',
  orderConfirmed: 'order.confirmed',
  orderRejected: 'order.rejected',
  orderAccepted: 'order.accepted',
  orderDeclined: 'order.declined',
  orderShipped: 'order.shipped',
  orderReceived: 'order.received',
  orderPaid: 'order.paid',
  orderCancelled: 'order.cancelled',
  orderNegotiationOpened: 'order.negotiation-opened',
  orderOfferMade: 'order.offer-made',
  orderNegotiationAgreed: 'order.negotiation-agreed',
  orderApprovalRequested: 'order.approval-requested',
  orderApprovalRefused: 'order.approval-refused',
  orderAddendumProposed: 'order.addendum-proposed',
  orderAddendumAgreed: 'order.addendum-agreed',
  orderAddendumRefused: 'order.addendum-refused',
  orderAddendumRejected: 'order.addendum-rejected',
  orderAmended: 'order.amended',
  budgetReserved: 'budget.reserved',
  budgetReservationRejected: 'budget.reservation-rejected',
  budgetReleased: 'budget.released',
  budgetRealised: 'budget.realised',
  budgetAmendmentReserved: 'budget.amendment-reserved',
  budgetAmendmentRejected: 'budget.amendment-rejected',
  absorptionChanged: 'absorption.changed',
  reportPublished: 'report.published',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];
