import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableByGroup, DEFAULT_TARGETS_DIR, loadTargets, parseTargetsFile } from './fiscal-year-targets.js';

const file = (year: number, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    fiscalYear: year,
    umkMinSharePct: 40,
    pdnMinSharePct: 95,
    quarterlyAbsorptionPct: { '52': [15, 50, 70, 95], '53': [10, 40, 70, 95] },
    ...overrides,
  });

test('the shipped files give UMK 40 %, the PDN commitment 95 % and separate goods and capital series', () => {
  const targets = loadTargets(DEFAULT_TARGETS_DIR).of(2026);
  assert.equal(targets.umkMinSharePct, 40);
  assert.equal(targets.pdnMinSharePct, 95);
  assert.deepEqual(targets.quarterlyAbsorptionPct['52'], [15, 50, 70, 95]);
  assert.deepEqual(targets.quarterlyAbsorptionPct['53'], [10, 40, 70, 95]);
});

test('a year without a file takes the latest earlier year’s, or the earliest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'targets-'));
  writeFileSync(join(dir, '2025.json'), file(2025, { umkMinSharePct: 30 }));
  writeFileSync(join(dir, '2027.json'), file(2027, { umkMinSharePct: 50 }));
  const targets = loadTargets(dir);
  assert.equal(targets.of(2026).umkMinSharePct, 30);
  assert.equal(targets.of(2030).umkMinSharePct, 50);
  assert.equal(targets.of(2020).umkMinSharePct, 30);
});

test('each account group is judged on its own series; a mixed set on their blend by pagu − blokir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'targets-'));
  writeFileSync(join(dir, '2026.json'), file(2026));
  const targets = loadTargets(dir);
  const endOfQ1 = new Date('2026-03-31T17:00:00Z');
  assert.equal(targets.absorptionTargetOn(2026, endOfQ1, { '52': 100n }), 15);
  assert.equal(targets.absorptionTargetOn(2026, endOfQ1, { '53': 100n }), 10);
  assert.equal(targets.absorptionTargetOn(2026, endOfQ1, { '52': 300n, '53': 100n }), 13.75);
  assert.equal(targets.absorptionTargetOn(2026, endOfQ1, { '53': 0n }), 10, 'a group with nothing available still has its own series');
});

test('the groups of a set are those it has lines in, a wholly blocked one too', () => {
  assert.deepEqual(availableByGroup('0', null), { '52': 0n });
  assert.deepEqual(availableByGroup(null, '0'), { '53': 0n }, 'a capital set with its pagu all blocked is judged as capital');
  assert.deepEqual(availableByGroup('300', '100'), { '52': 300n, '53': 100n });
  assert.deepEqual(availableByGroup(null, null), {});
});

test('a bad file is refused with its name and the field', () => {
  assert.throws(() => parseTargetsFile('/t/2026.json', '{'), /targets file \/t\/2026.json: not valid JSON/);
  assert.throws(() => parseTargetsFile('/t/2026.json', file(2025)), /targets file \/t\/2026.json: fiscalYear must be 2026/);
  assert.throws(() => parseTargetsFile('/t/2026.json', file(2026, { umkMinSharePct: 140 })), /umkMinSharePct must be a percentage/);
  assert.throws(
    () => parseTargetsFile('/t/2026.json', file(2026, { quarterlyAbsorptionPct: { '52': [15, 50, 70, 95], '53': [50, 40, 70, 95] } })),
    /quarterlyAbsorptionPct.53: quarter targets must be four rising/,
  );
  const empty = mkdtempSync(join(tmpdir(), 'targets-'));
  assert.throws(() => loadTargets(empty), /has no <year>.json file/);
});
