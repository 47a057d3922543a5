import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { klName } from '#serapan/contracts';
import { postgresOptions } from '#serapan/database';
import { MessagingOptions, OutboxService } from '#serapan/messaging';
import { SystemClock } from '#serapan/service';
import { DEFAULT_TARGETS_DIR, loadTargets } from '../../apps/budget/src/absorption/fiscal-year-targets.js';
import type { WeeklyReportDto } from '../../apps/budget/src/reports/dto/weekly-report.dto.js';
import { WeeklyReportService } from '../../apps/budget/src/reports/weekly-report.service.js';
import type {
  NamedReportCardDto,
  PublishedReportCardsDto,
  ReportCardHistoryDto,
  TransparencySummaryDto,
  WeeklySeriesDto,
} from '../../apps/budget/src/transparency/dto/transparency.dto.js';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { aProduct, ProductInput } from '../fixtures/catalog-builders.js';
import { Api, ErrorBody, eventually, Json, satkerUsers, ServiceDatabase, testEnv, tokenFor, uniqueId, uniqueSatker } from '../support/index.js';

const DAY_MS = 86_400_000;
/** Today in Jakarta (YYYY-MM-DD). */
const jakartaDay = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const FY = Number(jakartaDay().slice(0, 4));
const GOODS = '521211';
const CAPITAL = '532111';

/** The message of a refusal as one string (validation gives a list). */
const messageOf = (body: ErrorBody<string | string[]>) => [body.message].flat().join('; ');

describe('open data on absorption through the gateway, without a token', { timeout: 300_000 }, () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const budgetDb = new ServiceDatabase('budget');
  const orderDb = new ServiceDatabase('order');
  const kl = String(600 + Math.floor(Math.random() * 99));
  const [s1, s2] = [uniqueSatker(), uniqueSatker()];
  /** A micro or small business (UMK) selling a domestic product, and a larger one selling an import. */
  const vendor = tokenFor({ username: `vendor.${uniqueId()}`, role: 'vendor', vendorId: randomUUID() });
  const importer = tokenFor({ username: `vendor.${uniqueId()}`, role: 'vendor', vendorId: randomUUID() });
  const auditor = tokenFor({ username: `auditor.${uniqueId()}`, role: 'auditor' });
  const users = { s1: satkerUsers(s1, kl), s2: satkerUsers(s2, kl) };
  let domestic: ProductDto;
  let imported: ProductDto;

  /** A product listed in the catalog by a vendor whose profile says whether it is a UMK. */
  async function listed(token: string, umk: boolean, product: ProductInput): Promise<ProductDto> {
    const profile = await gateway.as(token).put('/api/catalog/vendors/me', { name: `CV Uji Transparansi ${uniqueId()}`, umk });
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    const answer = await gateway.as(token).post<ProductDto>('/api/catalog/products', { ...product, stock: 100 });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  /** Places an order of the satker's PPK and waits until the budget has reserved it (the vendor's turn). */
  async function reserved(satker: 's1' | 's2', product: ProductDto, quantity: number): Promise<string> {
    const placed = await gateway
      .as(tokenFor(users[satker].officer))
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear: FY, accountCode: GOODS, lines: [{ productId: product.id, quantity }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const id = placed.body.id;
    await eventually(`order ${id} reserved`, async () => (await statusOf(id)) === 'AWAITING_VENDOR', 30_000, 100);
    return id;
  }

  const statusOf = async (id: string) => (await gateway.as(auditor).get<Json<OrderViewDto>>(`/api/orders/${id}`)).body.status;

  async function step(token: string, id: string, action: string, body: unknown = {}) {
    const answer = await gateway.as(token).post(`/api/orders/${id}/${action}`, body);
    assert.equal(answer.status, 200, `${action}: ${JSON.stringify(answer.body)}`);
  }

  /** Takes a reserved order of s1 through delivery to its payment by SP2D today, and waits until the budget realised it. */
  async function paid(id: string) {
    await step(vendor, id, 'accept');
    await step(vendor, id, 'ship');
    await step(tokenFor(users.s1.officer), id, 'receive', { bastNumber: `BAST-${uniqueId()}`, receivedOn: jakartaDay() });
    await step(tokenFor(users.s1.finance), id, 'pay', { sp2dNumber: `SP2D-${uniqueId()}`, paidOn: jakartaDay() });
    await eventually(
      `order ${id} realised`,
      async () => (await budgetDb.query<{ status: string }>(`SELECT status FROM reservations WHERE order_id = $1`, [id]))[0]?.status === 'realised',
      30_000,
      100,
    );
  }

  before(async () => {
    // s1: pagu 100,000,000; s2: pagu 50,000,000 of which 10,000,000 is blocked
    const csv = [
      'fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr,dipa_number',
      `${FY},${s1},${kl},${GOODS},100000000,0,DIPA-${kl}.01/${FY}`,
      `${FY},${s2},${kl},${GOODS},50000000,10000000,DIPA-${kl}.02/${FY}`,
      '',
    ].join('\r\n');
    const dipa = await gateway.as(tokenFor(users.s1.klFinance)).postCsv<{ rejected: number }>('/api/budget/dipa', csv);
    assert.equal(dipa.status, 200, JSON.stringify(dipa.body));
    assert.equal(dipa.body.rejected, 0);
    // the registry's names of satkers come from outside the service; only s1 has one
    await budgetDb.query(`UPDATE satkers SET name = $2 WHERE code = $1`, [s1, `Satker Uji Transparansi ${s1}`]);

    [domestic, imported] = await Promise.all([
      listed(vendor, true, aProduct().priced('1000000').domestic().build()),
      listed(importer, false, aProduct().priced('1000000').imported().build()),
    ]);
    await eventually('products known to orders', async () => (await orderDb.knownProducts([domestic.id, imported.id])) === 2);

    // s1: 6,000,000 of domestic UMK goods paid today, 4,000,000 of imports from a larger business committed; s2: 10,000,000 of domestic UMK goods committed
    const [first] = await Promise.all([reserved('s1', domestic, 6), reserved('s1', imported, 4), reserved('s2', domestic, 10)]);
    await paid(first);
  });

  after(async () => {
    await budgetDb.close();
    await orderDb.close();
  });

  test('the summary gives each K/L and satker its absorption, PDN and UMK shares in exact rupiah, publicly cacheable', async () => {
    const summary = await gateway.get<TransparencySummaryDto>(`/api/transparency/summary?fiscalYear=${FY}`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.equal(summary.headers.get('cache-control'), 'public, max-age=30');
    assert.equal(summary.body.fiscalYear, FY);
    assert.ok(Math.abs(Date.parse(summary.body.asOf) - Date.now()) < 60_000, `asOf ${summary.body.asOf} is now`);
    assert.deepEqual([summary.body.pdnTargetPct, summary.body.umkTargetPct], [95, 40]);
    const klRow = summary.body.kls.find((k) => k.klCode === kl);
    assert.deepEqual(
      { ...klRow, absorptionTargetPct: undefined },
      {
        klCode: kl,
        klName: klName(kl),
        satkers: 2,
        paguIdr: '150000000',
        availableIdr: '140000000',
        committedIdr: '14000000',
        realisedIdr: '6000000',
        absorptionPct: 4.28,
        absorptionTargetPct: undefined,
        pdnSharePct: 80,
        umkSharePct: 80,
      },
      '6 of 140 million paid; 16 of the 20 million committed or paid is domestic and from UMK',
    );
    const satkers = summary.body.satkers.filter((s) => s.klCode === kl);
    assert.deepEqual(
      satkers.map((s) => ({ ...s, absorptionTargetPct: undefined })),
      [
        {
          satkerCode: s1,
          satkerName: `Satker Uji Transparansi ${s1}`,
          klCode: kl,
          klName: klName(kl),
          paguIdr: '100000000',
          availableIdr: '100000000',
          committedIdr: '4000000',
          realisedIdr: '6000000',
          absorptionPct: 6,
          absorptionTargetPct: undefined,
          pdnSharePct: 60,
          umkSharePct: 60,
          rankInKl: 1,
        },
        {
          satkerCode: s2,
          satkerName: null,
          klCode: kl,
          klName: klName(kl),
          paguIdr: '50000000',
          availableIdr: '40000000',
          committedIdr: '10000000',
          realisedIdr: '0',
          absorptionPct: 0,
          absorptionTargetPct: undefined,
          pdnSharePct: 100,
          umkSharePct: 100,
          rankInKl: 2,
        },
      ].sort((a, b) => a.satkerCode.localeCompare(b.satkerCode)),
    );
    // the same figures, and the same target, as the finance dashboard's absorption summary
    const dashboard = await gateway
      .as(auditor)
      .get<{ satkerCode: string; absorptionTargetPct: number }[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=satker`);
    for (const s of satkers) assert.equal(s.absorptionTargetPct, dashboard.body.find((d) => d.satkerCode === s.satkerCode)?.absorptionTargetPct);
    assertNoPersonalData(summary.body);
  });

  test('the weekly series runs from the year’s first Friday to the current week, whose cut is now and which holds today’s payment', async () => {
    const series = await gateway.get<WeeklySeriesDto>(`/api/transparency/weekly?fiscalYear=${FY}&satkerCode=${s1}`);
    assert.equal(series.status, 200, JSON.stringify(series.body));
    assert.equal(series.headers.get('cache-control'), 'public, max-age=30');
    const { weeks, ...head } = series.body;
    assert.deepEqual(head, { fiscalYear: FY, klCode: kl, satkerCode: s1, availableIdr: '100000000', pdnTargetPct: 95, umkTargetPct: 40 });
    const firstFriday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${FY}-01-0${d}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5);
    assert.equal(weeks[0].weekEnding, firstFriday);
    assert.ok(
      weeks.every((w, i) => i === 0 || Date.parse(w.weekEnding) - Date.parse(weeks[i - 1].weekEnding) === 7 * DAY_MS),
      'one point per Friday, none missing',
    );
    const current = weeks.at(-1)!;
    const today = jakartaDay();
    assert.ok(current.weekEnding >= today && Date.parse(current.weekEnding) - Date.parse(today) < 7 * DAY_MS, `${current.weekEnding} ends the current week`);
    assert.ok(Math.abs(Date.parse(current.asOf) - Date.now()) < 60_000, 'the unfinished week is cut now');
    assert.deepEqual(
      { ...current, weekEnding: undefined, asOf: undefined, targetPct: undefined },
      {
        weekEnding: undefined,
        asOf: undefined,
        committedIdr: '4000000',
        realisedIdr: '6000000',
        realisedPct: 6,
        committedPct: 10,
        targetPct: undefined,
        pdnSharePct: 60,
        umkSharePct: 60,
      },
    );
    // the pagu was set today: every earlier cut saw nothing, and shares of nothing are null
    const before = weeks.at(-2)!;
    assert.deepEqual([before.committedIdr, before.realisedIdr, before.realisedPct, before.pdnSharePct, before.umkSharePct], ['0', '0', 0, null, null]);

    const byKl = await gateway.get<WeeklySeriesDto>(`/api/transparency/weekly?fiscalYear=${FY}&klCode=${kl}`);
    assert.equal(byKl.status, 200, JSON.stringify(byKl.body));
    assert.deepEqual([byKl.body.klCode, byKl.body.satkerCode, byKl.body.availableIdr], [kl, null, '140000000']);
    const klNow = byKl.body.weeks.at(-1)!;
    assert.deepEqual(
      [klNow.committedIdr, klNow.realisedIdr, klNow.realisedPct, klNow.committedPct, klNow.pdnSharePct, klNow.umkSharePct],
      ['14000000', '6000000', 4.28, 14.28, 80, 80],
    );
    const all = await gateway.get<WeeklySeriesDto>(`/api/transparency/weekly?fiscalYear=${FY}`);
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual([all.body.klCode, all.body.satkerCode, all.body.weeks.length], [null, null, weeks.length]);
    assert.ok(BigInt(all.body.weeks.at(-1)!.realisedIdr) >= 6000000n);
    for (const body of [series.body, byKl.body, all.body]) assertNoPersonalData(body);
  });

  test('the finance dashboard’s weekly series is of the caller’s satker or K/L; a vendor is refused', async () => {
    const satkerFinance = await gateway.as(tokenFor(users.s1.finance)).get<WeeklySeriesDto>(`/api/budget/absorption/weekly?fiscalYear=${FY}`);
    assert.equal(satkerFinance.status, 200, JSON.stringify(satkerFinance.body));
    assert.deepEqual([satkerFinance.body.satkerCode, satkerFinance.body.klCode, satkerFinance.body.availableIdr], [s1, kl, '100000000']);
    assert.equal(satkerFinance.body.weeks.at(-1)!.realisedIdr, '6000000');
    const otherSatker = await gateway.as(tokenFor(users.s2.finance)).get<WeeklySeriesDto>(`/api/budget/absorption/weekly?fiscalYear=${FY}`);
    assert.deepEqual([otherSatker.body.satkerCode, otherSatker.body.weeks.at(-1)!.realisedIdr], [s2, '0']);
    const klFinance = await gateway.as(tokenFor(users.s1.klFinance)).get<WeeklySeriesDto>(`/api/budget/absorption/weekly?fiscalYear=${FY}`);
    assert.deepEqual([klFinance.body.satkerCode, klFinance.body.klCode, klFinance.body.weeks.at(-1)!.committedIdr], [null, kl, '14000000']);
    const everyone = await gateway.as(auditor).get<WeeklySeriesDto>(`/api/budget/absorption/weekly?fiscalYear=${FY}`);
    assert.deepEqual([everyone.status, everyone.body.satkerCode, everyone.body.klCode], [200, null, null]);
    assert.equal((await gateway.as(vendor).get(`/api/budget/absorption/weekly?fiscalYear=${FY}`)).status, 403);
    assert.equal((await gateway.as(tokenFor(users.s1.officer)).get(`/api/budget/absorption/weekly?fiscalYear=${FY}`)).status, 403);
    assert.equal((await gateway.get(`/api/budget/absorption/weekly?fiscalYear=${FY}`)).status, 401);
  });

  test('bad parameters are refused with 400 naming the field, an unknown satker or K/L with 404', async () => {
    for (const [path, field] of [
      ['/api/transparency/summary?fiscalYear=next', 'fiscalYear'],
      ['/api/transparency/summary?fiscalYear=1999', 'fiscalYear'],
      ['/api/transparency/report-cards?weekEnding=27-11-2026', 'weekEnding'],
      ['/api/transparency/report-cards?weekEnding=2026-11-26', 'weekEnding'],
      ['/api/transparency/report-cards/history', 'satkerCode'],
      ['/api/transparency/report-cards/history?satkerCode=12345', 'satkerCode'],
      ['/api/transparency/weekly?klCode=1', 'klCode'],
      ['/api/transparency/weekly?satkerCode=abcdef', 'satkerCode'],
      ['/api/transparency/weekly?fiscalYear=2026.5', 'fiscalYear'],
      ['/api/budget/absorption/weekly?fiscalYear=x', 'fiscalYear'],
    ]) {
      const answer = await gateway.as(path.startsWith('/api/budget') ? auditor : undefined).get<ErrorBody<string | string[]>>(path);
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
      assert.match(messageOf(answer.body), new RegExp(field), path);
    }
    const unknown = uniqueSatker();
    for (const path of [`/api/transparency/weekly?satkerCode=${unknown}`, `/api/transparency/report-cards/history?satkerCode=${unknown}`]) {
      const answer = await gateway.get<ErrorBody>(path);
      assert.equal(answer.status, 404, `${path}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.body.message, new RegExp(`satker ${unknown}`));
    }
    assert.equal((await gateway.get('/api/transparency/weekly?klCode=000')).status, 404);
  });

  describe('a past year with a published report card', () => {
    const PAST = FY - 1;
    const pastKl = String(500 + Math.floor(Math.random() * 99));
    const s3 = uniqueSatker();
    const at = (local: string) => new Date(`${local}+07:00`).toISOString();
    let published: NamedReportCardDto;

    before(async () => {
      // goods pagu 60,000,000 (raised to 80,000,000 after the week), capital 40,000,000 with 10,000,000 blocked
      for (const [account, pagu, blokir, committed, realised, committedUmk, realisedPdn] of [
        [GOODS, '80000000', '0', '8000000', '20000000', '0', '20000000'],
        [CAPITAL, '40000000', '10000000', '10000000', '0', '10000000', '0'],
      ]) {
        await budgetDb.query(
          `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr, blokir_idr, committed_idr, realised_idr, committed_umk_idr, realised_pdn_idr)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [PAST, s3, account, pastKl, pagu, blokir, committed, realised, committedUmk, realisedPdn],
        );
      }
      await budgetDb.query(`INSERT INTO satkers (code, kl_code) VALUES ($1, $2)`, [s3, pastKl]);
      for (const [account, pagu, blokir, when] of [
        [GOODS, '60000000', '0', `${PAST}-01-06T09:00:00`],
        [CAPITAL, '40000000', '10000000', `${PAST}-01-06T09:00:00`],
        [GOODS, '80000000', '0', `${PAST}-03-17T09:00:00`],
      ]) {
        await budgetDb.query(
          `INSERT INTO pagu_revisions (fiscal_year, satker_code, account_code, pagu_idr, blokir_idr, revised_by, revised_at) VALUES ($1, $2, $3, $4, $5, 'seed', $6)`,
          [PAST, s3, account, pagu, blokir, at(when)],
        );
      }
      // a: paid by an SP2D of 13 March that the budget heard of a week later; b: still committed;
      // c: cancelled within the week; d: placed after the week's cut
      const orders: [account: string, amount: string, pdn: string, umk: string, placed: string, paidOn?: string, released?: string][] = [
        [GOODS, '20000000', '20000000', '0', `${PAST}-03-03T10:00:00`, `${PAST}-03-13`],
        [CAPITAL, '10000000', '0', '10000000', `${PAST}-03-11T10:00:00`],
        [GOODS, '5000000', '5000000', '5000000', `${PAST}-03-12T10:00:00`, undefined, `${PAST}-03-13T10:00:00`],
        [GOODS, '8000000', '0', '0', `${PAST}-03-18T10:00:00`],
      ];
      for (const [account, amount, pdn, umk, placed, paidOn, released] of orders) {
        const orderId = randomUUID();
        await budgetDb.query(
          `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [orderId, PAST, s3, pastKl, account, amount, pdn, umk, paidOn ? 'realised' : released ? 'released' : 'committed', at(placed)],
        );
        const entry = (kind: string, recordedAt: string, realisedOn: string | null = null, receivedOn: string | null = null) =>
          budgetDb.query(
            `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr, recorded_at, realised_on, received_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [orderId, randomUUID(), kind, PAST, s3, account, amount, pdn, umk, recordedAt, realisedOn, receivedOn],
          );
        await entry('reserve', at(placed));
        if (paidOn) await entry('realise', at(`${PAST}-03-20T10:00:00`), paidOn, `${PAST}-03-10`);
        if (released) await entry('release', at(released));
      }
      // the week is cut and published as the scheduler does on Saturday (it only ever publishes the latest week)
      const db = await new DataSource(postgresOptions(testEnv.serviceDatabaseUrl('budget'), [], [], 1)).initialize();
      try {
        const reports = new WeeklyReportService(
          db,
          new OutboxService({ source: '/serapan/budget', validateOutgoing: true } as MessagingOptions),
          new SystemClock(),
          loadTargets(DEFAULT_TARGETS_DIR),
        );
        assert.ok((await reports.publish(`${PAST}-03-14`)) >= 1);
      } finally {
        await db.destroy();
      }
      const cards = await gateway.get<PublishedReportCardsDto>(`/api/transparency/report-cards?fiscalYear=${PAST}&weekEnding=${PAST}-03-14`);
      assert.equal(cards.status, 200, JSON.stringify(cards.body));
      const card = cards.body.cards.find((c) => c.satkerCode === s3);
      assert.ok(card, `satker ${s3} has a published card`);
      published = card;
    });

    test('the published cards of a week carry the names of their satker and K/L; the year lists its published weeks', async () => {
      const latest = await gateway.get<PublishedReportCardsDto>(`/api/transparency/report-cards?fiscalYear=${PAST}`);
      assert.equal(latest.status, 200, JSON.stringify(latest.body));
      assert.equal(latest.headers.get('cache-control'), 'public, max-age=30');
      assert.ok(latest.body.weeks.includes(`${PAST}-03-14`), JSON.stringify(latest.body.weeks));
      assert.deepEqual(latest.body.weeks, [...latest.body.weeks].sort().reverse(), 'newest first');
      assert.equal(latest.body.weekEnding, latest.body.weeks[0]);
      assert.deepEqual(
        {
          satkerName: published.satkerName,
          klName: published.klName,
          committedIdr: published.committedIdr,
          realisedIdr: published.realisedIdr,
          absorptionPct: published.absorptionPct,
          pdnSharePct: published.pdnSharePct,
          umkSharePct: published.umkSharePct,
          ordersPlaced: published.ordersPlaced,
        },
        {
          satkerName: null,
          klName: klName(pastKl),
          committedIdr: '10000000',
          realisedIdr: '20000000',
          absorptionPct: 22.22,
          pdnSharePct: 66.66,
          umkSharePct: 33.33,
          ordersPlaced: 2,
        },
        '20 of 90 million available at the cut paid, the late-heard SP2D counted in its own week',
      );
      const history = await gateway.get<ReportCardHistoryDto>(`/api/transparency/report-cards/history?fiscalYear=${PAST}&satkerCode=${s3}`);
      assert.equal(history.status, 200, JSON.stringify(history.body));
      assert.deepEqual({ ...history.body, cards: history.body.cards.map((c) => c.weekEnding) }, { satkerCode: s3, satkerName: null, cards: [`${PAST}-03-14`] });
      const { satkerName: _satkerName, klName: _klName, ...plain } = published;
      assert.deepEqual(history.body.cards[0], plain, 'the same card, without the names');
      const none = await gateway.get<PublishedReportCardsDto>(`/api/transparency/report-cards?fiscalYear=${PAST}&weekEnding=${PAST}-03-07`);
      assert.deepEqual([none.status, none.body.weekEnding, none.body.cards], [200, `${PAST}-03-07`, []]);
      for (const body of [latest.body, history.body]) assertNoPersonalData(body);
    });

    test('the weekly series agrees with the published report card at the same cut, and a past year runs to the week of 31 December', async () => {
      const series = await gateway.get<WeeklySeriesDto>(`/api/transparency/weekly?fiscalYear=${PAST}&satkerCode=${s3}`);
      assert.equal(series.status, 200, JSON.stringify(series.body));
      const weeks = series.body.weeks;
      const week = weeks.find((w) => w.weekEnding === `${PAST}-03-14`);
      assert.ok(week, 'the published week is in the series');
      assert.equal(week.asOf, new Date(`${PAST}-03-15T00:00:00+07:00`).toISOString(), 'cut at Saturday 00:00 in Jakarta, as the card was');
      assert.deepEqual(
        {
          committedIdr: week.committedIdr,
          realisedIdr: week.realisedIdr,
          realisedPct: week.realisedPct,
          targetPct: week.targetPct,
          pdnSharePct: week.pdnSharePct,
          umkSharePct: week.umkSharePct,
        },
        {
          committedIdr: published.committedIdr,
          realisedIdr: published.realisedIdr,
          realisedPct: published.absorptionPct,
          targetPct: published.absorptionTargetPct,
          pdnSharePct: published.pdnSharePct,
          umkSharePct: published.umkSharePct,
        },
      );
      assert.equal(week.committedPct, 33.33, '(10 + 20) of 90 million');
      // the week after: the pagu raised and order d placed, as the report card computes that week too
      const next = weeks.find((w) => w.weekEnding === `${PAST}-03-21`)!;
      const nextCard = (await gateway.as(auditor).get<WeeklyReportDto>(`/api/budget/reports/weekly?weekEnding=${PAST}-03-21&satkerCode=${s3}`)).body.cards[0];
      assert.deepEqual(
        [next.committedIdr, next.realisedIdr, next.realisedPct, next.targetPct, next.pdnSharePct, next.umkSharePct],
        [nextCard.committedIdr, nextCard.realisedIdr, nextCard.absorptionPct, nextCard.absorptionTargetPct, nextCard.pdnSharePct, nextCard.umkSharePct],
      );
      assert.deepEqual([next.committedIdr, next.realisedPct], ['18000000', 18.18], '20 of 110 million');
      // order a was committed from 3 March, before any payment
      const early = weeks.find((w) => w.weekEnding === `${PAST}-03-07`)!;
      assert.deepEqual([early.committedIdr, early.realisedIdr, early.pdnSharePct, early.umkSharePct], ['20000000', '0', 100, 0]);
      assert.equal(weeks.find((w) => w.weekEnding === `${PAST}-02-28`)!.pdnSharePct, null);
      const last = weeks.at(-1)!;
      const lastFriday = [0, 1, 2, 3, 4, 5, 6]
        .map((d) => new Date(Date.parse(`${PAST}-12-31T00:00:00Z`) + d * DAY_MS).toISOString().slice(0, 10))
        .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5);
      assert.equal(last.weekEnding, lastFriday);
      assert.equal(last.asOf, new Date(Date.parse(`${lastFriday}T00:00:00+07:00`) + DAY_MS).toISOString());
      assert.deepEqual([last.committedIdr, last.realisedIdr, series.body.availableIdr], ['18000000', '20000000', '110000000']);
      assert.ok(weeks[0].weekEnding <= `${PAST}-01-07` && weeks[0].weekEnding >= `${PAST}-01-01`, 'from the year’s first Friday');
      assert.equal(weeks.length, (Date.parse(last.weekEnding) - Date.parse(weeks[0].weekEnding)) / (7 * DAY_MS) + 1, 'one point per Friday');
    });
  });
});

/** Fails when an answer carries what could name a person: user names, display names, who revised a pagu. */
function assertNoPersonalData(body: unknown): void {
  const json = JSON.stringify(body);
  for (const pattern of [/username/i, /displayName/i, /revisedBy/i, /"sub"/, /\b(ppk|pp|bendahara|keuangan|vendor|auditor)\.[\w-]+/]) {
    assert.doesNotMatch(json, pattern);
  }
}
