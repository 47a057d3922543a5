import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { ManualClock } from '#serapan/service';
import type { AbsorptionFeed } from './absorption-feed.js';
import type { LineTotals } from '../lines/budget-line.sql.js';
import { absorptionFigures } from './absorption-figures.js';
import { AbsorptionService } from './absorption.service.js';
import { parseQuarterTargets } from './quarterly-targets.js';

const totals = (overrides: Partial<LineTotals> = {}): LineTotals => ({
  paguIdr: '10000000',
  committedIdr: '2000000',
  realisedIdr: '3000000',
  committedPdnIdr: '2000000',
  realisedPdnIdr: '1000000',
  committedUmkIdr: '0',
  realisedUmkIdr: '1500000',
  topTierIdr: '1000000',
  pdnTierIdr: '500000',
  lowTierIdr: '1000000',
  uncertifiedTierIdr: '500000',
  importTierIdr: '1900000',
  ...overrides,
});

test('absorption counts what is paid, uptake what is paid or held, shares are of what is paid or held', () => {
  const figures = absorptionFigures(totals(), 25);
  assert.deepEqual(
    [
      figures.absorptionPct,
      figures.uptakePct,
      figures.pdnSharePct,
      figures.pdnShareCommittedPct,
      figures.pdnShareRealisedPct,
      figures.umkSharePct,
      figures.umkShareRealisedPct,
    ],
    [30, 50, 60, 100, 33.33, 30, 50],
  );
});

test('each PDN tier shows its amount and share of what is paid or held; the domestic tiers add up to the PDN share', () => {
  const { pdnTiers, pdnSharePct } = absorptionFigures(totals(), 25);
  assert.deepEqual(pdnTiers, {
    top: { idr: '1000000', sharePct: 20 },
    pdn: { idr: '500000', sharePct: 10 },
    low: { idr: '1000000', sharePct: 20 },
    uncertified: { idr: '500000', sharePct: 10 },
    import: { idr: '1900000', sharePct: 38 },
  });
  assert.equal(pdnTiers.top.sharePct + pdnTiers.pdn.sharePct + pdnTiers.low.sharePct + pdnTiers.uncertified.sharePct, pdnSharePct);
});

test('a set of lines is on track from the moment its absorption reaches the target', () => {
  assert.equal(absorptionFigures(totals(), 30).onTrack, true);
  assert.equal(absorptionFigures(totals(), 30.01).onTrack, false);
});

test('a line without pagu or use has every share at 0 rather than failing', () => {
  const figures = absorptionFigures(
    totals({ paguIdr: '0', committedIdr: '0', realisedIdr: '0', committedPdnIdr: '0', realisedPdnIdr: '0', realisedUmkIdr: '0' }),
    0,
  );
  assert.deepEqual([figures.absorptionPct, figures.uptakePct, figures.pdnSharePct, figures.onTrack], [0, 0, 0, true]);
});

test('the same figures fall behind as the clock passes the quarter ends', () => {
  const clock = new ManualClock(new Date(Date.UTC(2026, 3, 1)));
  const service = new AbsorptionService({} as DataSource, {} as AbsorptionFeed, clock, parseQuarterTargets('15,40,70,95'));
  const atEndOfQ1 = service.figures(totals(), 2026);
  assert.deepEqual([atEndOfQ1.targetPct, atEndOfQ1.onTrack], [15, true]);
  clock.set(new Date(Date.UTC(2026, 6, 1)));
  const atEndOfQ2 = service.figures(totals(), 2026);
  assert.deepEqual([atEndOfQ2.targetPct, atEndOfQ2.onTrack], [40, false]);
});
