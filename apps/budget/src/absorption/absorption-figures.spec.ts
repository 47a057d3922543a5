import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { ManualClock } from '#serapan/service';
import type { AbsorptionFeed } from './absorption-feed.js';
import type { LineTotals } from '../lines/budget-line.sql.js';
import { absorptionFigures, TargetsToday } from './absorption-figures.js';
import { AbsorptionService } from './absorption.service.js';
import { Targets } from './fiscal-year-targets.js';

const totals = (overrides: Partial<LineTotals> = {}): LineTotals => ({
  paguIdr: '10000000',
  blokirIdr: '0',
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
const targets = (absorptionTargetPct: number, umkTargetPct = 40, pdnTargetPct = 95): TargetsToday => ({ absorptionTargetPct, umkTargetPct, pdnTargetPct });

test('absorption counts what is paid, uptake what is paid or held, shares are of what is paid or held', () => {
  const figures = absorptionFigures(totals(), targets(25));
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

test('absorption and uptake are of pagu − blokir, as the treasury reports them', () => {
  const figures = absorptionFigures(totals({ blokirIdr: '4000000' }), targets(25));
  assert.deepEqual([figures.availablePaguIdr, figures.blokirIdr, figures.absorptionPct, figures.uptakePct], ['6000000', '4000000', 50, 83.33]);
});

test('each PDN tier shows its amount and share of what is paid or held; the domestic tiers add up to the PDN share', () => {
  const { pdnTiers, pdnSharePct } = absorptionFigures(totals(), targets(25));
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
  assert.equal(absorptionFigures(totals(), targets(30)).absorptionOnTrack, true);
  assert.equal(absorptionFigures(totals(), targets(30.01)).absorptionOnTrack, false);
});

test('UMK and PDN shares are judged against the year’s floors', () => {
  const figures = absorptionFigures(totals(), targets(0, 30, 60));
  assert.deepEqual([figures.umkTargetPct, figures.umkOnTrack, figures.pdnTargetPct, figures.pdnOnTrack], [30, true, 60, true]);
  const behind = absorptionFigures(totals(), targets(0, 30.01, 60.01));
  assert.deepEqual([behind.umkOnTrack, behind.pdnOnTrack], [false, false]);
});

test('a line without pagu or use has every share at 0 rather than failing, and nothing spent is not behind on UMK or PDN', () => {
  const figures = absorptionFigures(
    totals({ paguIdr: '0', committedIdr: '0', realisedIdr: '0', committedPdnIdr: '0', realisedPdnIdr: '0', realisedUmkIdr: '0' }),
    targets(0),
  );
  assert.deepEqual(
    [figures.absorptionPct, figures.uptakePct, figures.pdnSharePct, figures.absorptionOnTrack, figures.umkOnTrack, figures.pdnOnTrack],
    [0, 0, 0, true, true, true],
  );
});

test('the same figures fall behind as the Jakarta clock passes the quarter ends of their account group', () => {
  const clock = new ManualClock(new Date('2026-04-01T00:00:00+07:00'));
  const series = { '52': [15, 50, 70, 95], '53': [10, 40, 70, 95] } as const;
  const service = new AbsorptionService(
    {} as DataSource,
    {} as AbsorptionFeed,
    clock,
    new Targets([{ fiscalYear: 2026, umkMinSharePct: 40, pdnMinSharePct: 95, quarterlyAbsorptionPct: { '52': [...series['52']], '53': [...series['53']] } }]),
  );
  const goodsAtEndOfQ1 = service.figures(totals(), 2026, { '52': 10000000n });
  assert.deepEqual([goodsAtEndOfQ1.absorptionTargetPct, goodsAtEndOfQ1.absorptionOnTrack], [15, true]);
  const capitalAtEndOfQ1 = service.figures(totals(), 2026, { '53': 10000000n });
  assert.equal(capitalAtEndOfQ1.absorptionTargetPct, 10);
  clock.set(new Date('2026-07-01T00:00:00+07:00'));
  const atEndOfQ2 = service.figures(totals(), 2026, { '52': 10000000n });
  assert.deepEqual([atEndOfQ2.absorptionTargetPct, atEndOfQ2.absorptionOnTrack], [50, false]);
});
