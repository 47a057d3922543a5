import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { cloudEvent, EventType, EventTypes, OrderEventData, Topics } from '#serapan/contracts';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { aProduct, anOrder, ProductInput } from '../fixtures/catalog-builders.js';
import {
  Api,
  ErrorBody,
  eventually,
  Json,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  testKafka,
  tokenFor,
  TopicRecorder,
  uniqueId,
  uniqueSatker,
} from '../support/index.js';

const FISCAL_YEAR = 2026;
const ACCOUNT = '521211';

type Order = Json<OrderViewDto>;

/** The date `days` after today in Jakarta (YYYY-MM-DD), as the services count days. */
const inDays = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('addenda (change orders) across the order, budget and catalog services', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const catalogDb = new ServiceDatabase('catalog');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const catalog = new Api(testEnv.serviceUrl('catalog'));
  const reader = catalog.as(tokenFor({ username: 'auditor', role: 'auditor' }));
  let orderEvents: TopicRecorder;
  let producer: Producer;

  /** A vendor of the catalog with three listed products: a laptop (pdn tier), paper (import) and a printer (top tier). */
  let vendor: { id: string; token: string; laptop: ProductDto; paper: ProductDto; printer: ProductDto };

  async function listed(token: string, input: ProductInput): Promise<ProductDto> {
    const response = await catalog.as(token).post<ProductDto>('/api/catalog/products', input);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  before(async () => {
    orderEvents = await new TopicRecorder(Topics.order).start();
    producer = testKafka().producer();
    await producer.connect();
    const id = randomUUID();
    const token = tokenFor({ username: `vendor-${uniqueId()}`, role: 'vendor', vendorId: id });
    const [laptop, paper, printer] = await Promise.all([
      listed(token, aProduct().named('Laptop 14 inci').priced('1000000').stocked(100).domestic().build()),
      listed(token, aProduct().named('Kertas A4').priced('250000').stocked(100).build()),
      listed(token, aProduct().named('Printer laser').priced('3000000').stocked(20).certified(30, 15).build()),
    ]);
    vendor = { id, token, laptop, paper, printer };
    await eventually('the order service knows the products', async () => (await orderDb.knownProducts([laptop.id, paper.id, printer.id])) === 3);
  });

  after(async () => {
    await Promise.all([orderEvents.stop(), producer.disconnect(), orderDb.close(), catalogDb.close()]);
  });

  /** A satker with one budget line of `paguIdr`, and its people. */
  async function aSatker(paguIdr: string) {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const tokens = { officer: tokenFor(users.officer), pejabat: tokenFor(users.pejabat), finance: tokenFor(users.finance) };
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, tokens };
  }

  const get = async (token: string, id: string) => (await orders.as(token).get<Order>(`/api/orders/${id}`)).body;

  async function committedOf(financeToken: string, satkerCode: string): Promise<string> {
    const { body } = await budget.as(financeToken).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FISCAL_YEAR}&satkerCode=${satkerCode}`);
    return body[0].committedIdr;
  }

  const stockOf = async (productId: string) => (await reader.get<ProductDto>(`/api/catalog/products/${productId}`)).body.stock;

  /** What the catalog holds taken from stock for an order, per product. */
  async function heldBy(orderId: string): Promise<Record<string, number>> {
    const rows = await catalogDb.query<{ productId: string; quantity: number }>(
      `SELECT product_id AS "productId", quantity FROM stock_takes WHERE order_id = $1 AND restored_at IS NULL`,
      [orderId],
    );
    return Object.fromEntries(rows.map((r) => [r.productId, r.quantity]));
  }

  /**
   * An order the vendor has accepted (IN_PROCESS), placed by the satker's PPK:
   * 10 laptops and 4 reams of paper (Rp 11.000.000) in two terms, 4 + 2 then 6 + 2.
   */
  async function aRunningOrder(paguIdr: string) {
    const satker = await aSatker(paguIdr);
    const placed = await orders.as(satker.tokens.officer).post<Order>(
      '/api/orders',
      {
        fiscalYear: FISCAL_YEAR,
        accountCode: ACCOUNT,
        lines: [
          { productId: vendor.laptop.id, quantity: 10 },
          { productId: vendor.paper.id, quantity: 4 },
        ],
        terms: [{ quantities: [4, 2] }, { quantities: [6, 2] }],
      },
      { 'Idempotency-Key': randomUUID() },
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const id = placed.body.id;
    await eventually(`order ${id} AWAITING_VENDOR`, async () => (await get(satker.tokens.officer, id)).status === 'AWAITING_VENDOR');
    const accepted = await orders.as(vendor.token).post<Order>(`/api/orders/${id}/accept`);
    assert.equal(accepted.body.status, 'IN_PROCESS', JSON.stringify(accepted.body));
    await eventually('the catalog takes the stock', async () => Object.keys(await heldBy(id)).length === 2);
    return { ...satker, id, order: accepted.body };
  }

  const propose = <T = Order>(token: string, id: string, body: object) => orders.as(token).post<T>(`/api/orders/${id}/addenda`, body);
  const step = <T = Order>(token: string, id: string, number: number | string, action: 'agree' | 'refuse' | 'withdraw', body: object = {}) =>
    orders.as(token).post<T>(`/api/orders/${id}/addenda/${number}/${action}`, body);

  /** The order's addendum once it has left PENDING_BUDGET: the budget's answer has been applied. */
  const settled = (token: string, id: string, number: number) =>
    eventually(
      `addendum ${number} of order ${id} answered by the budget`,
      async () => {
        const order = await get(token, id);
        const addendum = order.addenda.find((a) => a.number === number);
        return addendum && addendum.status !== 'PENDING_BUDGET' ? { order, addendum } : undefined;
      },
      30_000,
    );

  const eventFor = (id: string, type: EventType) =>
    eventually(`${type} of order ${id}`, () => orderEvents.events<OrderEventData>().find(({ event }) => event.subject === id && event.type === type)?.event);

  /** What an addendum refused or rejected must leave exactly as it was. */
  const contract = (order: Order) => ({
    totalIdr: order.totalIdr,
    pdnIdr: order.pdnIdr,
    umkIdr: order.umkIdr,
    shippingFeeIdr: order.shippingFeeIdr,
    version: order.version,
    deliveryDate: order.deliveryDate,
    lines: order.lines,
    terms: order.terms,
  });

  test('an increase that fits is agreed, reserved and applied: the order takes its new version and the budget commits the difference', async () => {
    const { id, tokens, satkerCode } = await aRunningOrder('100000000');
    const [laptops, printers] = [await stockOf(vendor.laptop.id), await stockOf(vendor.printer.id)];
    const moved = inDays(20);
    const proposed = await propose(tokens.pejabat, id, {
      reason: 'Two more laboratories opened and need the same equipment',
      lines: [{ lineNo: 1, quantity: 12 }],
      add: [{ productId: vendor.printer.id, quantity: 1 }],
      deliveryDates: [{ termNo: 2, deliveryDate: moved }],
    });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    assert.equal(proposed.body.totalIdr, '11000000', 'nothing changes before the vendor and the budget agree');
    const [addendum] = proposed.body.addenda;
    assert.deepEqual(
      { number: addendum.number, status: addendum.status, changeIdr: addendum.changeIdr, before: addendum.before.totalIdr, after: addendum.after.totalIdr },
      { number: 1, status: 'PROPOSED', changeIdr: '5000000', before: '11000000', after: '16000000' },
    );
    assert.equal(addendum.proposedBy, satkerUsers(satkerCode).pejabat.username);

    const agreed = await step(vendor.token, id, 1, 'agree');
    assert.equal(agreed.status, 200, JSON.stringify(agreed.body));
    assert.ok(['PENDING_BUDGET', 'APPLIED'].includes(agreed.body.addenda[0].status));
    const toBudget = await eventFor(id, EventTypes.orderAddendumAgreed);
    assert.equal(toBudget.data.totalIdr, '16000000', 'the budget reads the order as the addendum makes it');
    assert.deepEqual(toBudget.data.addendum, {
      number: 1,
      reason: 'Two more laboratories opened and need the same equipment',
      change: {
        amountIdr: '5000000',
        pdnIdr: '5000000',
        umkIdr: '0',
        lines: [
          { pdnTier: 'top', subtotalIdr: '3000000' },
          { pdnTier: 'pdn', subtotalIdr: '2000000' },
        ],
      },
    });

    const { order, addendum: applied } = await settled(tokens.officer, id, 1);
    assert.equal(applied.status, 'APPLIED', applied.outcome ?? '');
    assert.equal(order.totalIdr, '16000000');
    assert.equal(order.version, 2);
    assert.equal(order.deliveryDate, moved);
    assert.deepEqual(
      order.lines.map((l) => [l.lineNo, l.productId, l.quantity, l.unitPriceIdr, l.listPriceIdr, l.subtotalIdr]),
      [
        [1, vendor.laptop.id, 12, '1000000', '1000000', '12000000'],
        [2, vendor.paper.id, 4, '250000', '250000', '1000000'],
        [3, vendor.printer.id, 1, '3000000', '3000000', '3000000'],
      ],
    );
    assert.deepEqual(
      order.terms.map((t) => [t.deliveryDate === moved, t.quantities.map((q) => q.quantity), t.valueIdr]),
      [
        [false, [4, 2, 0], '4500000'],
        [true, [8, 2, 1], '11500000'],
      ],
    );
    await eventually('the budget commits the order as amended', async () => (await committedOf(tokens.finance, satkerCode)) === '16000000');
    const amended = await eventFor(id, EventTypes.orderAmended);
    assert.equal(amended.data.version, 2);
    assert.equal(amended.data.lines.length, 3);
    await eventually('the catalog takes the stock the addendum adds', async () => Object.keys(await heldBy(id)).length === 3);
    assert.deepEqual(await heldBy(id), { [vendor.laptop.id]: 12, [vendor.paper.id]: 4, [vendor.printer.id]: 1 });
    assert.deepEqual([await stockOf(vendor.laptop.id), await stockOf(vendor.printer.id)], [laptops - 2, printers - 1]);
  });

  test('an increase that does not fit the pagu is rejected by the budget, and the order stays exactly as it was', async () => {
    const { id, tokens, satkerCode } = await aRunningOrder('12000000');
    const before = contract(await get(tokens.officer, id));
    assert.equal((await propose(tokens.officer, id, { reason: 'Three more laptops for the new staff', lines: [{ lineNo: 1, quantity: 13 }] })).status, 201);
    assert.equal((await step(vendor.token, id, 1, 'agree')).status, 200);
    const { order, addendum } = await settled(tokens.officer, id, 1);
    assert.equal(addendum.status, 'REJECTED');
    assert.ok(addendum.outcome, 'the budget gives its reason');
    assert.deepEqual(contract(order), before);
    assert.equal(await committedOf(tokens.finance, satkerCode), '11000000');
    const rejected = await eventFor(id, EventTypes.orderAddendumRejected);
    assert.equal(rejected.data.totalIdr, '11000000');
    assert.equal(rejected.data.addendum?.change.amountIdr, '3000000');
    assert.equal(rejected.data.reason, addendum.outcome);

    const next = await propose(tokens.officer, id, { reason: 'One more laptop only, within the pagu', lines: [{ lineNo: 1, quantity: 11 }] });
    assert.equal(next.status, 201, 'a rejected addendum is closed: another may be proposed');
    assert.equal(next.body.addenda[1].number, 2);
  });

  test('a decrease after the first term shipped takes from the last term and releases the difference', async () => {
    const { id, tokens, satkerCode } = await aRunningOrder('100000000');
    const laptops = await stockOf(vendor.laptop.id);
    assert.equal((await orders.as(vendor.token).post<Order>(`/api/orders/${id}/ship`, { termNo: 1 })).status, 200);
    const tooFew = await propose<ErrorBody>(tokens.officer, id, { reason: 'Fewer laptops are needed after all', lines: [{ lineNo: 1, quantity: 3 }] });
    assert.equal(tooFew.status, 409);
    assert.match(tooFew.body.message, /lines\[0\]\.quantity 3 is less than the 4 of line 1 already shipped/);

    assert.equal((await propose(tokens.officer, id, { reason: 'Fewer laptops are needed after all', lines: [{ lineNo: 1, quantity: 5 }] })).status, 201);
    assert.equal((await step(vendor.token, id, 1, 'agree')).status, 200);
    const { order, addendum } = await settled(tokens.officer, id, 1);
    assert.equal(addendum.status, 'APPLIED', addendum.outcome ?? '');
    assert.equal(addendum.changeIdr, '-5000000');
    assert.equal(order.totalIdr, '6000000');
    assert.deepEqual(
      order.terms.map((t) => [t.status, t.quantities.map((q) => q.quantity), t.valueIdr]),
      [
        ['SHIPPED', [4, 2], '4500000'],
        ['PLANNED', [1, 2], '1500000'],
      ],
    );
    await eventually('the budget releases the difference', async () => (await committedOf(tokens.finance, satkerCode)) === '6000000');
    await eventually('the catalog puts back the laptops', async () => (await heldBy(id))[vendor.laptop.id] === 5);
    assert.equal(await stockOf(vendor.laptop.id), laptops + 5);
  });

  test('illegal steps are refused with 409 naming the current state', async () => {
    const satker = await aSatker('100000000');
    const waiting = await orders
      .as(satker.tokens.officer)
      .post<Order>(
        '/api/orders',
        { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId: vendor.paper.id, quantity: 1 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    await eventually('awaiting the vendor', async () => (await get(satker.tokens.officer, waiting.body.id)).status === 'AWAITING_VENDOR');
    const early = await propose<ErrorBody>(satker.tokens.officer, waiting.body.id, { reason: 'Two more reams of paper', lines: [{ lineNo: 1, quantity: 3 }] });
    assert.equal(early.status, 409);
    assert.match(early.body.message, /cannot propose an addendum to an order that is AWAITING_VENDOR/);

    const { id, tokens } = await aRunningOrder('100000000');
    const reason = 'The second term is needed two weeks later';
    assert.equal((await propose(tokens.officer, id, { reason, deliveryDates: [{ termNo: 2, deliveryDate: inDays(30) }] })).status, 201);
    const second = await propose<ErrorBody>(tokens.officer, id, { reason, deliveryDates: [{ termNo: 2, deliveryDate: inDays(31) }] });
    assert.equal(second.status, 409);
    assert.match(second.body.message, /addendum 1 is still PROPOSED/);
    const ship = await orders.as(vendor.token).post<ErrorBody>(`/api/orders/${id}/ship`, {});
    assert.equal(ship.status, 409);
    assert.match(ship.body.message, /addendum 1 is PROPOSED/);

    const withdrawn = await step(tokens.officer, id, 1, 'withdraw', { reason: 'agreed by telephone instead' });
    assert.equal(withdrawn.status, 200);
    assert.equal(withdrawn.body.addenda[0].status, 'WITHDRAWN');
    const late = await step<ErrorBody>(vendor.token, id, 1, 'agree');
    assert.equal(late.status, 409);
    assert.match(late.body.message, /cannot agree addendum 1: it is WITHDRAWN/);
    const refusedEvent = await eventFor(id, EventTypes.orderAddendumRefused);
    assert.equal(refusedEvent.data.reason, 'agreed by telephone instead');
    assert.equal((await step<ErrorBody>(vendor.token, id, 2, 'agree')).status, 404);

    assert.equal((await propose(tokens.officer, id, { reason, deliveryDates: [{ termNo: 2, deliveryDate: inDays(30) }] })).status, 201);
    const refused = await step(vendor.token, id, 2, 'refuse', { reason: 'the courier cannot deliver then' });
    assert.equal(refused.body.addenda[1].status, 'REFUSED');
    assert.equal(refused.body.addenda[1].outcome, 'the courier cannot deliver then');
    const again = await step<ErrorBody>(tokens.officer, id, 2, 'withdraw');
    assert.equal(again.status, 409);
    assert.match(again.body.message, /it is REFUSED/);
    assert.equal((await orders.as(vendor.token).post<Order>(`/api/orders/${id}/ship`, {})).status, 200, 'nothing open: the vendor ships again');
  });

  test('only an officer of the satker proposes or withdraws, and only the order’s vendor agrees or refuses (403)', async () => {
    const { id, tokens } = await aRunningOrder('100000000');
    const body = { reason: 'Two more reams of paper for the archive', lines: [{ lineNo: 2, quantity: 6 }] };
    const stranger = tokenFor(satkerUsers(uniqueSatker()).officer);
    const otherVendor = tokenFor({ username: `vendor-${uniqueId()}`, role: 'vendor', vendorId: randomUUID() });
    assert.equal((await propose(stranger, id, body)).status, 403, "another satker's officer");
    assert.equal((await propose(vendor.token, id, body)).status, 403, 'the vendor');
    assert.equal((await propose(tokens.finance, id, body)).status, 403, 'finance');
    assert.equal((await propose(tokens.officer, id, body)).status, 201);
    assert.equal((await step(otherVendor, id, 1, 'agree')).status, 403, 'another vendor');
    assert.equal((await step(tokens.officer, id, 1, 'agree')).status, 403, 'the officer agreeing for the vendor');
    assert.equal((await step(vendor.token, id, 1, 'withdraw')).status, 403, 'the vendor withdrawing for the officer');
    assert.equal((await step(stranger, id, 1, 'withdraw')).status, 403, "another satker's officer withdrawing");
    assert.equal((await get(tokens.officer, id)).addenda[0].status, 'PROPOSED');
  });

  test('a malformed addendum is refused with 400 naming the field', async () => {
    const { id, tokens } = await aRunningOrder('100000000');
    const cases: [object, RegExp][] = [
      [{ reason: 'too short', lines: [{ lineNo: 1, quantity: 11 }] }, /reason must be 10–500 characters/],
      [{ reason: 'A reason long enough' }, /an addendum must change something/],
      [{ reason: 'A reason long enough', lines: [{ lineNo: 1, quantity: -1 }] }, /lines\.0\.quantity must not be less than 0/],
      [{ reason: 'A reason long enough', lines: [{ lineNo: 9, quantity: 1 }] }, /lines\[0\]\.lineNo 9: the order has lines 1, 2/],
      [{ reason: 'A reason long enough', add: [{ productId: 'not-a-product', quantity: 1 }] }, /productId must be a product id/],
      [{ reason: 'A reason long enough', add: [{ productId: vendor.laptop.id, quantity: 1 }] }, /add\[0\]\.productId is line 1 already/],
      [{ reason: 'A reason long enough', deliveryDates: [{ termNo: 1, deliveryDate: inDays(-1) }] }, /deliveryDates\[0\]\.deliveryDate .* is before today/],
      [{ reason: 'A reason long enough', deliveryDates: [{ termNo: 1, deliveryDate: '2026-13-01' }] }, /deliveryDate/],
    ];
    for (const [body, message] of cases) {
      const response = await propose<ErrorBody<string | string[]>>(tokens.officer, id, body);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
      assert.match(JSON.stringify(response.body.message), message);
    }
    assert.equal((await step<ErrorBody>(vendor.token, id, 'first', 'agree')).status, 400);
    assert.equal((await get(tokens.officer, id)).addenda.length, 0);
  });

  test('the catalog keeps for an amended order what its lines now order: the difference taken or given back, once', async () => {
    const vendorId = randomUUID();
    const token = tokenFor({ username: `vendor-${uniqueId()}`, role: 'vendor', vendorId });
    const [chairs, desks, lamps] = await Promise.all([
      listed(token, aProduct().named('Kursi').stocked(10).build()),
      listed(token, aProduct().named('Meja').stocked(10).build()),
      listed(token, aProduct().named('Lampu').stocked(10).build()),
    ]);
    const accepted = anOrder(vendorId, [
      { productId: chairs.id, quantity: 4 },
      { productId: desks.id, quantity: 2 },
    ]);
    const amended = {
      ...accepted,
      version: 2,
      lines: anOrder(vendorId, [
        { productId: chairs.id, quantity: 6 },
        { productId: lamps.id, quantity: 3 },
      ]).lines,
    };
    const events = [
      cloudEvent('/serapan/order', EventTypes.orderAccepted, accepted.orderId, accepted),
      cloudEvent('/serapan/order', EventTypes.orderAmended, accepted.orderId, amended),
      cloudEvent('/serapan/order', EventTypes.orderAmended, accepted.orderId, { ...amended, reason: 'published again' }),
    ];
    for (const event of events) {
      await producer.send({ topic: Topics.order, acks: -1, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
    }
    await eventually('the amendment is applied', async () => (await stockOf(lamps.id)) === 7);
    assert.deepEqual(await Promise.all([stockOf(chairs.id), stockOf(desks.id), stockOf(lamps.id)]), [4, 10, 7], '10 − 6, 10 − 2 + 2, 10 − 3');

    const cancelled = cloudEvent('/serapan/order', EventTypes.orderCancelled, accepted.orderId, amended);
    await producer.send({ topic: Topics.order, acks: -1, messages: [{ key: cancelled.subject, value: JSON.stringify(cancelled) }] });
    await eventually('a cancellation gives back what the amended order held', async () => (await stockOf(lamps.id)) === 10);
    assert.deepEqual(await Promise.all([stockOf(chairs.id), stockOf(desks.id)]), [10, 10]);
  });
});
