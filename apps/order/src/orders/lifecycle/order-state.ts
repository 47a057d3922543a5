import { ConflictError } from '#serapan/service';

export const ORDER_STATUSES = [
  'NEGOTIATING',
  'AWAITING_APPROVAL',
  'PENDING_BUDGET',
  'AWAITING_VENDOR',
  'REJECTED',
  'IN_PROCESS',
  'SHIPPED',
  'RECEIVED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A payment term's own progress: shipped by the vendor, received with its BAST, paid with its SP2D. */
export const TERM_STATUSES = ['PLANNED', 'SHIPPED', 'RECEIVED', 'PAID'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

/** An addendum's progress: proposed by the officer, agreed by the vendor, then reserved (applied) or rejected by the budget. */
export const ADDENDUM_STATUSES = ['PROPOSED', 'PENDING_BUDGET', 'APPLIED', 'REFUSED', 'WITHDRAWN', 'REJECTED'] as const;
export type AddendumStatus = (typeof ADDENDUM_STATUSES)[number];

/** What can happen to an order as a whole, and from which states (docs/domain.md, order lifecycle). */
export const TRANSITIONS = {
  offer: { from: ['NEGOTIATING'], to: 'NEGOTIATING' },
  agree: { from: ['NEGOTIATING'], to: 'AWAITING_APPROVAL' },
  withdraw: { from: ['NEGOTIATING'], to: 'CANCELLED' },
  lapse: { from: ['NEGOTIATING'], to: 'CANCELLED' },
  approve: { from: ['AWAITING_APPROVAL'], to: 'PENDING_BUDGET' },
  refuse: { from: ['AWAITING_APPROVAL'], to: 'REJECTED' },
  reserve: { from: ['PENDING_BUDGET'], to: 'AWAITING_VENDOR' },
  reject: { from: ['PENDING_BUDGET'], to: 'REJECTED' },
  accept: { from: ['AWAITING_VENDOR'], to: 'IN_PROCESS' },
  decline: { from: ['AWAITING_VENDOR'], to: 'CANCELLED' },
  expire: { from: ['AWAITING_VENDOR'], to: 'CANCELLED' },
  cancel: { from: ['AWAITING_APPROVAL', 'PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export type OrderAction = keyof typeof TRANSITIONS;

/** What is done per payment term; the order's status follows from its terms' (statusOfTerms). */
export const TERM_TRANSITIONS = {
  ship: { orderIn: ['IN_PROCESS'], from: 'PLANNED', to: 'SHIPPED' },
  receive: { orderIn: ['IN_PROCESS', 'SHIPPED'], from: 'SHIPPED', to: 'RECEIVED' },
  pay: { orderIn: ['IN_PROCESS', 'SHIPPED', 'RECEIVED'], from: 'RECEIVED', to: 'PAID' },
} as const satisfies Record<string, { orderIn: readonly OrderStatus[]; from: TermStatus; to: TermStatus }>;

export type TermAction = keyof typeof TERM_TRANSITIONS;

/** What is done to an addendum, from which of its states; proposing needs a running contract (ADDENDUM_ORDER_STATES) and no open addendum. */
export const ADDENDUM_TRANSITIONS = {
  agree: { from: 'PROPOSED', to: 'PENDING_BUDGET' },
  refuse: { from: 'PROPOSED', to: 'REFUSED' },
  withdraw: { from: 'PROPOSED', to: 'WITHDRAWN' },
  apply: { from: 'PENDING_BUDGET', to: 'APPLIED' },
  reject: { from: 'PENDING_BUDGET', to: 'REJECTED' },
} as const satisfies Record<string, { from: AddendumStatus; to: AddendumStatus }>;

export type AddendumAction = keyof typeof ADDENDUM_TRANSITIONS;

/** An order may be changed by addendum after the vendor accepted and before it is complete. */
export const ADDENDUM_ORDER_STATES: readonly OrderStatus[] = ['IN_PROCESS', 'SHIPPED', 'RECEIVED'];

/** An addendum still waiting for the vendor or the budget: while one is, the order takes no other addendum, shipment or cancellation. */
export const OPEN_ADDENDUM_STATES: readonly AddendumStatus[] = ['PROPOSED', 'PENDING_BUDGET'];

export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly current: OrderStatus,
    readonly action: string,
    detail?: string,
  ) {
    super(
      detail
        ? `cannot ${action} an order that is ${current}: ${detail}`
        : `cannot ${action} an order that is ${current}; allowed only when ${allowedFrom(action)}`,
    );
  }
}

function allowedFrom(action: string): string {
  if (action in TRANSITIONS) return TRANSITIONS[action as OrderAction].from.join(' or ');
  if (action in TERM_TRANSITIONS) return TERM_TRANSITIONS[action as TermAction].orderIn.join(' or ');
  return ADDENDUM_ORDER_STATES.join(' or ');
}

/** The state after `action`, or an IllegalTransitionError naming the current state. */
export function nextStatus(current: OrderStatus, action: OrderAction): OrderStatus {
  const transition = TRANSITIONS[action];
  if (!(transition.from as readonly OrderStatus[]).includes(current)) throw new IllegalTransitionError(current, action);
  return transition.to;
}

/** The order as the term and addendum rules see it. */
export interface ContractState {
  status: OrderStatus;
  /** In term order, numbered from 1. */
  terms: readonly { termNo: number; status: TermStatus }[];
  /** The addendum still open, if any. */
  openAddendum?: { number: number; status: AddendumStatus };
}

/**
 * The order's status from its terms': complete when every term is paid,
 * received when every term is at least received, shipped when every term is at
 * least shipped, otherwise in process. A one-term order thus moves exactly as
 * shipping, receiving and paying always moved it.
 */
export function statusOfTerms(terms: readonly { status: TermStatus }[]): OrderStatus {
  const least = Math.min(...terms.map((t) => TERM_STATUSES.indexOf(t.status)));
  return (['IN_PROCESS', 'SHIPPED', 'RECEIVED', 'COMPLETED'] as const)[least];
}

/**
 * One term's step: which term (the one named, or the first that can take the
 * step), its new status, and the order's status after it. Terms ship in their
 * order; no shipment while an addendum is open. Throws an
 * IllegalTransitionError naming the order's and the term's state.
 */
export function termStep(order: ContractState, action: TermAction, termNo?: number): { termNo: number; termStatus: TermStatus; orderStatus: OrderStatus } {
  const step = TERM_TRANSITIONS[action];
  if (!(step.orderIn as readonly OrderStatus[]).includes(order.status)) throw new IllegalTransitionError(order.status, action);
  const term = termNo === undefined ? order.terms.find((t) => t.status === step.from) : order.terms.find((t) => t.termNo === termNo);
  if (!term) {
    throw new IllegalTransitionError(
      order.status,
      action,
      termNo === undefined ? `no term is ${step.from}` : `it has terms 1–${order.terms.length}, not term ${termNo}`,
    );
  }
  if (term.status !== step.from)
    throw new IllegalTransitionError(order.status, `${action} term ${term.termNo} of`, `that term is ${term.status}, not ${step.from}`);
  if (action === 'ship') {
    const earlier = order.terms.find((t) => t.termNo < term.termNo && t.status === 'PLANNED');
    if (earlier) throw new IllegalTransitionError(order.status, `ship term ${term.termNo} of`, `term ${earlier.termNo} ships first`);
    if (order.openAddendum) {
      throw new IllegalTransitionError(order.status, 'ship', `addendum ${order.openAddendum.number} is ${order.openAddendum.status}; it must be settled first`);
    }
  }
  const terms = order.terms.map((t) => (t.termNo === term.termNo ? { status: step.to } : t));
  return { termNo: term.termNo, termStatus: step.to, orderStatus: statusOfTerms(terms) };
}

/** Whether the officer may cancel: as the state machine says, and not once a term has shipped or while an addendum is open. */
export function assertCancellable(order: ContractState): void {
  nextStatus(order.status, 'cancel');
  const shipped = order.terms.find((t) => t.status !== 'PLANNED');
  if (order.status === 'IN_PROCESS' && shipped) throw new IllegalTransitionError(order.status, 'cancel', `term ${shipped.termNo} is already ${shipped.status}`);
  const open = order.openAddendum;
  if (open?.status === 'PENDING_BUDGET') throw new IllegalTransitionError(order.status, 'cancel', `addendum ${open.number} is waiting for the budget's answer`);
  if (open) throw new IllegalTransitionError(order.status, 'cancel', `addendum ${open.number} is ${open.status}; withdraw it first`);
}

/** Whether an addendum may be proposed now: the contract runs (accepted, not complete) and no other addendum is open. */
export function assertAddendumMayOpen(order: ContractState): void {
  if (!ADDENDUM_ORDER_STATES.includes(order.status)) throw new IllegalTransitionError(order.status, 'propose an addendum to');
  if (order.openAddendum) {
    throw new IllegalTransitionError(order.status, 'propose an addendum to', `addendum ${order.openAddendum.number} is still ${order.openAddendum.status}`);
  }
}

export class IllegalAddendumStepError extends ConflictError {}

/** An addendum's state after `action`, or a 409 naming its current state. */
export function nextAddendumStatus(current: AddendumStatus, action: AddendumAction, number: number): AddendumStatus {
  const step = ADDENDUM_TRANSITIONS[action];
  if (current !== step.from) throw new IllegalAddendumStepError(`cannot ${action} addendum ${number}: it is ${current}; allowed only when ${step.from}`);
  return step.to;
}
