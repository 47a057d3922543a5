import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { VendorDto } from '../../apps/catalog/src/vendors/dto/vendor.dto.js';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { assertTermsCoverLines, latePenalty, termSpend } from '../../apps/order/src/orders/terms/term-arithmetic.js';
import { Api, eventually, type Json, launchChromium, ServiceDatabase, testEnv, uniqueId } from '../support/index.js';

const PASSWORD = 'Serapan!2025';
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots');

/** The page's window as seen by functions sent to the browser (they must not close over Node values). */
type PageWindow = { location: { hash: string }; stillHere?: boolean };

/** Whole rupiah shown on screen ("Rp 5.250.000") as a BigInt. */
const rupiahOn = (text: string | null): bigint => BigInt((text ?? '').replace(/[^0-9]/g, '') || 'NaN');

/** The first amount in a sentence on screen ("Terlambat 3 hari: denda Rp 7.500 …" → 7500n). */
const firstRupiahIn = (text: string | null): bigint => rupiahOn(/Rp\s?[0-9.]+/.exec(text ?? '')?.[0] ?? null);

/** The web app's contract arithmetic (browser JavaScript without types). */
interface ContractModule {
  addTerm(terms: Term[], quantities: number[]): Term[];
  termProblems(quantities: number[], terms: Term[]): { key: string }[];
  latePenalty(parts: string[], days: number): string;
  daysLate(due: string, on: string): number;
}
type Term = { quantities: number[]; deliveryDate: string };

/** A date `days` after `date` (YYYY-MM-DD). */
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Today in Jakarta, the order service's calendar. */
const jakartaToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('the web app in Chromium, every role through its own screens', { timeout: 600_000 }, () => {
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
    // the stack shares a small machine with its Kafka and PostgreSQL: give a slow moment room
    context.setDefaultTimeout(60_000);
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

  const tokenOf = async (username: string) => (await gateway.post<LoginResultDto>('/api/auth/login', { username, password: PASSWORD })).body.accessToken;

  /** A fresh budget line of satker 415423 and a top-tier product of vendor.medika in a category of its own, through the API. */
  async function lineAndProduct(name: string, priceIdr: string, paguIdr = '500000000'): Promise<{ account: string; product: ProductDto }> {
    const account = `52${String(1000 + Math.floor(Math.random() * 8999))}`;
    const line = await gateway.as(await tokenOf('keuangan.024')).put(`/api/budget/lines/${fiscalYear}/415423/${account}`, { paguIdr });
    assert.ok(line.status < 300, JSON.stringify(line.body));
    const created = await gateway.as(await tokenOf('vendor.medika')).post<ProductDto>('/api/catalog/products', {
      sku: `LC-${uniqueId()}`,
      name,
      categoryCode: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)),
      unit: 'unit',
      priceIdr,
      stock: 100,
      origin: 'domestic',
      tkdnPercent: 45.5,
      bmpPercent: 10,
      tkdnCertificateNo: `0042/SJ-IND.8/TKDN/${uniqueId()}`,
      tkdnCertificateExpiresOn: `${fiscalYear + 2}-12-31`,
      catalogType: 'national',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { account, product: created.body };
  }

  /** The budget line of satker 415423 on `account`, as satker finance reads it. */
  async function budgetLine(account: string): Promise<Json<BudgetLineDto> | undefined> {
    const { body } = await gateway
      .as(await tokenOf('bendahara.415423'))
      .get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${fiscalYear}&satkerCode=415423`);
    return body.find((line) => line.accountCode === account);
  }

  /** Finds the product in the catalog screen by its name and puts `quantity` of it in the cart. */
  async function addToCart(page: Page, name: string, quantity: number): Promise<void> {
    await go(page, '#/catalog');
    await page.fill('input[name=q]', name);
    await page.click('.search-row button[type=submit]');
    const card = page.locator('article.product', { hasText: name });
    await card.waitFor();
    await card.locator('input.qty').fill(String(quantity));
    await card.locator('form.add button[type=submit]').click();
    await page.waitForSelector('header .count');
  }

  /** Submits the cart's order, again while the order service may still be learning the new product; answers the order id. */
  async function placeFromCart(page: Page): Promise<string> {
    await eventually(
      'the order placed',
      async () => {
        if (!page.url().includes('#/orders/')) await page.click('.vendor-order button[type=submit]');
        await page.waitForURL(/#\/orders\/[0-9a-f-]{36}$/, { timeout: 2000 }).catch(async () => {
          throw new Error(`still on the cart: ${await page.textContent('#toasts')}`);
        });
        return true;
      },
      60_000,
      500,
    );
    return page.url().split('#/orders/')[1];
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('the auditor finds a price change in the audit trail screen, with who, from where, before and after', async () => {
    const { product } = await lineAndProduct(`Termometer jejak ${uniqueId()}`, '400000');
    const changed = await gateway.as(await tokenOf('vendor.medika')).patch(`/api/catalog/products/${product.id}`, { priceIdr: '425000' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));

    const page = await pageAt();
    await signIn(page, 'auditor');
    await go(page, '#/audit');
    await page.waitForSelector('h1:has-text("Jejak audit")');
    await page.fill('input[name=entityId]', product.id);
    await page.click('form.filters button[type=submit]');
    const row = page.locator('table.data tbody tr', { hasText: 'product.update' });
    // the entry is written just after the change: ask again until it is there
    await eventually(
      'the price change in the trail',
      async () => {
        if ((await row.count()) === 1) return true;
        await page.click('form.filters button[type=submit]');
        return false;
      },
      30_000,
      1000,
    );
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'Katalog');
    assert.match(cells[2], /vendor\.medika\s*vendor/);
    assert.equal(cells[3], '127.0.0.1');
    assert.match(cells[6], /"priceIdr": "400000"/);
    assert.match(cells[7], /"priceIdr": "425000"/);
    assert.equal(await page.locator('table.data tbody tr', { hasText: 'product.create' }).count(), 1);
    await shot(page, 'auditor-audit-trail');
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
    // a key figure reads at a glance ("Rp 15,3 M"); the exact one is on hover (its title)
    const figure = async (name: string): Promise<string> => {
      const value = dashboard.locator(`[data-kpi=${name}] .kpi-value`);
      const amount = value.locator('.money');
      return ((await amount.count()) > 0 ? await amount.getAttribute('title') : await value.textContent()) ?? '';
    };
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
    /** The running week's realised amount in the absorption curve's table (its last row), exact. */
    const curveRealised = async () =>
      rupiahOn(await dashboard.locator('figure[data-chart=absorption] details table tbody tr').last().locator('td').nth(1).textContent());
    const curveBefore = await curveRealised();

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
    // the absorption curve's running week moved with it
    assert.equal(await curveRealised(), curveBefore + totalIdr);
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

  test('the screens share out terms and price late penalties as the order service does', async () => {
    const contract = (await import(pathToFileURL(join(process.cwd(), 'apps/gateway/web/js/contract.js')).href)) as ContractModule;
    const quantities = [5, 1, 8];
    let terms: Term[] = [];
    for (let n = 2; n <= 4; n++) {
      terms = contract.addTerm(terms, quantities);
      assert.equal(terms.length, n);
      assert.doesNotThrow(() =>
        assertTermsCoverLines(
          quantities.map((quantity, i) => ({ lineNo: i + 1, quantity })),
          terms.map((term) => term.quantities),
        ),
      );
      assert.deepEqual(
        contract.termProblems(quantities, terms).filter((p) => p.key !== 'termEmpty'),
        [],
      );
    }
    assert.deepEqual(
      contract
        .termProblems(
          [3],
          [
            { quantities: [1], deliveryDate: '' },
            { quantities: [1], deliveryDate: '' },
          ],
        )
        .map((p) => p.key),
      ['termsLineSum'],
    );

    const lines = [
      { lineNo: 1, quantity: 3, unitPriceIdr: 1_750_000n, pdnTier: 'top' as const },
      { lineNo: 2, quantity: 7, unitPriceIdr: 333_333n, pdnTier: 'import' as const },
    ];
    for (const days of [1, 3, 17, 49, 50, 51, 400]) {
      const term = termSpend(
        lines,
        [
          { lineNo: 1, quantity: 2 },
          { lineNo: 2, quantity: 7 },
        ],
        123_457n,
        false,
      );
      const parts = [...term.lines.map((l) => l.subtotalIdr.toString()), '123457'];
      assert.equal(contract.latePenalty(parts, days), latePenalty(term, days, false).amountIdr.toString(), `${days} days late`);
    }
    assert.equal(contract.daysLate('2026-02-27', '2026-03-02'), 3);
    assert.equal(contract.daysLate('2026-03-02', '2026-02-27'), 0);
  });

  test('a pejabat pengadaan negotiates from the cart, the vendor counters, the officer agrees and the PPK approves in the queue', async () => {
    const name = `Oksimeter nego ${uniqueId()}`;
    const { account } = await lineAndProduct(name, '2000000');
    const officer = await pageAt();
    const vendor = await pageAt();
    const ppk = await pageAt();

    // The pejabat pengadaan proposes 1.800.000 a unit and 100.000 shipping for 5 units listed at 2.000.000.
    await signIn(officer, 'pp.415423');
    await addToCart(officer, name, 5);
    await go(officer, '#/cart');
    await officer.selectOption('select[name=line]', `${fiscalYear}/${account}`);
    await officer.check('input[name=negotiate]');
    await officer.fill('.vendor-order input[name=unitPriceIdr]', '2.100.000');
    assert.equal(await officer.isDisabled('.vendor-order button[type=submit]'), true, 'a price above the listed one is not sent');
    await officer.fill('.vendor-order input[name=unitPriceIdr]', '1.800.000');
    await officer.fill('.vendor-order input[name=shippingIdr]', '100.000');
    assert.equal(rupiahOn(await officer.textContent('.vendor-order .total')), 5n * 1_800_000n + 100_000n);
    await shot(officer, 'officer-cart-negotiation');
    const orderId = await placeFromCart(officer);
    await officer.waitForSelector('.toolbar .badge.status-negotiating');
    assert.equal(await officer.locator('ol.offers li.offer-officer').count(), 1);
    await officer.waitForSelector('[data-field=waitingForAnswer]');

    // The vendor counters at 1.900.000, keeping the shipping.
    await signIn(vendor, 'vendor.medika');
    await go(vendor, `#/orders/${orderId}`);
    await vendor.waitForSelector('form[data-step=offer]');
    assert.equal(await vendor.inputValue('form[data-step=offer] input[name=unitPriceIdr]'), '1.800.000');
    await vendor.fill('form[data-step=offer] input[name=unitPriceIdr]', '1.900.000');
    await vendor.fill('form[data-step=offer] input[name=note]', 'Harga terbaik untuk 5 unit');
    const agreedIdr = 5n * 1_900_000n + 100_000n;
    assert.equal(rupiahOn(await vendor.textContent('[data-field=counterTotal]')), agreedIdr);
    await vendor.click('form[data-step=offer] button[type=submit]');
    await vendor.waitForSelector('ol.offers li.offer-vendor');
    await vendor.waitForSelector('[data-field=waitingForAnswer]');
    assert.equal(await vendor.locator('form[data-step=agree]').count(), 0, 'the vendor does not agree to its own offer');
    await shot(vendor, 'vendor-negotiation');

    // The officer agrees to the counter-offer: the order waits for the PPK.
    await officer.reload();
    await officer.waitForSelector('form[data-step=agree]');
    assert.equal(rupiahOn(await officer.textContent('ol.offers li.offer-vendor [data-field=offerTotal]')), agreedIdr);
    assert.match((await officer.textContent('ol.offers li.offer-vendor')) ?? '', /vendor\.medika/);
    await officer.click('form[data-step=agree] button[type=submit]');
    await officer.waitForSelector('.toolbar .badge.status-awaiting_approval');
    assert.match((await officer.textContent('[data-field=statusHint]')) ?? '', /PPK/);
    await go(officer, '#/approvals');
    await officer
      .locator('table.data tbody tr', { hasText: orderId.slice(0, 8) })
      .locator('[data-field=waitingForPpk]')
      .waitFor();
    assert.equal(await officer.locator('form[data-step=approve]').count(), 0, 'a pejabat pengadaan does not approve');

    // The PPK approves it from the queue.
    await signIn(ppk, 'ppk.415423');
    await go(ppk, '#/approvals');
    const row = ppk.locator('table.data tbody tr', { hasText: orderId.slice(0, 8) });
    await row.waitFor();
    await shot(ppk, 'ppk-approval-queue');
    await row.locator('form[data-step=approve] button[type=submit]').click();
    await row.waitFor({ state: 'detached' });

    // Approved, numbered and reserved at the agreed figures, it reaches the vendor.
    await go(officer, `#/orders/${orderId}`);
    await officer.waitForSelector('.toolbar .badge.status-awaiting_vendor', { timeout: 60_000 });
    assert.equal(await officer.textContent('[data-field=approvedBy]'), 'ppk.415423');
    assert.match((await officer.textContent('[data-field=purchaseOrderNumber]')) ?? '', /^SP-415423-\d{4}-\d+$/);
    assert.equal(rupiahOn(await officer.textContent('[data-field=total]')), agreedIdr);
    assert.equal(await officer.locator('ol.offers li.offer').count(), 2, 'the thread stays on the order');
    await shot(officer, 'officer-order-negotiated');
  });

  test('an order in two terms shows both; the one received late carries its penalty on the BAST and is paid less it', async () => {
    const name = `Stetoskop termin ${uniqueId()}`;
    const { account } = await lineAndProduct(name, '1250000');
    const officer = await pageAt();
    const vendor = await pageAt();
    const finance = await pageAt();
    const termValueIdr = 2n * 1_250_000n;

    // The PPK orders 4 units in two terms of 2 (a PPK's own order goes straight to the budget).
    await signIn(officer, 'ppk.415423');
    await addToCart(officer, name, 4);
    await go(officer, '#/cart');
    await officer.selectOption('select[name=line]', `${fiscalYear}/${account}`);
    await officer.click('.vendor-order button[name=addTerm]');
    assert.deepEqual((await officer.locator('.terms-editor [data-field=termValue]').allTextContents()).map(rupiahOn), [termValueIdr, termValueIdr]);
    await shot(officer, 'officer-cart-terms');
    const orderId = await placeFromCart(officer);
    await officer.waitForSelector('.toolbar .badge.status-awaiting_vendor', { timeout: 60_000 });
    assert.equal(await officer.locator('section.terms tbody tr').count(), 2);

    // The vendor accepts and ships the first term.
    await signIn(vendor, 'vendor.medika');
    await go(vendor, `#/orders/${orderId}`);
    await vendor.waitForSelector('.toolbar .badge.status-awaiting_vendor');
    await vendor.click('.steps form.step button.primary');
    await vendor.waitForSelector('form[data-term="1"]');
    await vendor.click('form[data-term="1"] button[type=submit]');
    await vendor.waitForSelector('section.terms tr.term-1 .badge.term-shipped');

    // Its delivery date is set back three days, as if the goods came late.
    const orders = new ServiceDatabase('order');
    try {
      await orders.query('UPDATE order_terms SET delivery_date = $2::date WHERE order_id = $1 AND term_no = 1', [orderId, plusDays(jakartaToday(), -3)]);
    } finally {
      await orders.close();
    }

    // The officer receives it: the form warns of the penalty, the BAST row shows it.
    await officer.reload();
    const receive = officer.locator('form[data-term="1"]:has(input[name=bastNumber])');
    await receive.waitFor();
    const preview = firstRupiahIn(await receive.locator('[data-field=latePreview]').textContent());
    await receive.locator('input[name=bastNumber]').fill(`BAST-T1-${orderId.slice(0, 8)}`);
    await receive.locator('button[type=submit]').click();
    const lateRow = officer.locator('section.terms tr.term-1');
    await lateRow.locator('[data-field=penalty]').waitFor();
    const token = await tokenOf('ppk.415423');
    const { body: order } = await gateway.as(token).get<Json<OrderViewDto>>(`/api/orders/${orderId}`);
    const [first] = order.terms;
    assert.ok((first.daysLate ?? 0) >= 2, `term 1 is late: ${JSON.stringify(first)}`);
    assert.equal(BigInt(first.penaltyIdr), (termValueIdr * BigInt(first.daysLate ?? 0)) / 1000n, '1 ‰ of the term a day');
    assert.equal(rupiahOn(await lateRow.locator('[data-field=penalty]').textContent()), BigInt(first.penaltyIdr));
    assert.equal(preview, BigInt(first.penaltyIdr), 'the form foretold the penalty');
    assert.match((await lateRow.locator('[data-field=bast]').textContent()) ?? '', /BAST-T1-/);
    assert.match((await lateRow.locator('[data-field=daysLate]').textContent()) ?? '', new RegExp(String(first.daysLate)));
    await shot(officer, 'officer-order-term-late');

    // The second term ships and arrives on time.
    await vendor.reload();
    await vendor.click('form[data-term="2"] button[type=submit]');
    await vendor.waitForSelector('section.terms tr.term-2 .badge.term-shipped');
    await officer.reload();
    const receiveSecond = officer.locator('form[data-term="2"]:has(input[name=bastNumber])');
    await receiveSecond.locator('input[name=bastNumber]').fill(`BAST-T2-${orderId.slice(0, 8)}`);
    await receiveSecond.locator('button[type=submit]').click();
    await officer.waitForSelector('section.terms tr.term-2 .badge.term-received');
    assert.equal(await officer.locator('section.terms tr.term-2 [data-field=penalty]').count(), 0);

    // Finance pays term 1 less its penalty, then term 2 in full, from the payments screen.
    await signIn(finance, 'bendahara.415423');
    await go(finance, '#/payments');
    const payRow = finance.locator('table.data tbody tr', { hasText: orderId.slice(0, 8) });
    for (const [termNo, due] of [
      [1, termValueIdr - BigInt(first.penaltyIdr)],
      [2, termValueIdr],
    ] as const) {
      const form = payRow.locator(`form[data-term="${termNo}"]`);
      await form.waitFor();
      assert.equal(firstRupiahIn(await form.locator('[data-field=amountDue]').textContent()), due, `term ${termNo} pays`);
      if (termNo === 1) await shot(finance, 'finance-pay-term');
      await form.locator('input[name=sp2dNumber]').fill(`SP2D-T${termNo}-${orderId.slice(0, 8)}`);
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
    }
    await payRow.waitFor({ state: 'detached' });

    // The budget realised each term less its penalty and released the penalty: nothing of the order stays committed.
    await eventually(
      'the budget line realised both terms less the penalty',
      async () => {
        const line = await budgetLine(account);
        return line && BigInt(line.realisedIdr) === 2n * termValueIdr - BigInt(first.penaltyIdr) && line.committedIdr === '0';
      },
      30_000,
      250,
    );

    await officer.reload();
    await officer.waitForSelector('.toolbar .badge.status-completed');
    assert.equal(await officer.locator('section.terms .badge.term-paid').count(), 2);
    assert.equal(rupiahOn(await officer.textContent('[data-field=orderPenalty]')), BigInt(first.penaltyIdr));
    await shot(officer, 'officer-order-terms-paid');
  });

  test('an addendum the budget can hold is applied; one above the pagu is rejected and leaves the order as it was', async () => {
    const name = `Tensimeter addendum ${uniqueId()}`;
    // room for 3 units of 1.000.000: the order takes 2, the first addendum the third, the second finds no room for a fourth
    const { account } = await lineAndProduct(name, '1000000', '3000000');
    const officer = await pageAt();
    const vendor = await pageAt();

    await signIn(officer, 'ppk.415423');
    await addToCart(officer, name, 2);
    await go(officer, '#/cart');
    await officer.selectOption('select[name=line]', `${fiscalYear}/${account}`);
    const orderId = await placeFromCart(officer);
    await signIn(vendor, 'vendor.medika');
    await go(vendor, `#/orders/${orderId}`);
    await vendor.waitForSelector('.toolbar .badge.status-awaiting_vendor', { timeout: 60_000 });
    await vendor.click('.steps form.step button.primary');
    await vendor.waitForSelector('.toolbar .badge.status-in_process');

    /** The officer proposes `quantity` units for the order's line; the vendor agrees; the budget decides. */
    async function addendum(number: number, quantity: number, outcome: 'applied' | 'rejected'): Promise<void> {
      await officer.reload();
      await officer.click('details.propose-addendum summary');
      await officer.fill('input[name=addendum-line-1]', String(quantity));
      await officer.fill('form[data-step=addendum] textarea[name=reason]', `Kebutuhan puskesmas bertambah menjadi ${quantity} unit`);
      const estimate = [...((await officer.textContent('[data-field=addendumEstimate]')) ?? '').matchAll(/Rp\s?[0-9.]+/g)].map(([amount]) => rupiahOn(amount));
      assert.deepEqual(estimate, [BigInt(quantity - 1) * 1_000_000n, BigInt(quantity) * 1_000_000n, 1_000_000n], 'before → after (change)');
      await officer.click('form[data-step=addendum] button[type=submit]');
      await officer.waitForSelector(`tr.addendum-${number} .badge.addendum-proposed`);
      assert.equal(await officer.locator('details.propose-addendum').count(), 0, 'one open addendum at a time');

      await vendor.reload();
      const row = vendor.locator(`tr.addendum-${number}`);
      await row.locator('form[data-step=agree-addendum] button[type=submit]').click();
      await row.locator(`.badge.addendum-${outcome}`).waitFor({ timeout: 60_000 });
    }

    await addendum(1, 3, 'applied');
    await vendor.waitForSelector('[data-field=version]');
    assert.equal(await vendor.textContent('[data-field=version]'), '2');
    assert.equal(rupiahOn(await vendor.textContent('[data-field=total]')), 3_000_000n);
    assert.match((await vendor.textContent('tr.addendum-1 [data-field=totals]')) ?? '', /2\.000\.000.*3\.000\.000/);

    await addendum(2, 4, 'rejected');
    await officer.reload();
    await officer.waitForSelector('tr.addendum-2 .badge.addendum-rejected');
    assert.equal(rupiahOn(await officer.textContent('[data-field=total]')), 3_000_000n, 'the order stands as the first addendum left it');
    assert.equal(await officer.textContent('[data-field=version]'), '2');
    assert.equal(await officer.textContent('.order-detail > .table-wrap tbody tr:first-child td:nth-child(2)'), '3', 'the line keeps 3 units');
    const line = await budgetLine(account);
    assert.equal(line?.committedIdr, '3000000');
    await shot(officer, 'officer-order-addenda');
  });
});
