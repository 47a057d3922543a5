import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays } from './working-days.js';

test('three working days from a Thursday in Jakarta end on Tuesday', () => {
  const thursday = new Date('2026-11-26T10:00:00+07:00');
  assert.equal(addWorkingDays(thursday, 3).toISOString(), new Date('2026-12-01T10:00:00+07:00').toISOString());
});

test('three working days from a Monday end on Thursday', () => {
  const monday = new Date('2026-11-23T09:00:00+07:00');
  assert.equal(addWorkingDays(monday, 3).toISOString(), new Date('2026-11-26T09:00:00+07:00').toISOString());
});
