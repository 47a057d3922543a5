import { Commitment, negativePartOf, plus } from './commitment.js';
import type { HeldReservation } from './payment-rules.js';
import type { LineFigures } from './reservation-rules.js';

/** An agreed addendum asking to change what its order holds. */
export interface AmendmentRequest {
  orderId: string;
  addendumNumber: number;
  /** Its order's line, as `lineKeyOf` writes it. */
  lineKey: string;
  /** Signed per part: what the addendum adds (or, negative, takes away). */
  change: Commitment;
}

export interface AmendmentDecision {
  orderId: string;
  addendumNumber: number;
  applied: boolean;
  /** pagu − blokir − committed − realised of the line after this decision. */
  remainingIdr: bigint;
  reason?: string;
  /** Why it was rejected, as a code (a metric's label). */
  rejection?: AmendmentRejection;
}

export type AmendmentRejection = 'not_committed' | 'no_budget_line' | 'exceeds_remaining_pagu' | 'exceeds_commitment';

/**
 * Decides agreed addenda in arrival order, each on its line and order as the
 * ones before left them. Only an order holding a committed reservation can be
 * amended. An increase of the amount is reserved only if it fits what the line
 * has left (pagu − blokir − committed − realised), else the addendum is
 * rejected whole; a decrease, or no change of the amount, always applies,
 * unless it would take away more than the order holds in some part. Returns
 * each decision and every reservation as it is after them.
 */
export function decideAmendments(
  lines: ReadonlyMap<string, LineFigures>,
  reservations: ReadonlyMap<string, HeldReservation>,
  requests: readonly AmendmentRequest[],
): { decisions: AmendmentDecision[]; after: Map<string, HeldReservation> } {
  const remaining = new Map([...lines].map(([key, l]) => [key, l.paguIdr - l.blokirIdr - l.committedIdr - l.realisedIdr]));
  const after = new Map(reservations);
  const decisions = requests.map((request): AmendmentDecision => {
    const { orderId, addendumNumber, lineKey, change } = request;
    const left = remaining.get(lineKey);
    const rejected = (rejection: AmendmentRejection, reason: string): AmendmentDecision => ({
      orderId,
      addendumNumber,
      applied: false,
      remainingIdr: left ?? 0n,
      reason,
      rejection,
    });
    const reservation = after.get(orderId);
    if (reservation?.status !== 'committed') {
      return rejected('not_committed', `order ${orderId} holds no committed reservation to amend (${reservation?.status ?? 'none'})`);
    }
    if (left === undefined) return rejected('no_budget_line', `no budget line ${lineKey} has been allocated`);
    const held = plus(reservation.held, change);
    const short = negativePartOf(held);
    if (short) return rejected('exceeds_commitment', `addendum ${addendumNumber} takes away more than order ${orderId} holds (${short} would be left)`);
    if (change.amountIdr > 0n && change.amountIdr > left) {
      return rejected(
        'exceeds_remaining_pagu',
        `addendum ${addendumNumber} adds ${change.amountIdr} to order ${orderId}, more than the remaining pagu ${left} of line ${lineKey} (pagu − blokir − committed − realised)`,
      );
    }
    remaining.set(lineKey, left - change.amountIdr);
    after.set(orderId, { status: 'committed', held });
    return { orderId, addendumNumber, applied: true, remainingIdr: left - change.amountIdr };
  });
  return { decisions, after };
}
