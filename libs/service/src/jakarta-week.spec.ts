import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutoffOf, fiscalYearsOf, isFriday, lastClosedFriday, weekEndingOf, weekEndingsOf } from './jakarta-week.js';

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

test('a day’s week ends on the Friday on or after it', () => {
  assert.equal(weekEndingOf('2026-11-27'), '2026-11-27');
  assert.equal(weekEndingOf('2026-11-28'), '2026-12-04', 'Saturday begins the next week');
  assert.equal(weekEndingOf('2026-12-31'), '2027-01-01');
});

test('a year’s week endings run from the week of 1 January to the current week, or the week of 31 December', () => {
  const weeks = weekEndingsOf(2026, new Date('2026-01-16T17:00:00Z'));
  assert.deepEqual(weeks, ['2026-01-02', '2026-01-09', '2026-01-16', '2026-01-23'], 'Saturday 17 January in Jakarta is in the week ending the 23rd');
  const year = weekEndingsOf(2026, new Date('2027-03-01T00:00:00Z'));
  assert.equal(year.length, 53);
  assert.equal(year.at(-1), '2027-01-01');
  assert.deepEqual(weekEndingsOf(2027, new Date('2026-12-01T00:00:00Z')), []);
});
