import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Schema } from '../json-schema.js';
import { buildAsyncApi, schemaOf } from './asyncapi.js';
import { BudgetReservationEventData } from '../budget/budget-events.js';
import { OrderEventData } from '../order/order-events.js';

test('docs/asyncapi.json is what the contracts generate (run `npm run asyncapi` after changing an event)', () => {
  const committed: unknown = JSON.parse(readFileSync(new URL('../../../../../docs/asyncapi.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(buildAsyncApi())));
});

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema under a path of keys (`at(schema, 'properties', 'amountIdr')`), failing the test when a step is not a schema. */
function at(schema: Schema, ...path: string[]): Schema {
  return path.reduce((node, key) => {
    const next = node[key];
    assert.ok(isSchema(next), `no schema at ${path.join('.')}`);
    return next;
  }, schema);
}

test('event schemas carry money as whole-rupiah strings and nested lines', () => {
  const reservation = schemaOf(BudgetReservationEventData);
  const amount = at(reservation, 'properties', 'amountIdr');
  assert.equal(amount.type, 'string');
  assert.ok(typeof amount.pattern === 'string');
  assert.match('125000000', new RegExp(amount.pattern));
  assert.doesNotMatch('12.5', new RegExp(amount.pattern));
  assert.ok(Array.isArray(reservation.required) && !reservation.required.includes('reason'), 'optional fields are not required');
  const order = schemaOf(OrderEventData);
  assert.equal(at(order, 'properties', 'lines', 'items', 'properties', 'productId').format, 'uuid');
});

test('a nested object (a term, a payment) is an object in the schema, a list of them an array', () => {
  const order = schemaOf(OrderEventData);
  assert.equal(at(order, 'properties', 'term').type, 'object');
  assert.equal(at(order, 'properties', 'payment', 'properties', 'paid', 'properties', 'lines').type, 'array');
  assert.equal(at(order, 'properties', 'addendum', 'properties', 'change', 'properties', 'amountIdr').type, 'string');
  assert.match('-250000', new RegExp(String(at(order, 'properties', 'addendum', 'properties', 'change', 'properties', 'amountIdr').pattern)));
});
