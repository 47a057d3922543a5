import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jakartaYearOf } from '#serapan/service';
import { jakartaQuarterOf, parseQuarterTargets, targetOn } from './quarterly-targets.js';

const targets = parseQuarterTargets([15, 50, 70, 95]);

test('the target at the end of Q3 (Jakarta) is the series’ third value', () => {
  assert.equal(targetOn(targets, 2026, new Date('2026-10-01T00:00:00+07:00')), 70);
});

test('quarters turn at Jakarta midnight: 2026-03-31T17:30Z is already Q2, 16:59Z still Q1', () => {
  assert.deepEqual(jakartaQuarterOf(new Date('2026-03-31T17:30:00Z')), { year: 2026, quarter: 2 });
  assert.deepEqual(jakartaQuarterOf(new Date('2026-03-31T16:59:59Z')), { year: 2026, quarter: 1 });
  assert.equal(targetOn(targets, 2026, new Date('2026-03-31T17:00:00Z')), 15, 'Q1 target reached at the Jakarta quarter end');
  assert.ok(targetOn(targets, 2026, new Date('2026-03-31T16:00:00Z')) < 15, 'an hour before it, still inside Q1');
});

test('the year turns at Jakarta midnight: 2026-12-31T17:00Z is 2027, when the last quarter’s target is due', () => {
  assert.equal(jakartaYearOf(new Date('2026-12-31T17:00:00Z')), 2027);
  assert.equal(jakartaYearOf(new Date('2026-12-31T16:59:59Z')), 2026);
  assert.equal(targetOn(targets, 2026, new Date('2026-12-31T17:00:00Z')), 95);
  assert.ok(targetOn(targets, 2026, new Date('2026-12-31T16:00:00Z')) < 95);
  assert.equal(targetOn(targets, 2027, new Date('2026-12-31T17:00:00Z')), 0, 'the first instant of 2027 in Jakarta expects nothing yet');
  assert.deepEqual(jakartaQuarterOf(new Date('2026-12-31T17:00:00Z')), { year: 2027, quarter: 1 });
});

test('the target is interpolated inside a quarter and bounded outside the year', () => {
  const midQ2 = targetOn(targets, 2026, new Date('2026-05-16T00:00:00+07:00'));
  assert.ok(midQ2 > 15 && midQ2 < 50, `mid-Q2 target ${midQ2}`);
  assert.equal(targetOn(targets, 2026, new Date('2025-12-31T16:00:00Z')), 0);
  assert.equal(targetOn(targets, 2026, new Date('2027-02-01T00:00:00Z')), 95);
});

test('refuses targets that are not four rising percentages', () => {
  assert.throws(() => parseQuarterTargets([15, 40, 70]), /four rising/);
  assert.throws(() => parseQuarterTargets([40, 15, 70, 95]), /four rising/);
  assert.throws(() => parseQuarterTargets('15,40,70,101'), /four rising/);
});
