import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { eventually, testEnv, uniqueId } from '../support/index.js';

const PASSWORD = 'Serapan!2025';
const SHOTS = new URL('../../../artifacts/screenshots/', import.meta.url).pathname;
const FISCAL_YEAR = new Date().getFullYear();

describe('the web app in a real browser: vendor, officer and finance take an order to COMPLETED', { timeout: 300_000 }, () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  /** A signed-in page of its own (separate storage) for one demo user, in English. */
  async function signIn(username: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript("localStorage.setItem('serapan.lang', 'en')");
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`${username}: page error ${error.message}`));
    await page.goto(testEnv.serviceUrl('gateway'));
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.top');
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  const field = (page: Page, label: string) => page.locator('label', { hasText: label }).locator('input, select, textarea').first();

  test('from listing to COMPLETED, with the finance dashboard moving live', async () => {
    const marker = uniqueId();
    const productName = `Meja sekolah ${marker}`;

    // Vendor lists a domestic product.
    const vendor = await signIn('vendor.karya');
    await page(vendor, '#/products');
    await vendor.click('button:has-text("New product")');
    await vendor.fill('input[name=sku]', `MJ-${marker}`);
    await vendor.fill('input[name=name]', productName);
    await vendor.fill('input[name=categoryCode]', '381210');
    await vendor.fill('input[name=unit]', 'unit');
    await vendor.fill('input[name=priceIdr]', '1250000');
    await vendor.fill('input[name=stock]', '40');
    await vendor.fill('input[name=tkdnPercent]', '45');
    await vendor.fill('input[name=bmpPercent]', '10');
    await vendor.fill('input[name=tkdnCertificateNo]', `TKDN-${marker}`);
    await vendor.fill('input[name=tkdnCertificateExpiresOn]', `${FISCAL_YEAR + 2}-12-31`);
    await vendor.click('form.form-grid button[type=submit]');
    await vendor.waitForSelector(`text=${productName}`);
    await shot(vendor, 'vendor-products');

    // Finance allocates the pagu of a fresh goods account for satker 415423.
    const account = `52${String(Math.floor(1000 + Math.random() * 8999))}`;
    const finance = await signIn('bendahara.415423');
    await shot(finance, 'finance-dashboard-before');
    await page(finance, '#/budget');
    await finance.fill('input[name=accountCode]', account);
    await finance.fill('input[name=paguIdr]', '100000000');
    await finance.click('form:has(input[name=paguIdr]) button[type=submit]');
    await finance.waitForSelector(`td:has-text("${account}")`);
    await shot(finance, 'finance-budget-lines');

    // The finance dashboard stays open from here on; its figures must change without a reload.
    const dashboard = await signIn('bendahara.415423');
    await page(dashboard, '#/dashboard');
    await dashboard.waitForSelector('.live.live', { timeout: 15_000 });
    const realisedBefore = await kpi(dashboard, 'Realised');
    await page(vendor, '#/orders');

    // Officer finds it among domestic products, orders 4 against that line.
    const officer = await signIn('ppk.415423');
    await page(officer, '#/catalog');
    await officer.fill('input[name=q]', marker);
    await officer.check('input[name=domestic]');
    await officer.click('form:has(input[name=q]) button[type=submit]');
    const card = officer.locator('article, tr, li, .product').filter({ hasText: productName }).first();
    await card.waitFor();
    await card.locator('input.qty').fill('4');
    await card.locator('button:has-text("Add to cart")').click();
    await shot(officer, 'officer-catalog');
    await page(officer, '#/cart');
    await officer.selectOption('select[name=line]', `${FISCAL_YEAR}/${account}`);
    await shot(officer, 'officer-cart');
    await officer.click('button:has-text("Place order")');
    await officer.waitForURL(/#\/orders\/[0-9a-f-]{36}/);
    const orderId = officer.url().split('/').pop()!;
    await officer.waitForSelector('text=Awaiting vendor', { timeout: 20_000 });

    // Vendor accepts and ships.
    await page(vendor, `#/orders/${orderId}`);
    await vendor.click('button:has-text("Accept")');
    await vendor.waitForSelector('button:has-text("Ship")');
    await vendor.click('button:has-text("Ship")');
    await vendor.waitForSelector('text=Shipped');
    await shot(vendor, 'vendor-order-shipped');

    // Officer confirms receipt with a BAST number.
    await page(officer, `#/orders/${orderId}`);
    await shot(officer, 'officer-order-shipped');
    await officer.fill('input[name=bastNumber]', `BAST-${marker}`);
    await officer.click('button:has-text("Confirm receipt")');
    await officer.waitForSelector('text=Received');
    await shot(officer, 'officer-order-timeline');

    // Finance records the payment; the open dashboard moves by the order total.
    await page(finance, '#/payments');
    const row = finance.locator('tr', { hasText: orderId.slice(0, 8) }).first();
    await row.locator('input[name=sp2dNumber]').fill(`SP2D-${marker}`);
    await row.locator('button:has-text("Record payment")').click();
    await finance.waitForSelector(`text=${orderId.slice(0, 8)}`, { state: 'detached', timeout: 15_000 });
    const realisedAfter = await eventually('the dashboard shows the payment', async () => {
      const now = await kpi(dashboard, 'Realised');
      return now !== realisedBefore ? now : undefined;
    }, 20_000, 250);
    assert.equal(rupiahOf(realisedAfter) - rupiahOf(realisedBefore), 5_000_000n, `realised went from ${realisedBefore} to ${realisedAfter}`);
    await shot(dashboard, 'finance-dashboard-after-payment');

    await page(officer, `#/orders/${orderId}`);
    await officer.waitForSelector('text=Completed');
    const timeline = await officer.locator('ol.timeline li').allTextContents();
    assert.ok(timeline.some((entry) => entry.includes(`BAST-${marker}`)), `timeline names the BAST: ${timeline.join(' | ')}`);

    const phone = await signIn('bendahara.415423', { width: 390, height: 844 });
    await page(phone, '#/dashboard');
    await phone.waitForSelector('.kpi');
    await shot(phone, 'finance-dashboard-phone');
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
  });
});

/** Opens a screen afresh (a full load; the session lives in the tab's sessionStorage). */
async function page(p: Page, hash: string): Promise<void> {
  await p.goto(`${testEnv.serviceUrl('gateway')}/${hash}`);
  await p.reload(); // a change of hash alone would keep the screen as it was
  await p.waitForSelector('header.top');
}

async function kpi(p: Page, label: string): Promise<string> {
  const value = p.locator('.kpi', { hasText: label }).locator('.kpi-value').first();
  await value.waitFor();
  return (await value.textContent())!.trim();
}

/** "Rp 1.250.000" → 1250000n, read without floating point. */
function rupiahOf(text: string): bigint {
  return BigInt(text.replace(/[^0-9]/g, '') || '0');
}
