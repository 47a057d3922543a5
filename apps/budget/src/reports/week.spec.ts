import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutoffOf, isFriday, lastClosedFriday } from './week.js';

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
