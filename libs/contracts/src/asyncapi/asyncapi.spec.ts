import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildAsyncApi, schemaOf } from './asyncapi.js';
import { BudgetReservationEventData } from '../budget/budget-events.js';
import { OrderEventData } from '../order/order-events.js';

test('docs/asyncapi.json is what the contracts generate (run `npm run asyncapi` after changing an event)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../../../../docs/asyncapi.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(buildAsyncApi())));
});

test('event schemas carry money as whole-rupiah strings and nested lines', () => {
  const reservation = schemaOf(BudgetReservationEventData) as any;
  assert.equal(reservation.properties.amountIdr.type, 'string');
  assert.match('125000000', new RegExp(reservation.properties.amountIdr.pattern));
  assert.doesNotMatch('12.5', new RegExp(reservation.properties.amountIdr.pattern));
  assert.ok(!reservation.required.includes('reason'), 'optional fields are not required');
  const order = schemaOf(OrderEventData) as any;
  assert.equal(order.properties.lines.items.properties.productId.format, 'uuid');
});
