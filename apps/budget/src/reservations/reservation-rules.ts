/** What a reservation decision needs of a budget line. */
export interface LineFigures {
  paguIdr: bigint;
  /** Blocked funds: part of the pagu no order may use. */
  blokirIdr: bigint;
  committedIdr: bigint;
  realisedIdr: bigint;
}

/** An order asking its line for its total. */
export interface ReservationRequest {
  orderId: string;
  /** Its line, as `lineKeyOf` writes it. */
  lineKey: string;
  totalIdr: bigint;
  satkerCode: string;
  /** The K/L the order was placed for (the officer's claim). */
  klCode: string;
}

export interface ReservationDecision {
  orderId: string;
  lineKey: string;
  reserved: boolean;
  /** pagu − blokir − committed − realised of the line after this decision. */
  remainingIdr: bigint;
  /** Why it was rejected. */
  reason?: string;
  /** Why it was rejected, as a code (a metric's label). */
  rejection?: ReservationRejection;
}

export type ReservationRejection = 'satker_not_registered' | 'kl_mismatch' | 'no_budget_line' | 'exceeds_remaining_pagu';

/**
 * Decides a batch of reservations in arrival order, line by line. An order
 * whose satker is not in the registry, or is registered to another K/L than
 * the order's, is rejected. Otherwise it is reserved whole when its total fits
 * what its line has left (pagu − blokir − committed − realised) after the
 * orders before it, and rejected whole otherwise (a later, smaller order may
 * still fit). `registry` maps satker codes to their K/L. Returns each decision
 * and what each line commits in all.
 */
export function decideReservations(
  lines: ReadonlyMap<string, LineFigures>,
  registry: ReadonlyMap<string, string>,
  requests: readonly ReservationRequest[],
): { decisions: ReservationDecision[]; committedByLine: Map<string, bigint> } {
  const remaining = new Map([...lines].map(([key, l]) => [key, l.paguIdr - l.blokirIdr - l.committedIdr - l.realisedIdr]));
  const committedByLine = new Map<string, bigint>();
  const decisions = requests.map((request): ReservationDecision => {
    const { orderId, lineKey } = request;
    const left = remaining.get(lineKey);
    const rejected = (rejection: ReservationRejection, reason: string): ReservationDecision => ({
      orderId,
      lineKey,
      reserved: false,
      remainingIdr: left ?? 0n,
      reason,
      rejection,
    });
    const registeredKl = registry.get(request.satkerCode);
    if (registeredKl === undefined) return rejected('satker_not_registered', `satker ${request.satkerCode} is not in the satker registry`);
    if (registeredKl !== request.klCode) {
      return rejected(
        'kl_mismatch',
        `the order's K/L ${request.klCode} does not match K/L ${registeredKl} of satker ${request.satkerCode} in the satker registry`,
      );
    }
    if (left === undefined) return rejected('no_budget_line', `no budget line ${lineKey} has been allocated`);
    if (request.totalIdr > left) {
      return rejected(
        'exceeds_remaining_pagu',
        `order total ${request.totalIdr} exceeds the remaining pagu ${left} of line ${lineKey} (pagu − blokir − committed − realised)`,
      );
    }
    remaining.set(lineKey, left - request.totalIdr);
    committedByLine.set(lineKey, (committedByLine.get(lineKey) ?? 0n) + request.totalIdr);
    return { orderId, lineKey, reserved: true, remainingIdr: left - request.totalIdr };
  });
  return { decisions, committedByLine };
}
