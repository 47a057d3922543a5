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
  };
  'views/dashboard.js': { totals: (rows: Figures[]) => Totals; onTrack: (total: Totals) => boolean | undefined };
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
    ...['login', 'products', 'profile', 'catalog', 'cart', 'orders', 'budget', 'payments', 'dashboard', 'report', 'widgets', 'audit'].map(
      (v) => `views/${v}.js`,
    ),
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
