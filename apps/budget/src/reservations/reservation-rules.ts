/** What a reservation decision needs of a budget line. */
export interface LineFigures {
  paguIdr: bigint;
  committedIdr: bigint;
  realisedIdr: bigint;
}

/** An order asking its line for its total. */
export interface ReservationRequest {
  orderId: string;
  /** Its line, as `lineKeyOf` writes it. */
  lineKey: string;
  totalIdr: bigint;
}

export interface ReservationDecision {
  orderId: string;
  lineKey: string;
  reserved: boolean;
  /** pagu − committed − realised of the line after this decision. */
  remainingIdr: bigint;
  /** Why it was rejected. */
  reason?: string;
  /** Why it was rejected, as a code (a metric's label). */
  rejection?: ReservationRejection;
}

export type ReservationRejection = 'no_budget_line' | 'exceeds_remaining_pagu';

/**
 * Decides a batch of reservations in arrival order, line by line: an order is
 * reserved whole when its total fits what its line has left after the orders
 * before it, and rejected whole otherwise (a later, smaller order may still
 * fit). Returns each decision and what each line commits in all.
 */
export function decideReservations(
  lines: ReadonlyMap<string, LineFigures>,
  requests: readonly ReservationRequest[],
): { decisions: ReservationDecision[]; committedByLine: Map<string, bigint> } {
  const remaining = new Map([...lines].map(([key, l]) => [key, l.paguIdr - l.committedIdr - l.realisedIdr]));
  const committedByLine = new Map<string, bigint>();
  const decisions = requests.map((request): ReservationDecision => {
    const left = remaining.get(request.lineKey);
    if (left === undefined)
      return {
        orderId: request.orderId,
        lineKey: request.lineKey,
        reserved: false,
        remainingIdr: 0n,
        reason: `no budget line ${request.lineKey} has been allocated`,
        rejection: 'no_budget_line',
      };
    if (request.totalIdr > left) {
      return {
        orderId: request.orderId,
        lineKey: request.lineKey,
        reserved: false,
        remainingIdr: left,
        reason: `order total ${request.totalIdr} exceeds the remaining pagu ${left} of line ${request.lineKey}`,
        rejection: 'exceeds_remaining_pagu',
      };
    }
    remaining.set(request.lineKey, left - request.totalIdr);
    committedByLine.set(request.lineKey, (committedByLine.get(request.lineKey) ?? 0n) + request.totalIdr);
    return { orderId: request.orderId, lineKey: request.lineKey, reserved: true, remainingIdr: left - request.totalIdr };
  });
  return { decisions, committedByLine };
}
