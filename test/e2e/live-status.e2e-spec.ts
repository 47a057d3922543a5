import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { Api, eventually, type Json, launchChromium, testEnv, tokenFor, uniqueId } from '../support/index.js';

const PASSWORD = 'Serapan!2025';

/** The page's window as seen by functions sent to the browser (they must not close over Node values). */
type PageWindow = { location: { hash: string }; stillHere?: boolean; sessionStorage: { setItem(key: string, value: string): void } };

describe('order status live in Chromium: the vendor’s open pages follow a change without a reload', { timeout: 300_000 }, () => {
  const baseUrl = testEnv.serviceUrl('gateway');
  const gateway = new Api(baseUrl);
  const fiscalYear = new Date().getFullYear();
  // a vendor of this spec's own: the streams one user may hold open are not shared with the other specs' tabs
  const vendorId = randomUUID();
  const vendor = { username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor' as const, vendorId };
  const vendorToken = tokenFor(vendor);
  let browser: Browser;
  let context: BrowserContext;
  let product: ProductDto;
  let account: string;

  const tokenOf = async (username: string) => (await gateway.post<LoginResultDto>('/api/auth/login', { username, password: PASSWORD })).body.accessToken;

  /** An order of satker 415423 to this spec's vendor, placed by its PPK through the API, once the budget confirmed it. */
  async function anOrderAwaitingTheVendor(): Promise<string> {
    const officer = await tokenOf('ppk.415423');
    const placed = await eventually(
      'the order placed (the order service may still be learning the new product)',
      async () => {
        const answer = await gateway
          .as(officer)
          .post<Json<OrderViewDto>>(
            '/api/orders',
            { fiscalYear, accountCode: account, lines: [{ productId: product.id, quantity: 1 }] },
            { 'Idempotency-Key': randomUUID() },
          );
        return answer.status === 202 ? answer.body : undefined;
      },
      30_000,
      500,
    );
    await eventually(
      'the order awaits the vendor',
      async () => (await gateway.as(officer).get<Json<OrderViewDto>>(`/api/orders/${placed.id}`)).body.status === 'AWAITING_VENDOR',
    );
    return placed.id;
  }

  const cancel = async (id: string) => {
    const cancelled = await gateway.as(await tokenOf('ppk.415423')).post(`/api/orders/${id}/cancel`, { reason: 'anggaran dialihkan' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  };

  const markPage = (page: Page) => page.evaluate(() => ((globalThis as unknown as PageWindow).stillHere = true));
  const stillThePage = (page: Page) => page.evaluate(() => (globalThis as unknown as PageWindow).stillHere);

  before(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
    // the stack shares a small machine with its Kafka and PostgreSQL: give a slow moment room
    context.setDefaultTimeout(60_000);

    account = `52${String(1000 + Math.floor(Math.random() * 8999))}`;
    const line = await gateway.as(await tokenOf('keuangan.024')).put(`/api/budget/lines/${fiscalYear}/415423/${account}`, { paguIdr: '100000000' });
    assert.ok(line.status < 300, JSON.stringify(line.body));
    const created = await gateway.as(vendorToken).post<ProductDto>('/api/catalog/products', {
      sku: `LIVE-${uniqueId()}`,
      name: `Oksimeter uji ${uniqueId()}`,
      categoryCode: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)),
      unit: 'unit',
      priceIdr: '450000',
      stock: 100,
      origin: 'import',
      tkdnPercent: 0,
      bmpPercent: 0,
      catalogType: 'national',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    product = created.body;
  });

  after(async () => {
    await context?.close();
    await browser?.close();
  });

  /** A tab signed in as this spec's vendor, which has no password: the tab holds its token as a signed-in tab holds its own. */
  async function vendorPage(): Promise<Page> {
    const page = await context.newPage();
    await page.addInitScript(
      (session) => (globalThis as unknown as PageWindow).sessionStorage.setItem('serapan.session', session),
      JSON.stringify({ accessToken: vendorToken, user: vendor }),
    );
    await page.goto(baseUrl);
    await page.waitForSelector('header.top .who');
    return page;
  }

  const go = async (page: Page, hash: string) => {
    await page.evaluate((h) => ((globalThis as unknown as PageWindow).location.hash = h), hash);
    await page.waitForFunction((h) => (globalThis as unknown as PageWindow).location.hash === h, hash);
  };

  test('the open order page shows the officer’s cancellation: status, actions and timeline', async () => {
    const id = await anOrderAwaitingTheVendor();
    const page = await vendorPage();
    await go(page, `#/orders/${id}`);
    await page.waitForSelector('.order-detail .toolbar .badge.status-awaiting_vendor');
    await page.waitForSelector('.order-detail .toolbar .live.live');
    assert.equal(await page.locator('.steps form.step button.primary').count(), 1, 'the vendor may accept');
    const entries = await page.locator('ol.timeline li').count();
    await markPage(page);

    await cancel(id);

    await page.waitForSelector('.order-detail .toolbar .badge.status-cancelled', { timeout: 20_000 });
    assert.equal(await page.locator('.steps form.step').count(), 0, 'nothing left for the vendor to do');
    // the cancellation, and perhaps already the note of the budget's release after it
    assert.ok((await page.locator('ol.timeline li').count()) > entries);
    assert.equal(await page.locator('ol.timeline li', { hasText: 'anggaran dialihkan' }).count(), 1);
    assert.equal(await stillThePage(page), true, 'the page was not reloaded');
    await page.close();
  });

  test('the open order list shows the new status in the order’s row', async () => {
    const id = await anOrderAwaitingTheVendor();
    const page = await vendorPage();
    await go(page, '#/orders');
    await page.selectOption('select[name=status]', '');
    const status = page.locator(`[data-order-status="${id}"]`);
    await status.locator('.badge.status-awaiting_vendor').waitFor();
    await page.waitForSelector('.toolbar .live.live');
    await markPage(page);

    await cancel(id);

    await status.locator('.badge.status-cancelled').waitFor({ timeout: 20_000 });
    assert.equal(await stillThePage(page), true, 'the page was not reloaded');
    await page.close();
  });
});
