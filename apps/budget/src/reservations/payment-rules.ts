import { Commitment, minus, negativePartOf, plus } from './commitment.js';

export type ReservationStatus = 'committed' | 'rejected' | 'released' | 'realised';

/** A reservation as a payment or an addendum finds it. */
export interface HeldReservation {
  status: ReservationStatus;
  /**
   * While committed, what the order still holds of its line; a settled
   * reservation keeps what it held when the event that settled it came.
   */
  held: Commitment;
}

/** The step of a payment in one: an `order.paid` without `payment`, from before payment terms. */
export const WHOLE_ORDER = 'order';

/** One `order.paid` as the budget books it. */
export interface PaymentStep {
  orderId: string;
  /** `term N` for a term's payment, WHOLE_ORDER for a payment in one. */
  step: string;
  /** What is realised; absent for a payment in one: all the order still holds. */
  paid?: Commitment;
  /** What is released: the late penalty withheld from the payment. */
  penalty: Commitment;
  /** The last payment: what the order still holds after it is released too, and the reservation is settled. */
  final: boolean;
}

export type PaymentOutcome =
  | { outcome: 'applied'; realised: Commitment; released: Commitment }
  /** A payment in one of an order already realised: a repeat under another event id. */
  | { outcome: 'repeat' }
  | { outcome: 'refused'; reason: string };

/**
 * Books payments in arrival order, each on what the order holds after the
 * ones before it: what was paid moves from committed to realised, the penalty
 * is released, and the final payment releases whatever is left (nothing, when
 * the terms add up to the order) and settles the reservation as realised. A
 * payment of an order that holds no committed reservation, or of more than it
 * holds in any part, is refused. Returns each outcome and every reservation
 * as it is after them.
 */
export function settlePayments(
  reservations: ReadonlyMap<string, HeldReservation>,
  payments: readonly PaymentStep[],
): { outcomes: PaymentOutcome[]; after: Map<string, HeldReservation> } {
  const after = new Map(reservations);
  const outcomes = payments.map((payment): PaymentOutcome => {
    const { orderId, step } = payment;
    const reservation = after.get(orderId);
    if (reservation?.status !== 'committed') {
      if (step === WHOLE_ORDER && reservation?.status === 'realised') return { outcome: 'repeat' };
      const which = step === WHOLE_ORDER ? '' : ` for ${step}`;
      return { outcome: 'refused', reason: `order ${orderId} was paid${which} but holds no committed reservation (${reservation?.status ?? 'none'})` };
    }
    const realised = payment.paid ?? reservation.held;
    const left = minus(minus(reservation.held, realised), payment.penalty);
    const short = negativePartOf(left);
    if (short) {
      return {
        outcome: 'refused',
        reason: `${step} of order ${orderId} realises ${realised.amountIdr} and releases ${payment.penalty.amountIdr}, more than the order holds (${short} would be left)`,
      };
    }
    after.set(orderId, payment.final ? { status: 'realised', held: reservation.held } : { status: 'committed', held: left });
    return { outcome: 'applied', realised, released: payment.final ? plus(payment.penalty, left) : payment.penalty };
  });
  return { outcomes, after };
}
