import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideAmendments } from '../../../../budget/src/reservations/amendment-rules.js';
import { NOTHING } from '../../../../budget/src/reservations/commitment.js';
import { decideReservations } from '../../../../budget/src/reservations/reservation-rules.js';
import type { OrderViewDto } from '../dto/order-view.dto.js';
import { vendorOrderView } from '../order-view.js';

const lineKey = '2026/415423/521211';
const line = { paguIdr: 987_654_321n, blokirIdr: 0n, committedIdr: 0n, realisedIdr: 0n };
const FIGURE = /987654321|887654321/;

test('a vendor’s view of an order carries no figure of the buyer’s budget line', () => {
  const [rejection] = decideReservations(new Map([[lineKey, line]]), new Map([['415423', '024']]), [
    { orderId: 'o1', lineKey, totalIdr: 1_000_000_000n, satkerCode: '415423', klCode: '024' },
  ]).decisions;
  const held = { ...NOTHING, amountIdr: 100_000_000n };
  const [amendment] = decideAmendments(new Map([[lineKey, line]]), new Map([['o1', { status: 'committed', held }]]), [
    { orderId: 'o1', addendumNumber: 1, lineKey, change: { ...NOTHING, amountIdr: 1_000_000_000n } },
  ]).decisions;
  assert.match(`${rejection.reason} ${amendment.reason}`, FIGURE, 'the budget’s reasons do name the line’s figures');

  const view = {
    status: 'REJECTED',
    reason: rejection.reason!,
    timeline: [
      {
        from: 'PENDING_BUDGET',
        to: 'AWAITING_VENDOR',
        actor: 'budget',
        cause: 'budget reserved 100000000; 887654321 of the line remains; purchase order SP-1',
        at: new Date(),
      },
      { from: 'PENDING_BUDGET', to: 'REJECTED', actor: 'budget', cause: `budget rejected: ${rejection.reason}`, at: new Date() },
    ],
    addenda: [{ number: 1, status: 'REJECTED', reason: amendment.reason!, outcome: 'budget reserved 5; 887654321 of the line remains' }],
  } as unknown as OrderViewDto;
  const seen = vendorOrderView(view);
  assert.doesNotMatch(JSON.stringify(seen), FIGURE);
  assert.match(seen.timeline[0].cause, /^budget reserved 100000000; purchase order SP-1$/);
  assert.match(seen.reason!, /exceeds the remaining pagu of line/);
});
