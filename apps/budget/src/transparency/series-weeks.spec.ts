import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesWeeks } from './series-weeks.js';

test('the current year runs from its first Friday to the Friday ending the current week in Jakarta', () => {
  // Friday 27 November 2026, 17:30 UTC: already Saturday in Jakarta, so the week ending 4 December is under way
  assert.deepEqual(seriesWeeks(2026, new Date('2026-11-27T17:30:00Z')), { first: '2026-01-02', last: '2026-12-04' });
  assert.deepEqual(seriesWeeks(2026, new Date('2026-11-27T16:59:59Z')), { first: '2026-01-02', last: '2026-11-27' });
});

test('a past year ends with the week of 31 December, which the old year’s last report card covers', () => {
  assert.deepEqual(seriesWeeks(2025, new Date('2026-11-27T10:00:00Z')), { first: '2025-01-03', last: '2026-01-02' });
  // 31 December 2027 is a Friday: its own week closes the year
  assert.deepEqual(seriesWeeks(2027, new Date('2028-06-01T00:00:00Z')), { first: '2027-01-01', last: '2027-12-31' });
});

test('a year whose first week has not begun has no weeks', () => {
  assert.equal(seriesWeeks(2027, new Date('2026-11-27T10:00:00Z')), null);
  assert.deepEqual(seriesWeeks(2027, new Date('2026-12-26T10:00:00Z')), { first: '2027-01-01', last: '2027-01-01' });
});
