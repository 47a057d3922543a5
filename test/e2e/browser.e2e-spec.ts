import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { VendorDto } from '../../apps/catalog/src/vendors/dto/vendor.dto.js';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import { Api, eventually, testEnv, uniqueId } from '../support/index.js';

const PASSWORD = 'Serapan!2025';
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots');

/** The page's window as seen by functions sent to the browser (they must not close over Node values). */
type PageWindow = { location: { hash: string }; stillHere?: boolean };

/** Whole rupiah shown on screen ("Rp 5.250.000") as a BigInt. */
const rupiahOn = (text: string | null): bigint => BigInt((text ?? '').replace(/[^0-9]/g, '') || 'NaN');

describe('the web app in Chromium, every role through its own screens', { timeout: 240_000 }, () => {
  const baseUrl = testEnv.serviceUrl('gateway');
  const gateway = new Api(baseUrl);
  const uid = uniqueId();
  const fiscalYear = new Date().getFullYear();
  const account = `52${String(1000 + Math.floor(Math.random() * 8999))}`;
  const pdnName = `Tensimeter uji ${uid}`;
  const importedName = `Tensimeter impor ${uid}`;
  const quantity = 3n;
  const priceIdr = 1_750_000n;
  const totalIdr = quantity * priceIdr;

  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function pageAt(viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(baseUrl);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('header.top .who');
  }

  const go = async (page: Page, hash: string) => {
    await page.evaluate((h) => ((globalThis as unknown as PageWindow).location.hash = h), hash);
    await page.waitForFunction((h) => (globalThis as unknown as PageWindow).location.hash === h, hash);
  };

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('every sort the catalog screen offers is one the catalog accepts', async () => {
    // the screen's module is browser JavaScript without types: SORTS lists [value, message key] pairs
    const { SORTS } = (await import(pathToFileURL(join(process.cwd(), 'apps/gateway/web/js/views/catalog.js')).href)) as { SORTS: [string, string][] };
    const { body: login } = await gateway.post<LoginResultDto>('/api/auth/login', { username: 'ppk.415423', password: PASSWORD });
    assert.ok(SORTS.length >= 4);
    for (const [sort] of SORTS) {
      const { status } = await gateway.as(login.accessToken).get(`/api/catalog/products?sort=${sort}&pageSize=1`);
      assert.equal(status, 200, `sort=${sort}`);
    }
  });

  test('vendor, officer and finance take an order from listing to COMPLETED while the dashboard follows live', async () => {
    const finance = await pageAt();
    const vendor = await pageAt();
    const officer = await pageAt();

    // The sign-in page, then the K/L's finance allocates the pagu of a fresh line (a satker's own finance cannot).
    await finance.goto(baseUrl);
    await finance.waitForSelector('form.login');
    await shot(finance, 'login');
    await signIn(finance, 'keuangan.024');
    await finance.click('a[href="#/budget"]');
    await finance.fill('input[name=satkerCode]', '415423');
    await finance.fill('input[name=accountCode]', account);
    await finance.fill('input[name=paguIdr]', '500.000.000');
    await finance.click('form.form-grid button[type=submit]');
    const line = `tr.line-${fiscalYear}-415423-${account}`;
    await finance.waitForSelector(line);
    assert.equal(rupiahOn(await finance.textContent(`${line} [data-field=remaining]`)), 500_000_000n);
    await shot(finance, 'finance-budget-lines');

    // The vendor lists a top-tier domestic product through the form; a second, imported one through the API.
    await signIn(vendor, 'vendor.medika');
    await vendor.click('.toolbar button.primary');
    await vendor.fill('input[name=sku]', `UJI-${uid}`);
    await vendor.fill('input[name=name]', pdnName);
    await vendor.fill('input[name=categoryCode]', '48150');
    await vendor.fill('input[name=unit]', 'unit');
    await vendor.fill('input[name=priceIdr]', '1.750.000');
    await vendor.fill('input[name=stock]', '50');
    await vendor.selectOption('select[name=origin]', 'domestic');
    await vendor.fill('input[name=tkdnPercent]', '45.5');
    await vendor.fill('input[name=bmpPercent]', '10');
    await vendor.fill('input[name=tkdnCertificateNo]', `0042/SJ-IND.8/TKDN/${uid}`);
    await vendor.fill('input[name=tkdnCertificateExpiresOn]', `${fiscalYear + 2}-12-31`);
    await vendor.click('form.form-grid button[type=submit]');
    const productRow = vendor.locator('table.data tbody tr', { hasText: `UJI-${uid}` });
    await productRow.waitFor();
    assert.equal(await productRow.locator('.badge.tier-top').count(), 1);
    await shot(vendor, 'vendor-products');

    const { body: vendorLogin } = await gateway.post<LoginResultDto>('/api/auth/login', { username: 'vendor.medika', password: PASSWORD });
    const imported = await gateway.as(vendorLogin.accessToken).post<ProductDto>('/api/catalog/products', {
      sku: `IMP-${uid}`,
      name: importedName,
      categoryCode: '48150',
      unit: 'unit',
      priceIdr: '990000',
      stock: 50,
      origin: 'import',
      tkdnPercent: 0,
      bmpPercent: 0,
      catalogType: 'national',
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.equal(imported.body.pdnTier, 'import');

    // The vendor's profile screen reads and saves GET/PUT /api/catalog/vendors/me.
    await vendor.click('a[href="#/profile"]');
    await vendor.waitForSelector('input[name=name]');
    assert.match(await vendor.inputValue('input[name=name]'), /\S/);
    await vendor.fill('input[name=region]', `Jakarta ${uid}`);
    await vendor.click('form.form-grid button[type=submit]');
    await eventually(
      'the profile saved',
      async () => (await gateway.as(vendorLogin.accessToken).get<VendorDto>('/api/catalog/vendors/me')).body.region === `Jakarta ${uid}`,
    );
    await vendor.reload();
    await vendor.waitForSelector('input[name=region]');
    assert.equal(await vendor.inputValue('input[name=region]'), `Jakarta ${uid}`);
    await shot(vendor, 'vendor-profile');

    // The officer finds both by name, then only the domestic one with the PDN filter.
    await signIn(officer, 'ppk.415423');
    await officer.fill('input[name=q]', uid);
    await officer.click('.search-row button[type=submit]');
    await eventually('both products found', async () => (await officer.locator('article.product').count()) === 2);
    await officer.check('input[name=domestic]');
    await eventually('only the domestic product left', async () => {
      const names = await officer.locator('article.product h3').allTextContents();
      return names.length === 1 && names[0] === pdnName;
    });
    const card = officer.locator('article.product', { hasText: pdnName });
    assert.equal(await card.locator('.badge.tier-top').count(), 1);
    await card.locator('input.qty').fill(String(quantity));
    await card.locator('form.add button[type=submit]').click();
    await officer.waitForSelector('header .count');
    await shot(officer, 'officer-catalog');

    // Finance opens the dashboard in another tab and keeps it open, never reloading it.
    const dashboard = await contexts[0].newPage();
    await signIn(dashboard, 'bendahara.415423');
    await dashboard.waitForSelector('.live.live');
    await dashboard.waitForSelector('[data-kpi=realised] .kpi-value');
    const figure = async (name: string) => (await dashboard.textContent(`[data-kpi=${name}] .kpi-value`)) ?? '';
    await dashboard.evaluate(() => ((globalThis as unknown as PageWindow).stillHere = true));

    // The cart shows what is left on the line, from GET /api/budget/lines, and places the order.
    await officer.click('a[href="#/cart"]');
    await officer.selectOption('select[name=line]', `${fiscalYear}/${account}`);
    assert.equal(rupiahOn(await officer.textContent('.vendor-order .field small.hint')), 500_000_000n);
    assert.equal(rupiahOn(await officer.textContent('.vendor-order .total')), totalIdr);
    await shot(officer, 'officer-cart');
    await eventually(
      'the order placed (the order service may still be learning the new product)',
      async () => {
        if (!officer.url().includes('#/orders/')) await officer.click('.vendor-order button[type=submit]');
        await officer.waitForURL(/#\/orders\/[0-9a-f-]{36}$/, { timeout: 2000 });
        return true;
      },
      30_000,
      500,
    );
    const orderId = officer.url().split('#/orders/')[1];
    await go(vendor, `#/orders/${orderId}`);

    await vendor.waitForSelector('.toolbar .badge.status-awaiting_vendor', { timeout: 20_000 });
    await vendor.click('.steps form.step button.primary');
    await vendor.waitForSelector('.toolbar .badge.status-in_process');
    await officer.waitForSelector('.toolbar .badge.status-awaiting_vendor, .toolbar .badge.status-in_process', { timeout: 20_000 });
    assert.equal(rupiahOn(await officer.textContent('[data-field=total]')), totalIdr);

    // The open dashboard has taken in the reservation; its figures are the baseline for the payment.
    await eventually('the dashboard shows the commitment', async () => rupiahOn(await figure('committed')) >= totalIdr, 20_000, 200);
    const realisedBefore = rupiahOn(await figure('realised'));
    const committedBefore = rupiahOn(await figure('committed'));
    const absorptionBefore = await figure('absorption');

    // The vendor ships.
    await vendor.click('.steps form.step button.primary');
    await vendor.waitForSelector('.toolbar .badge.status-shipped');
    await shot(vendor, 'vendor-order-shipped');

    // The officer confirms receipt with a BAST number.
    const bast = `BAST-${uid}/2026`;
    await officer.reload();
    await officer.waitForSelector('.toolbar .badge.status-shipped');
    await officer.fill('input[name=bastNumber]', bast);
    await officer.click('form.step:has(input[name=bastNumber]) button[type=submit]');
    await officer.waitForSelector('.toolbar .badge.status-received');

    // Finance records the payment from the payments screen.
    await finance.click('a[href="#/payments"]');
    const payRow = finance.locator('table.data tbody tr', { hasText: orderId.slice(0, 8) });
    await payRow.waitFor();
    await shot(finance, 'finance-payments');
    await payRow.locator('input[name=sp2dNumber]').fill(`SP2D-${uid}`);
    await payRow.locator('button[type=submit]').click();
    await payRow.waitFor({ state: 'detached' });

    // The open dashboard moves by exactly the order total, without a reload.
    await eventually('the dashboard shows the payment', async () => rupiahOn(await figure('realised')) === realisedBefore + totalIdr, 20_000, 200);
    assert.equal(rupiahOn(await figure('committed')), committedBefore - totalIdr);
    assert.notEqual(await figure('absorption'), absorptionBefore);
    assert.equal(await dashboard.evaluate(() => (globalThis as unknown as PageWindow).stillHere), true);
    await shot(dashboard, 'finance-dashboard');

    // The officer sees the completed order with its whole timeline.
    await officer.reload();
    await officer.waitForSelector('.toolbar .badge.status-completed');
    const timeline = await officer.locator('ol.timeline li').allTextContents();
    assert.ok(timeline.length >= 6, timeline.join(' | '));
    assert.ok(
      timeline.some((entry) => entry.includes(bast)),
      timeline.join(' | '),
    );
    assert.ok(
      timeline.some((entry) => entry.includes(`SP2D-${uid}`)),
      timeline.join(' | '),
    );
    await shot(officer, 'officer-order-completed');

    // The weekly report card of the running week counts the paid order.
    await finance.click('a[href="#/report"]');
    const card415423 = finance.locator('table.data tbody tr', { hasText: '415423' });
    await card415423.waitFor();
    const realisedColumn = (await finance.locator('table.data thead th').allTextContents()).indexOf('Realisasi');
    assert.ok(realisedColumn >= 0, 'the report card has a Realisasi column');
    assert.ok(rupiahOn(await card415423.locator('td').nth(realisedColumn).textContent()) >= totalIdr);
    assert.equal(await card415423.locator('.tier-shares [data-tier=top]').count(), 1, 'the card shows the top tier’s share');
    await shot(finance, 'finance-weekly-report');

    // Phone width: the dashboard and the catalog.
    await dashboard.setViewportSize(PHONE);
    await shot(dashboard, 'phone-finance-dashboard');
    await officer.setViewportSize(PHONE);
    await go(officer, '#/catalog');
    await officer.waitForSelector('article.product');
    await shot(officer, 'phone-officer-catalog');
  });
});
