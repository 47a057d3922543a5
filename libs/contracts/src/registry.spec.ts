import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudEvent } from './cloud-event.js';
import { ContractViolationError, validateEvent } from './registry.js';
import { Topics } from './topics.js';

const reservation = { orderId: '6f1c1f0e-8f7a-4b7e-9c55-1d2a3b4c5d6e', fiscalYear: 2026, satkerCode: '415423', accountCode: '521211', amountIdr: '1500000', remainingIdr: '0' };

test('accepts a valid event on its own topic', () => {
  const { data } = validateEvent(cloudEvent('/serapan/budget', 'budget.reserved', reservation.orderId, reservation), Topics.reservation);
  assert.equal((data as typeof reservation).amountIdr, '1500000');
});

test('refuses money that is not a whole-rupiah string, naming the field', () => {
  const bad = cloudEvent('/serapan/budget', 'budget.reserved', reservation.orderId, { ...reservation, amountIdr: 1500000.5 });
  assert.throws(() => validateEvent(bad), (e: Error) => e instanceof ContractViolationError && /amountIdr/.test(e.message));
});

test('refuses an unknown type, a type on the wrong topic and a broken envelope', () => {
  assert.throws(() => validateEvent(cloudEvent('/x', 'budget.vanished', 'k', reservation)), /unknown event type/);
  assert.throws(() => validateEvent(cloudEvent('/x', 'budget.reserved', 'k', reservation), Topics.order), /does not belong/);
  assert.throws(() => validateEvent({ ...cloudEvent('/x', 'budget.reserved', 'k', reservation), specversion: '0.3' }), /specversion/);
});
