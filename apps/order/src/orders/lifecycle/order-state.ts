import { ConflictError } from '#serapan/service';

export const ORDER_STATUSES = ['PENDING_BUDGET', 'AWAITING_VENDOR', 'REJECTED', 'IN_PROCESS', 'SHIPPED', 'RECEIVED', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What can happen to an order, and from which states (docs/domain.md, order lifecycle). */
export const TRANSITIONS = {
  reserve: { from: ['PENDING_BUDGET'], to: 'AWAITING_VENDOR' },
  reject: { from: ['PENDING_BUDGET'], to: 'REJECTED' },
  accept: { from: ['AWAITING_VENDOR'], to: 'IN_PROCESS' },
  decline: { from: ['AWAITING_VENDOR'], to: 'CANCELLED' },
  expire: { from: ['AWAITING_VENDOR'], to: 'CANCELLED' },
  cancel: { from: ['PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS'], to: 'CANCELLED' },
  ship: { from: ['IN_PROCESS'], to: 'SHIPPED' },
  receive: { from: ['SHIPPED'], to: 'RECEIVED' },
  pay: { from: ['RECEIVED'], to: 'COMPLETED' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export type OrderAction = keyof typeof TRANSITIONS;

export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly current: OrderStatus,
    readonly action: OrderAction,
  ) {
    super(`cannot ${action} an order that is ${current}; allowed only when ${TRANSITIONS[action].from.join(' or ')}`);
  }
}

/** The state after `action`, or an IllegalTransitionError naming the current state. */
export function nextStatus(current: OrderStatus, action: OrderAction): OrderStatus {
  const transition = TRANSITIONS[action];
  if (!(transition.from as readonly OrderStatus[]).includes(current)) throw new IllegalTransitionError(current, action);
  return transition.to;
}
