import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuarterTargets, targetOn } from './quarterly-targets.js';

const targets = parseQuarterTargets('15,40,70,95');

test('the target at the end of Q3 is the configured 70 %', () => {
  assert.equal(targetOn(targets, 2026, new Date(Date.UTC(2026, 9, 1))), 70);
});

test('the target is interpolated inside a quarter and bounded outside the year', () => {
  const midQ2 = targetOn(targets, 2026, new Date(Date.UTC(2026, 4, 16)));
  assert.ok(midQ2 > 15 && midQ2 < 40, `mid-Q2 target ${midQ2}`);
  assert.equal(targetOn(targets, 2026, new Date(Date.UTC(2025, 11, 31))), 0);
  assert.equal(targetOn(targets, 2026, new Date(Date.UTC(2027, 1, 1))), 95);
});

test('refuses targets that are not four rising percentages', () => {
  assert.throws(() => parseQuarterTargets('15,40,70'), /four rising/);
  assert.throws(() => parseQuarterTargets('40,15,70,95'), /four rising/);
});
