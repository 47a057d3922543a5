import { Counter } from 'prom-client';

/** Reservation outcomes, counted when the transaction that made them commits. */
export const reservationOutcomes = new Counter({
  name: 'serapan_budget_reservations_total',
  help: 'Reservation outcomes: reserved, rejected (by reason: satker_not_registered, kl_mismatch, no_budget_line, exceeds_remaining_pagu), released (reason payment: a penalty or what a final term left), realised (per payment), amended, amendment_rejected (by reason: not_committed, no_budget_line, exceeds_remaining_pagu, exceeds_commitment)',
  labelNames: ['outcome', 'reason'],
});
