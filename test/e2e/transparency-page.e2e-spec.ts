import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  Api,
  aProduct,
  eventually,
  Json,
  launchChromium,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const ACCOUNT = '521211';
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots');

type Order = Json<OrderViewDto>;

/** A weekly series as /api/transparency/weekly and /api/orders/vendor-sales/weekly answer (the fields read here). */
interface Weekly {
  weeks: { weekEnding: string; realisedIdr: string; committedIdr: string; realisedPct: number; committedPct: number; pdnSharePct: number | null }[];
}
interface Sales {
  weeks: { weekEnding: string; orders: number; contractedIdr: string; paidIdr: string }[];
}

/** The page's window as seen by a script sent to the browser. */
type TabWindow = { sessionStorage: { setItem(key: string, value: string): void } };

/** Whole rupiah shown on screen ("Rp 5.250.000") as a BigInt. */
const rupiahOn = (text: string | null): bigint => BigInt((text ?? '').replace(/[^0-9]/g, '') || 'NaN');

/** The Jakarta calendar date of now. */
const jakartaToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('the public transparency page and the charts, in Chromium', { timeout: 300_000 }, () => {
  const baseUrl = testEnv.serviceUrl('gateway');
  const gateway = new Api(baseUrl);
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const orderDb = new ServiceDatabase('order');
  const fiscalYear = Number(jakartaToday().slice(0, 4));
  // a K/L of this spec's own (each spec that makes K/Ls draws from a hundred of its own), so its figures stand still while it looks
  const klCode = String(100 + Math.floor(Math.random() * 99));
  const satkerCode = uniqueSatker();
  const users = satkerUsers(satkerCode, klCode);
  const officer = tokenFor(users.officer);
  const finance = tokenFor(users.finance);
  const vendorId = randomUUID();
  const vendor = tokenFor({ username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId });
  const product = aProduct().priced('1000000').from(vendorId).domestic().build();
  let browser: Browser;

  const act = async (token: string, id: string, action: string, body?: object) => {
    const response = await orders.as(token).post<Order>(`/api/orders/${id}/${action}`, body);
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  async function place(quantity: number): Promise<string> {
    const placed = await orders
      .as(officer)
      .post<Order>(
        '/api/orders',
        { fiscalYear, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    await eventually(
      `order ${placed.body.id} awaits the vendor`,
      async () => (await orders.as(officer).get<Order>(`/api/orders/${placed.body.id}`)).body.status === 'AWAITING_VENDOR',
    );
    return placed.body.id;
  }

  before(async () => {
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${fiscalYear}/${satkerCode}/${ACCOUNT}`, { paguIdr: '1000000000' });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    await publishProducts([product]);
    await eventually('the order service knows the product', async () => (await orderDb.knownProducts([product.productId])) === 1);
    // one order paid (Rp 3.000.000 realised), one awaiting the vendor (Rp 2.000.000 committed)
    const paid = await place(3);
    await act(vendor, paid, 'accept');
    await act(vendor, paid, 'ship');
    await act(officer, paid, 'receive', { bastNumber: `BAST-${randomUUID().slice(0, 8)}`, receivedOn: jakartaToday() });
    await act(finance, paid, 'pay', { sp2dNumber: `SP2D-${randomUUID().slice(0, 8)}`, paidOn: jakartaToday() });
    await place(2);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await orderDb.close();
  });

  /** The cells of a chart's fallback table, row by row. */
  async function chartTable(page: Page, chart: string): Promise<string[][]> {
    const rows = page.locator(`figure[data-chart=${chart}] details table tbody tr`);
    const cells: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) cells.push((await rows.nth(i).locator('td').allTextContents()).map((text) => text.trim()));
    return cells;
  }

  test('anyone sees the K/L’s figures, its curves and their tables, the satkers and the open data, without signing in', async () => {
    const series = await eventually('the public series has the payment', async () => {
      const { status, body } = await gateway.get<Weekly>(`/api/transparency/weekly?fiscalYear=${fiscalYear}&klCode=${klCode}`);
      assert.equal(status, 200, JSON.stringify(body));
      const now = body.weeks[body.weeks.length - 1];
      return now.realisedIdr === '3000000' && now.committedIdr === '2000000' ? body : undefined;
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const apiCalls: { url: string; authorization?: string }[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) apiCalls.push({ url: request.url(), authorization: request.headers().authorization });
    });
    await page.goto(`${baseUrl}/transparency?year=${fiscalYear}&kl=${klCode}`);
    await page.waitForSelector('figure[data-chart=absorption] svg path.series', { state: 'attached' });
    await page.screenshot({ path: join(SHOTS, 'public-transparency.png'), fullPage: true });

    // no sign-in form, nothing signed in, and every call the page made went without a token
    assert.equal(await page.locator('form.login').count(), 0);
    assert.equal(await page.inputValue('select[name=klCode]'), klCode);
    assert.ok(apiCalls.length >= 3);
    assert.deepEqual(
      apiCalls.filter((call) => call.authorization !== undefined),
      [],
    );
    assert.ok(apiCalls.every((call) => new URL(call.url).pathname.startsWith('/api/transparency/')));

    // the key figures: compact at a glance, exact on hover
    const realised = page.locator('[data-kpi=realised] .money');
    assert.equal(rupiahOn(await realised.getAttribute('title')), 3_000_000n);
    assert.equal(rupiahOn(await page.locator('[data-kpi=committed] .money').getAttribute('title')), 2_000_000n);

    // the absorption curve: a row per week of the series, the running week's exact figures
    const absorption = await chartTable(page, 'absorption');
    assert.equal(absorption.length, series.weeks.length);
    const [, realisedCell, , committedCell] = absorption[absorption.length - 1];
    assert.equal(rupiahOn(realisedCell), 3_000_000n);
    assert.equal(rupiahOn(committedCell), 2_000_000n);
    // the picture is labelled by its caption and a sentence of the latest figures
    const labelledBy = (await page.locator('figure[data-chart=absorption] svg[role=img]').getAttribute('aria-labelledby')) ?? '';
    const description = await page.locator(`[id="${labelledBy.split(' ')[1]}"]`).textContent();
    assert.match(description ?? '', /terealisasi 0,3%/);
    assert.match((await page.locator('figure[data-chart=absorption] figcaption').textContent()) ?? '', /Kurva penyerapan/);

    // the shares: the product is domestic, so PDN is all of it
    const shares = await chartTable(page, 'shares');
    assert.equal(shares.length, series.weeks.length);
    assert.equal(shares[shares.length - 1][1], '100%');
    assert.equal(series.weeks[series.weeks.length - 1].pdnSharePct, 100);

    // the satker's row, and the way to the open data
    const satkerRow = page.locator('table.data tbody tr', { hasText: satkerCode }).last();
    assert.match((await satkerRow.textContent()) ?? '', /Rp\s?3\.000\.000/);
    // ranked today within its K/L, of which it is the only satker
    assert.equal((await satkerRow.locator('td').first().textContent())?.trim(), '1');
    assert.equal(await page.locator('a[href="/api/open-data/releases"]').count(), 1);
    assert.equal(await page.locator(`a[href="/api/open-data/bulk/${fiscalYear}"]`).count(), 1);
    await context.close();
  });

  test('a vendor’s sales chart holds the week’s contracted and paid figures in its table', async () => {
    const sales = await eventually('the sales series has both orders', async () => {
      const { status, body } = await orders.as(vendor).get<Sales>(`/api/orders/vendor-sales/weekly?fiscalYear=${fiscalYear}`);
      assert.equal(status, 200, JSON.stringify(body));
      const week = body.weeks[body.weeks.length - 1];
      return week.paidIdr === '3000000' ? body : undefined;
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
    context.setDefaultTimeout(60_000);
    // this spec's vendor has no password: the tab holds its token as a signed-in tab holds its own
    const session = { accessToken: vendor, user: { username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId } };
    await context.addInitScript((value) => (globalThis as unknown as TabWindow).sessionStorage.setItem('serapan.session', value), JSON.stringify(session));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/sales`);
    await page.waitForSelector('figure[data-chart=sales] svg rect.bar', { state: 'attached' });
    await page.screenshot({ path: join(SHOTS, 'vendor-sales.png'), fullPage: true });
    const table = await chartTable(page, 'sales');
    assert.equal(table.length, sales.weeks.length);
    // every week as the API says; this week one order accepted (the other still awaits the vendor) and paid: Rp 3.000.000 each
    assert.deepEqual(
      table.map(([, orders, contracted, paid]) => [Number(orders), rupiahOn(contracted), rupiahOn(paid)]),
      sales.weeks.map((week) => [week.orders, BigInt(week.contractedIdr), BigInt(week.paidIdr)]),
    );
    const now = sales.weeks[sales.weeks.length - 1];
    assert.deepEqual([now.orders, now.contractedIdr, now.paidIdr], [1, '3000000', '3000000']);
    assert.equal(rupiahOn(await page.locator('[data-kpi=paid] .money').getAttribute('title')), 3_000_000n);
    await context.close();
  });
});
