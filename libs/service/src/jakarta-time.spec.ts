import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jakartaDate } from './jakarta-time.js';

test('a Jakarta day starts at 17:00 UTC the day before', () => {
  assert.equal(jakartaDate(new Date('2026-03-09T16:59:59Z')), '2026-03-09');
  assert.equal(jakartaDate(new Date('2026-03-09T17:00:00Z')), '2026-03-10');
  assert.equal(jakartaDate(new Date('2026-12-31T17:00:00Z')), '2027-01-01');
});
