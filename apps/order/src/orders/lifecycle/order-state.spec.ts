import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IllegalTransitionError, nextStatus, ORDER_STATUSES, OrderAction, TRANSITIONS } from './order-state.js';

test('follows the happy path from placement to completion', () => {
  const path: OrderAction[] = ['reserve', 'accept', 'ship', 'receive', 'pay'];
  const end = path.reduce((status, action) => nextStatus(status, action), 'PENDING_BUDGET' as (typeof ORDER_STATUSES)[number]);
  assert.equal(end, 'COMPLETED');
});

test('allows cancelling only before shipment', () => {
  assert.equal(nextStatus('IN_PROCESS', 'cancel'), 'CANCELLED');
  assert.throws(
    () => nextStatus('SHIPPED', 'cancel'),
    (e: Error) => e instanceof IllegalTransitionError && /SHIPPED/.test(e.message),
  );
});

test('refuses payment before receipt and receipt before shipment', () => {
  assert.throws(() => nextStatus('SHIPPED', 'pay'), IllegalTransitionError);
  assert.throws(() => nextStatus('IN_PROCESS', 'receive'), IllegalTransitionError);
});

test('terminal states accept no action', () => {
  for (const terminal of ['COMPLETED', 'CANCELLED', 'REJECTED'] as const) {
    for (const action of Object.keys(TRANSITIONS) as OrderAction[]) assert.throws(() => nextStatus(terminal, action), IllegalTransitionError);
  }
});
