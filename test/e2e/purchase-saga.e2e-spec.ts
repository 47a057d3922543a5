import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AbsorptionGroupDto } from '../../apps/budget/src/absorption/dto/absorption.dto.js';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { WeeklyReportDto } from '../../apps/budget/src/reports/dto/weekly-report.dto.js';
import { lastClosedFriday } from '#serapan/service';
import type { OrderPageDto, OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  aProduct,
  Api,
  ErrorBody,
  eventually,
  Json,
  ServiceDatabase,
  publishProducts,
  satkerUsers,
  testEnv,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const FISCAL_YEAR = 2026;
const ACCOUNT = '521211';

type Order = Json<OrderViewDto>;

/** The date `days` after `date` (YYYY-MM-DD). */
const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the purchase saga across order and budget services', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));

  /** A satker with one allocated budget line and its people. */
  async function aSatker(paguIdr: string) {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const tokens = { officer: tokenFor(users.officer), ppk: tokenFor(users.ppk), pejabat: tokenFor(users.pejabat), finance: tokenFor(users.finance) };
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, tokens };
  }

  /** Products of one vendor, known to the order service's read model. */
  async function aVendorWith(...builders: ReturnType<typeof aProduct>[]) {
    const vendorId = randomUUID();
    const products = builders.map((b) => b.from(vendorId).build());
    await publishProducts(products);
    await eventually('the order service knows the products', async () => (await orderDb.knownProducts(products.map((p) => p.productId))) === products.length);
    const vendorToken = tokenFor({ username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId });
    return { vendorId, products, vendorToken };
  }

  /** Places an order; a refusal is read with `place<ErrorBody>`. */
  const place = <T = Order>(token: string, body: object, key: string = randomUUID()) =>
    orders.as(token).post<T>('/api/orders', body, { 'Idempotency-Key': key });

  async function placed(token: string, body: object, key?: string) {
    const response = await place(token, body, key);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return response.body;
  }

  async function until(token: string, id: string, status: string) {
    return eventually(`order ${id} ${status}`, async () => {
      const { body } = await orders.as(token).get<Order>(`/api/orders/${id}`);
      return body.status === status ? body : undefined;
    });
  }

  async function lineOf(financeToken: string, satkerCode: string) {
    const { body } = await budget.as(financeToken).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FISCAL_YEAR}&satkerCode=${satkerCode}`);
    return body[0];
  }

  const orderOf = (productId: string, quantity: number) => ({ fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId, quantity }] });

  let vendor: Awaited<ReturnType<typeof aVendorWith>>;
  before(async () => {
    vendor = await aVendorWith(aProduct().priced('12500000').domestic('top').umk(), aProduct().priced('350000'), aProduct().priced('90000000'));
  });

  after(() => orderDb.close());

  test('takes an order from placement to COMPLETED and realises exactly its total', async () => {
    const { satkerCode, tokens } = await aSatker('100000000');
    const [laptop, paper] = vendor.products;
    const order = await placed(tokens.officer, {
      ...orderOf(laptop.productId, 2),
      lines: [
        { productId: laptop.productId, quantity: 2 },
        { productId: paper.productId, quantity: 10 },
      ],
      shippingFeeIdr: '150000',
      rupCode: 'RUP-1',
    });
    assert.equal(order.status, 'PENDING_BUDGET');
    assert.equal(order.totalIdr, String(2n * 12500000n + 10n * 350000n + 150000n));
    assert.equal(order.pdnIdr, '25000000');
    assert.equal(order.satkerCode, satkerCode);

    await until(tokens.officer, order.id, 'AWAITING_VENDOR');
    assert.equal((await lineOf(tokens.finance, satkerCode)).committedIdr, order.totalIdr);

    assert.equal((await orders.as(vendor.vendorToken).post<Order>(`/api/orders/${order.id}/accept`)).body.status, 'IN_PROCESS');
    assert.equal((await orders.as(vendor.vendorToken).post<Order>(`/api/orders/${order.id}/ship`)).body.status, 'SHIPPED');
    const received = await orders.as(tokens.officer).post<Order>(`/api/orders/${order.id}/receive`, { bastNumber: 'BAST-001/2026', receivedOn: '2026-11-27' });
    assert.equal(received.body.status, 'RECEIVED');
    const paid = await orders.as(tokens.finance).post<Order>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-260001', paidOn: '2026-11-28' });
    assert.equal(paid.body.status, 'COMPLETED');

    const line = await eventually('realised', async () => {
      const l = await lineOf(tokens.finance, satkerCode);
      return l.realisedIdr === order.totalIdr ? l : undefined;
    });
    assert.equal(line.committedIdr, '0');
    assert.equal(line.remainingIdr, String(100000000n - BigInt(order.totalIdr)));
    const final = await orders.as(tokens.officer).get<Order>(`/api/orders/${order.id}`);
    assert.deepEqual(
      final.body.timeline.filter((t) => t.from !== t.to).map((t) => t.to),
      ['PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS', 'SHIPPED', 'RECEIVED', 'COMPLETED'],
    );
    assert.ok(
      final.body.timeline.every((t) => t.actor && t.cause && t.at),
      'each step names its time, actor and cause',
    );
  });

  test('rejects an order that exceeds the remaining pagu, reserving nothing', async () => {
    const { satkerCode, tokens } = await aSatker('20000000');
    const order = await placed(tokens.officer, orderOf(vendor.products[0].productId, 2));
    const rejected = await until(tokens.officer, order.id, 'REJECTED');
    assert.match(rejected.reason ?? '', /exceeds the remaining pagu 20000000/);
    assert.equal((await lineOf(tokens.finance, satkerCode)).committedIdr, '0');
  });

  test('cancelling releases the commitment, and so does a decline', async () => {
    const { satkerCode, tokens } = await aSatker('100000000');
    const first = await placed(tokens.officer, orderOf(vendor.products[1].productId, 4));
    const second = await placed(tokens.officer, orderOf(vendor.products[1].productId, 5));
    await until(tokens.officer, first.id, 'AWAITING_VENDOR');
    await until(tokens.officer, second.id, 'AWAITING_VENDOR');
    assert.equal((await lineOf(tokens.finance, satkerCode)).committedIdr, String(9n * 350000n));
    assert.equal((await orders.as(tokens.officer).post<Order>(`/api/orders/${first.id}/cancel`, { reason: 'double entry' })).body.status, 'CANCELLED');
    assert.equal(
      (await orders.as(vendor.vendorToken).post<Order>(`/api/orders/${second.id}/decline`, { reason: 'no delivery there' })).body.status,
      'CANCELLED',
    );
    await eventually('commitment released', async () => (await lineOf(tokens.finance, satkerCode)).committedIdr === '0');
  });

  test('a retried POST with the same key makes one order; another body under that key is refused', async () => {
    const { tokens } = await aSatker('100000000');
    const key = `retry-${randomUUID()}`;
    const body = orderOf(vendor.products[1].productId, 3);
    const [a, b] = await Promise.all([place(tokens.officer, body, key), place(tokens.officer, body, key)]);
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.equal(a.body.id, b.body.id);
    const again = await place(tokens.officer, { lines: body.lines, accountCode: ACCOUNT, fiscalYear: FISCAL_YEAR }, key);
    assert.equal(again.body.id, a.body.id, 'same body in another key order is the same request');
    const different = await place<ErrorBody>(tokens.officer, orderOf(vendor.products[1].productId, 4), key);
    assert.equal(different.status, 422);
    assert.match(different.body.message, /Idempotency-Key/);
    const list = await orders.as(tokens.officer).get<Json<OrderPageDto>>(`/api/orders`);
    assert.equal(list.body.items.filter((o) => o.id === a.body.id).length, 1);
    assert.equal(list.body.total, 1);
  });

  test('refuses each invalid order with the right 4xx naming the problem', async () => {
    const { satkerCode, tokens } = await aSatker('1000000000');
    const other = await aVendorWith(aProduct().priced('1000'));
    const gone = await aVendorWith(aProduct().priced('1000').delisted());
    const scarce = await aVendorWith(aProduct().priced('1000').stocked(2));
    const dearest = await aVendorWith(aProduct().priced('999999999999999999').stocked(10));
    const laptop = vendor.products[0].productId;
    const cases: [string, string, object, number, RegExp][] = [
      ['unknown product', tokens.officer, orderOf(randomUUID(), 1), 404, /not in the catalog/],
      ['delisted product', tokens.officer, orderOf(gone.products[0].productId, 1), 409, /delisted/],
      ['out of stock', tokens.officer, orderOf(scarce.products[0].productId, 3), 409, /exceeds the stock/],
      [
        'mixed vendors',
        tokens.officer,
        {
          ...orderOf(laptop, 1),
          lines: [
            { productId: laptop, quantity: 1 },
            { productId: other.products[0].productId, quantity: 1 },
          ],
        },
        400,
        /one vendor/,
      ],
      ['account outside 52/53', tokens.officer, { ...orderOf(laptop, 1), accountCode: '511111' }, 400, /accountCode/],
      ["another satker's budget", tokens.officer, { ...orderOf(laptop, 1), satkerCode: satkerCode === '999999' ? '999998' : '999999' }, 403, /another satker/],
      ['above Rp 200,000,000 without PPK authority', tokens.pejabat, orderOf(vendor.products[2].productId, 3), 403, /PPK authority/],
      ['no lines', tokens.officer, { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [] }, 400, /lines/],
      ['a fractional quantity', tokens.officer, orderOf(laptop, 1.5), 400, /quantity/],
      [
        'a total past what a bigint column holds',
        tokens.officer,
        orderOf(dearest.products[0].productId, 10),
        400,
        /lines\[0\]\.quantity 10 .*more than 999999999999999999 rupiah/,
      ],
      ['a vendor placing an order', vendor.vendorToken, orderOf(laptop, 1), 403, /role vendor/],
    ];
    for (const [name, token, body, status, message] of cases) {
      const response = await place<ErrorBody<string | string[]>>(token, body);
      assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      assert.match(JSON.stringify(response.body.message), message, name);
    }
    const noKey = await orders.as(tokens.officer).post<ErrorBody>('/api/orders', orderOf(laptop, 1));
    assert.equal(noKey.status, 400);
    assert.match(noKey.body.message, /Idempotency-Key/);
    assert.equal((await orders.post('/api/orders', orderOf(laptop, 1), { 'Idempotency-Key': randomUUID() })).status, 401);
    const withPpk = await place(tokens.ppk, orderOf(vendor.products[2].productId, 3));
    assert.equal(withPpk.status, 202, 'an officer with PPK authority may order above the threshold');
  });

  test('a domestic product certified at 20 % TKDN counts as PDN in the budget, in the low tier', async () => {
    const { satkerCode, tokens } = await aSatker('100000000');
    const local = await aVendorWith(aProduct().priced('1000000').domestic('low'), aProduct().priced('500000'));
    const order = await placed(tokens.officer, {
      ...orderOf(local.products[0].productId, 3),
      lines: [
        { productId: local.products[0].productId, quantity: 3 },
        { productId: local.products[1].productId, quantity: 2 },
      ],
    });
    assert.equal(order.pdnIdr, '3000000');
    await until(tokens.officer, order.id, 'AWAITING_VENDOR');
    const { body } = await budget.as(tokens.finance).get<Json<AbsorptionGroupDto>[]>(`/api/budget/absorption?fiscalYear=${FISCAL_YEAR}&groupBy=satker`);
    const figures = body.find((row) => row.satkerCode === satkerCode);
    assert.equal(figures?.pdnSharePct, 75);
    assert.deepEqual(figures?.pdnTiers.low, { idr: '3000000', sharePct: 75 });
    assert.deepEqual(figures?.pdnTiers.import, { idr: '1000000', sharePct: 25 });
    assert.equal(figures?.pdnTiers.top.sharePct, 0);
  });

  test('an import while a top-tier product is listed in its category needs a justification, which the order and the report card keep', async () => {
    const { satkerCode, tokens } = await aSatker('100000000');
    const category = String(Math.floor(1_000_000_000 + Math.random() * 8_999_999_999));
    const local = await aVendorWith(aProduct().priced('900000').domestic('top').inCategory(category));
    const abroad = await aVendorWith(aProduct().priced('800000').inCategory(category));
    const [best, imported] = [local.products[0], abroad.products[0]];

    const refused = await place<ErrorBody>(tokens.officer, orderOf(imported.productId, 1));
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.match(refused.body.message, /justification/);
    assert.ok(refused.body.message.includes(`${best.productId}, top`), `names the better product: ${refused.body.message}`);
    const tooShort = await place<ErrorBody<string[]>>(tokens.officer, { ...orderOf(imported.productId, 1), justification: 'cheaper' });
    assert.equal(tooShort.status, 400);
    assert.match(JSON.stringify(tooShort.body.message), /justification must be 20–1000 characters/);

    const justification = 'Only this model fits the existing imported lab equipment (spare part)';
    const order = await placed(tokens.officer, { ...orderOf(imported.productId, 1), justification });
    assert.equal(order.justification, justification);
    assert.equal(order.lines[0].pdnTier, 'import');
    assert.equal((await orders.as(tokens.officer).get<Order>(`/api/orders/${order.id}`)).body.justification, justification);
    const first = await placed(tokens.officer, orderOf(best.productId, 1));
    assert.equal(first.justification, null, 'the best tier needs none');
    const unneeded = await placed(tokens.officer, { ...orderOf(best.productId, 1), justification: 'Sent out of habit, although nothing better is listed' });
    assert.equal(unneeded.justification, null, 'a justification the cascade did not ask for is not kept');
    const placedOrders = [order, first, unneeded];
    for (const { id } of placedOrders) await until(tokens.officer, id, 'AWAITING_VENDOR');

    // the week each order was placed in, by the server's clock: the three may straddle Friday's cut at 17:00 UTC
    const weeks = [...new Set(placedOrders.map((o) => shiftDays(lastClosedFriday(new Date(o.createdAt)), 7)))];
    const cards = await Promise.all(
      weeks.map(async (weekEnding) => {
        const report = await budget.as(tokens.finance).get<Json<WeeklyReportDto>>(`/api/budget/reports/weekly?weekEnding=${weekEnding}`);
        assert.equal(report.status, 200, JSON.stringify(report.body));
        return report.body.cards.find((c) => c.satkerCode === satkerCode);
      }),
    );
    const total = (count: (card: NonNullable<(typeof cards)[number]>) => number) => cards.reduce((sum, c) => sum + (c ? count(c) : 0), 0);
    assert.deepEqual([total((c) => c.ordersPlaced), total((c) => c.ordersJustified)], [3, 1], 'only the order that needed its justification counts');
  });

  test('a product whose TKDN certificate has expired orders as uncertified at once, still domestic', async () => {
    const { tokens } = await aSatker('100000000');
    // the catalog has not published the demotion yet: the snapshot still says top
    const lapsed = await aVendorWith(aProduct().priced('400000').domestic('top', '2020-06-30'));
    const order = await placed(tokens.officer, orderOf(lapsed.products[0].productId, 2));
    assert.equal(order.lines[0].pdnTier, 'uncertified');
    assert.equal(order.pdnIdr, '800000');
  });

  test('an illegal transition is refused with 409 naming the current state', async () => {
    const { tokens } = await aSatker('100000000');
    const order = await placed(tokens.officer, orderOf(vendor.products[1].productId, 1));
    await until(tokens.officer, order.id, 'AWAITING_VENDOR');
    const early = await orders.as(tokens.finance).post<ErrorBody>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-1', paidOn: '2026-11-28' });
    assert.equal(early.status, 409);
    assert.match(early.body.message, /AWAITING_VENDOR/);
    const stranger = tokenFor({ username: 'other-vendor', role: 'vendor', vendorId: randomUUID() });
    assert.equal((await orders.as(stranger).post(`/api/orders/${order.id}/accept`)).status, 403);
    assert.equal((await orders.as(stranger).get(`/api/orders/${order.id}`)).status, 403);
  });
});
