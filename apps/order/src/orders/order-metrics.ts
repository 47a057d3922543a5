import { Counter } from 'prom-client';

/** Orders written by placement (a repeat under the same Idempotency-Key is not counted again). */
export const ordersPlaced = new Counter({
  name: 'serapan_orders_placed_total',
  help: 'Orders placed (written, waiting for budget)',
});

/** Orders the budget's answer moved on, counted when that move is committed. */
export const ordersDecided = new Counter({
  name: 'serapan_orders_decided_total',
  help: "Orders the budget's answer moved on, by decision (confirmed: budget reserved; rejected: the line cannot cover it)",
  labelNames: ['decision'],
});
