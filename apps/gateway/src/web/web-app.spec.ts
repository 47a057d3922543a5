import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WEB_ROOT } from './web-root.js';

/** Absorption figures as the dashboard adds them up, and its totals. */
interface Figures {
  paguIdr: string;
  blokirIdr?: string;
  availablePaguIdr?: string;
  committedIdr: string;
  realisedIdr: string;
  pdnSharePct: number;
  pdnTiers?: Record<string, { idr: string; sharePct: number }>;
  umkSharePct: number;
  absorptionTargetPct?: number;
  umkTargetPct?: number;
  pdnTargetPct?: number;
}
interface Totals extends Figures {
  absorptionPct: number;
  uptakePct: number;
}

/** One budget line's figures, as the absorption list and stream give them. */
interface Line extends Figures {
  fiscalYear: number;
  klCode: string;
  satkerCode: string;
  accountCode: string;
}

/** A weekly series (GET /api/budget/absorption/weekly). */
interface Weekly {
  fiscalYear: number;
  availableIdr: string;
  weeks: {
    weekEnding: string;
    committedIdr: string;
    realisedIdr: string;
    realisedPct: number;
    committedPct: number;
    targetPct: number;
    pdnSharePct: number | null;
    umkSharePct: number | null;
  }[];
}

interface VendorProfile<Text> {
  name: string;
  npwp: Text;
  nib: Text;
  umk: boolean;
  region: Text;
}

/** What these specs call of the web app's modules, which are plain browser JavaScript without types of their own. */
interface WebModules {
  'money.js': {
    formatRupiah: (value: string | undefined) => string;
    parseRupiahInput: (text: string) => string | null;
    times: (priceIdr: string, quantity: number) => string;
    sum: (values: string[]) => string;
    minus: (a: string, b: string) => string;
    compare: (a: string, b: string) => number;
    percentOf: (part: string, whole: string) => number;
    weightedPercent: (rows: { percent: number; amount: string }[]) => number;
    formatRupiahCompact: (value: string | undefined) => string;
  };
  'charts.js': { niceCeiling: (value: number) => number };
  'views/dashboard.js': {
    totals: (rows: Figures[]) => Totals;
    onTrack: (total: Totals) => boolean | undefined;
    groupLines: (lines: Line[], keyOf: (line: Line) => string, fields: string[]) => (Totals & Record<string, unknown>)[];
    withLatest: (series: Weekly, total: Totals) => Weekly;
  };
  'views/profile.js': { profileBody: (form: VendorProfile<string>) => VendorProfile<string | null> };
  'views/report.js': { formatChange: (points: number) => string };
  'dom.js': { lastFriday: (date: Date) => string; nextFriday: (date: Date) => string };
  'i18n.js': { MESSAGES: Record<'id' | 'en', Record<string, string>> };
  'views/audit.js': {
    mergeTrails: (pages: { source: string; items: { at: string; action: string }[] }[], limit?: number) => { at: string; action: string; source: string }[];
  };
}

const load = <File extends keyof WebModules>(file: File) => import(pathToFileURL(join(WEB_ROOT, 'js', file)).href) as Promise<WebModules[File]>;

test('formats decimal-string rupiah exactly, beyond what a float can hold', async () => {
  const { formatRupiah } = await load('money.js');
  assert.equal(formatRupiah('125000000').replace(/\s/g, ' '), 'Rp 125.000.000');
  assert.equal(formatRupiah('9007199254740993').replace(/\s/g, ' '), 'Rp 9.007.199.254.740.993');
  assert.equal(formatRupiah(undefined), '–');
  assert.throws(() => formatRupiah('1500.5'), RangeError);
});

test('large amounts read at a glance: one decimal and the Indonesian unit, held together by no-break spaces', async () => {
  const { formatRupiahCompact } = await load('money.js');
  assert.equal(formatRupiahCompact('15281830000'), 'Rp\u00a015,3\u00a0M');
  assert.equal(formatRupiahCompact('4000000000000'), 'Rp\u00a04\u00a0T');
  assert.equal(formatRupiahCompact('1250000'), 'Rp\u00a01,3\u00a0jt');
  // below a million the exact figure is as short
  assert.equal(formatRupiahCompact('385000'), 'Rp\u00a0385.000');
  assert.equal(formatRupiahCompact(undefined), '–');
  assert.ok(!/\s/.test(formatRupiahCompact('15281830000').replace(/\u00a0/g, '')));
  assert.throws(() => formatRupiahCompact('1.5'), RangeError);
});

test('a chart scale tops out at a round figure at or above the largest value', async () => {
  const { niceCeiling } = await load('charts.js');
  assert.deepEqual([0, 0.7, 1, 3, 21, 240, 26_500_000_000].map(niceCeiling), [1, 1, 1, 5, 25, 250, 50_000_000_000]);
});

test('the dashboard groups its lines as the API would, and a streamed change moves the running week', async () => {
  const { groupLines, withLatest, totals } = await load('views/dashboard.js');
  const line = (satkerCode: string, accountCode: string, committedIdr: string, realisedIdr: string, pdnSharePct: number): Line => ({
    fiscalYear: 2026,
    klCode: '024',
    satkerCode,
    accountCode,
    paguIdr: '1000000000',
    blokirIdr: '0',
    availablePaguIdr: '1000000000',
    committedIdr,
    realisedIdr,
    pdnSharePct,
    umkSharePct: 50,
    absorptionTargetPct: 40,
    umkTargetPct: 40,
    pdnTargetPct: 95,
  });
  const lines = [line('415423', '521211', '100000000', '300000000', 100), line('415423', '532111', '0', '100000000', 0), line('632481', '521211', '0', '0', 0)];
  const bySatker = groupLines(lines, (l) => l.satkerCode, ['klCode', 'satkerCode']);
  assert.deepEqual(
    bySatker.map((r) => [r.satkerCode, r.klCode, r.committedIdr, r.realisedIdr, r.absorptionPct, r.pdnSharePct, r.absorptionOnTrack]),
    [
      ['415423', '024', '100000000', '400000000', 20, 80, false],
      ['632481', '024', '0', '0', 0, 0, false],
    ],
  );
  assert.deepEqual(
    groupLines(lines, (l) => l.accountCode.slice(0, 2), ['accountGroup']).map((r) => [r.accountGroup, r.realisedIdr]),
    [
      ['52', '300000000'],
      ['53', '100000000'],
    ],
  );
  const week = (weekEnding: string, realisedIdr: string) => ({
    weekEnding,
    committedIdr: '0',
    realisedIdr,
    realisedPct: 0,
    committedPct: 0,
    targetPct: 30,
    pdnSharePct: null,
    umkSharePct: null,
  });
  const series: Weekly = { fiscalYear: 2026, availableIdr: '3000000000', weeks: [week('2026-11-20', '1'), week('2026-11-27', '2')] };
  const moved = withLatest(series, totals(lines));
  assert.deepEqual(moved.weeks[0], series.weeks[0]);
  assert.deepEqual(moved.weeks[1], {
    weekEnding: '2026-11-27',
    committedIdr: '100000000',
    realisedIdr: '400000000',
    realisedPct: 13.33,
    committedPct: 16.66,
    targetPct: 30,
    pdnSharePct: 80,
    umkSharePct: 50,
  });
});

test('reads typed amounts as whole rupiah and refuses decimals', async () => {
  const { parseRupiahInput } = await load('money.js');
  assert.equal(parseRupiahInput('Rp 1.500.000'), '1500000');
  assert.equal(parseRupiahInput('1,500,000'), '1500000');
  assert.equal(parseRupiahInput('007'), '7');
  assert.equal(parseRupiahInput('1500000,50'), null);
  assert.equal(parseRupiahInput('12abc'), null);
  assert.equal(parseRupiahInput(''), null);
});

test('cart arithmetic and shares stay in integers', async () => {
  const { times, sum, minus, compare, percentOf, weightedPercent } = await load('money.js');
  assert.equal(times('3333333333333333', 3), '9999999999999999');
  assert.equal(sum(['100000001', '200000002', '3']), '300000006');
  assert.equal(minus('1000', '1001'), '-1');
  assert.equal(compare('200000001', '200000000'), 1);
  assert.equal(percentOf('1', '3'), 33.33);
  assert.equal(
    weightedPercent([
      { percent: 50, amount: '300' },
      { percent: 10, amount: '100' },
    ]),
    40,
  );
});

/** Per-tier amounts as the absorption API gives them (shares are not read by the totals). */
const tiers = (top: string, pdn: string, low: string, uncertified: string, imported: string) =>
  Object.fromEntries(Object.entries({ top, pdn, low, uncertified, import: imported }).map(([tier, idr]) => [tier, { idr, sharePct: 0 }]));

test('the dashboard sums K/L rows, measures absorption on pagu − blokir, weights shares by spend, adds up each PDN tier and judges against the budget service targets', async () => {
  const { totals, onTrack } = await load('views/dashboard.js');
  const total = totals([
    {
      paguIdr: '1000000000',
      blokirIdr: '0',
      availablePaguIdr: '1000000000',
      committedIdr: '100000000',
      realisedIdr: '200000000',
      pdnSharePct: 60,
      pdnTiers: tiers('100000000', '0', '80000000', '0', '120000000'),
      umkSharePct: 50,
      absorptionTargetPct: 71.5,
      umkTargetPct: 40,
      pdnTargetPct: 95,
    },
    {
      paguIdr: '4000000000',
      blokirIdr: '1000000000',
      availablePaguIdr: '3000000000',
      committedIdr: '0',
      realisedIdr: '100000000',
      pdnSharePct: 20,
      pdnTiers: tiers('0', '0', '0', '20000000', '80000000'),
      umkSharePct: 10,
      absorptionTargetPct: 51.5,
      umkTargetPct: 40,
      pdnTargetPct: 95,
    },
  ]);
  assert.deepEqual(total, {
    paguIdr: '5000000000',
    blokirIdr: '1000000000',
    availablePaguIdr: '4000000000',
    committedIdr: '100000000',
    realisedIdr: '300000000',
    absorptionPct: 7.5,
    uptakePct: 10,
    pdnSharePct: 50,
    pdnTiers: {
      top: { idr: '100000000', sharePct: 25 },
      pdn: { idr: '0', sharePct: 0 },
      low: { idr: '80000000', sharePct: 20 },
      uncertified: { idr: '20000000', sharePct: 5 },
      import: { idr: '200000000', sharePct: 50 },
    },
    umkSharePct: 40,
    absorptionTargetPct: 56.5,
    umkTargetPct: 40,
    pdnTargetPct: 95,
  });
  assert.equal(onTrack(total), false);
  assert.equal(onTrack({ ...total, absorptionTargetPct: 7.5 }), true);
  assert.equal(totals([]).absorptionTargetPct, undefined);
  assert.equal(onTrack(totals([])), undefined);
});

test('the vendor profile is sent whole, blanks cleared', async () => {
  const { profileBody } = await load('views/profile.js');
  assert.deepEqual(profileBody({ name: ' CV Maju ', npwp: '', nib: '9120001234567', umk: true, region: '  ' }), {
    name: 'CV Maju',
    npwp: null,
    nib: '9120001234567',
    umk: true,
    region: null,
  });
});

test('report changes read as signed percentage points', async () => {
  const { formatChange } = await load('views/report.js');
  assert.match(formatChange(1.5), /^\+1[,.]5 pp$/);
  assert.match(formatChange(-2), /^−2 pp$/);
  assert.equal(formatChange(0), '±0 pp');
});

test('the weekly report cut-off is the last Friday', async () => {
  const { lastFriday } = await load('dom.js');
  assert.equal(lastFriday(new Date(2025, 10, 28)), '2025-11-28');
  assert.equal(lastFriday(new Date(2025, 10, 30)), '2025-11-28');
  assert.equal(lastFriday(new Date(2025, 11, 4)), '2025-11-28');
});

test('the running week is cut off on the coming Friday', async () => {
  const { nextFriday } = await load('dom.js');
  assert.equal(nextFriday(new Date(2025, 10, 28)), '2025-11-28');
  assert.equal(nextFriday(new Date(2025, 10, 29)), '2025-12-05');
  assert.equal(nextFriday(new Date(2025, 10, 24)), '2025-11-28');
});

test('every message exists in both languages, and every key the screens use is defined', async () => {
  const { MESSAGES } = await load('i18n.js');
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES.id).sort());
  const sources = [
    'app.js',
    'transparency.js',
    'charts.js',
    ...[
      'login',
      'products',
      'profile',
      'catalog',
      'cart',
      'orders',
      'budget',
      'payments',
      'dashboard',
      'report',
      'widgets',
      'audit',
      'weekly-charts',
      'sales',
    ].map((v) => `views/${v}.js`),
  ];
  const used = sources.flatMap((file) =>
    [...readFileSync(join(WEB_ROOT, 'js', file), 'utf8').matchAll(/\bt\('([\w.]+)'|'(nav\.\w+)'/g)].map((m) => m[1] ?? m[2]),
  );
  const missing = used.filter((key) => !(key in MESSAGES.id));
  assert.deepEqual(missing, []);
  assert.ok(used.length > 100);
});

test('the audit trail view merges the trails of the services newest first, each entry tagged with its service, up to the limit', async () => {
  const { mergeTrails } = await load('views/audit.js');
  const merged = mergeTrails(
    [
      {
        source: 'catalog',
        items: [
          { at: '2026-03-02T10:00:00.000Z', action: 'product.update' },
          { at: '2026-03-01T09:00:00.000Z', action: 'product.create' },
        ],
      },
      { source: 'auth', items: [{ at: '2026-03-02T11:30:00.000Z', action: 'auth.login' }] },
      { source: 'orders', items: [] },
    ],
    2,
  );
  assert.deepEqual(
    merged.map((e) => [e.source, e.action]),
    [
      ['auth', 'auth.login'],
      ['catalog', 'product.update'],
    ],
  );
});
