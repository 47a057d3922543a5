import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudEvent } from './cloud-event.js';
import { decodeEvent, validateEvent } from './event-codec.js';
import { ContractViolationError, ForgedSourceError } from './registry.js';
import { EventSources, Topics } from './topics.js';

const reservation = {
  orderId: '6f1c1f0e-8f7a-4b7e-9c55-1d2a3b4c5d6e',
  fiscalYear: 2026,
  satkerCode: '415423',
  accountCode: '521211',
  amountIdr: '1500000',
  remainingIdr: '0',
};

test('accepts a valid event on its own topic', () => {
  const { data } = validateEvent<typeof reservation>(cloudEvent('/serapan/budget', 'budget.reserved', reservation.orderId, reservation), Topics.reservation);
  assert.equal(data.amountIdr, '1500000');
});

test('refuses money that is not a whole-rupiah string, naming the field', () => {
  const bad = cloudEvent('/serapan/budget', 'budget.reserved', reservation.orderId, { ...reservation, amountIdr: 1500000.5 });
  assert.throws(
    () => validateEvent(bad),
    (e: Error) => e instanceof ContractViolationError && /amountIdr/.test(e.message),
  );
});

test('names a missing field and a bad nested field', () => {
  const { fiscalYear: _, ...withoutYear } = reservation;
  assert.throws(() => validateEvent(cloudEvent('/x', 'budget.reserved', 'k', withoutYear)), /fiscalYear: must have required property/);
  const order = {
    orderId: reservation.orderId,
    satkerCode: '415423',
    klCode: '023',
    vendorId: reservation.orderId,
    fiscalYear: 2026,
    accountCode: '521211',
    totalIdr: '10',
    pdnIdr: '0',
    umkIdr: '0',
    stockTaken: false,
    lines: [{ productId: reservation.orderId, quantity: 0, unitPriceIdr: '10', subtotalIdr: '10', pdnTier: 'pdn', vendorUmk: false }],
  };
  assert.throws(() => validateEvent(cloudEvent('/x', 'order.placed', 'k', order)), /lines\.0\.quantity: must be >= 1/);
});

test('refuses an unknown type, a type on the wrong topic and a broken envelope', () => {
  assert.throws(() => validateEvent(cloudEvent('/x', 'budget.vanished', 'k', reservation)), /unknown event type/);
  assert.throws(() => validateEvent(cloudEvent('/x', 'budget.reserved', 'k', reservation), Topics.order), /does not belong/);
  assert.throws(() => validateEvent({ ...cloudEvent('/x', 'budget.reserved', 'k', reservation), specversion: '0.3' }), /specversion/);
  assert.throws(() => validateEvent({ ...cloudEvent('/x', 'budget.reserved', 'k', reservation), time: 'yesterday' }), /time/);
});

test('reads fields it does not know without complaint (a tolerant reader)', () => {
  const { data } = validateEvent<Record<string, unknown>>(cloudEvent('/serapan/budget', 'budget.reserved', 'k', { ...reservation, addedLater: 'x' }));
  assert.equal(data.addedLater, 'x');
});

test('decodes message bytes, refusing empty values and text that is not JSON', () => {
  const bytes = Buffer.from(JSON.stringify(cloudEvent('/serapan/budget', 'budget.reserved', 'k', reservation)));
  assert.equal(decodeEvent(bytes, Topics.reservation).type, 'budget.reserved');
  assert.throws(() => decodeEvent(Buffer.alloc(0)), /empty message value/);
  assert.throws(() => decodeEvent(null), /empty message value/);
  assert.throws(() => decodeEvent(Buffer.from('{not json')), /not JSON/);
  assert.throws(() => decodeEvent(Buffer.from('[1,2]')), /invalid envelope/);
});

test("refuses an event whose source is not its type's owner, naming the claimed and the expected source", () => {
  const forged = cloudEvent(EventSources.order, 'budget.reserved', reservation.orderId, reservation);
  assert.throws(
    () => validateEvent(forged, Topics.reservation),
    (e: Error) => e instanceof ForgedSourceError && e.message.includes('claims source /serapan/order') && e.message.includes('published by /serapan/budget'),
  );
  assert.throws(() => validateEvent({ ...forged, source: '/serapan/budget/../order' }), ForgedSourceError);
  assert.equal(validateEvent({ ...forged, source: EventSources.budget }).source, '/serapan/budget');
});
