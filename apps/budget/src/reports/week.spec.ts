import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutoffOf, fiscalYearsOf, isFriday, lastClosedFriday } from './week.js';

test('a week ending Friday is cut at Saturday 00:00 Jakarta time', () => {
  assert.equal(cutoffOf('2026-11-27').toISOString(), '2026-11-27T17:00:00.000Z');
});

test('the last closed Friday is the previous one until Friday has fully passed in Jakarta', () => {
  assert.equal(lastClosedFriday(new Date('2026-11-27T16:59:00Z')), '2026-11-20');
  assert.equal(lastClosedFriday(new Date('2026-11-27T17:00:00Z')), '2026-11-27');
  assert.equal(lastClosedFriday(new Date('2026-12-02T08:00:00Z')), '2026-11-27');
});

test('recognises Fridays', () => {
  assert.ok(isFriday('2026-11-27'));
  assert.ok(!isFriday('2026-11-28'));
  assert.ok(!isFriday('27-11-2026'));
});

test('a week belongs to the fiscal years of its days, Saturday to Friday: two for the week spanning 31 December / 1 January', () => {
  assert.deepEqual(fiscalYearsOf('2026-12-25'), [2026]);
  // Saturday 26 December 2026 to Friday 1 January 2027
  assert.deepEqual(fiscalYearsOf('2027-01-01'), [2026, 2027]);
  assert.deepEqual(fiscalYearsOf('2027-01-08'), [2027]);
  // Saturday 27 December 2025 to Friday 2 January 2026
  assert.deepEqual(fiscalYearsOf('2026-01-02'), [2025, 2026]);
  // a week ending on 31 December is all one year's
  assert.deepEqual(fiscalYearsOf('2027-12-31'), [2027]);
});

test('the week spanning New Year is cut at Saturday 00:00 in Jakarta, which is still Friday in UTC', () => {
  assert.equal(cutoffOf('2027-01-01').toISOString(), '2027-01-01T17:00:00.000Z');
  assert.equal(lastClosedFriday(new Date('2027-01-01T16:59:59Z')), '2026-12-25', 'New Year’s Day is not over in Jakarta');
  assert.equal(lastClosedFriday(new Date('2027-01-01T17:00:00Z')), '2027-01-01');
  assert.equal(lastClosedFriday(new Date('2027-01-08T16:59:59Z')), '2027-01-01');
  assert.equal(lastClosedFriday(new Date('2027-01-08T17:00:00Z')), '2027-01-08');
});
