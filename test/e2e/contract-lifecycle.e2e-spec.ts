import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  aProduct,
  Api,
  ErrorBody,
  eventually,
  Json,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const FISCAL_YEAR = 2026;
const ACCOUNT = '532111';

type Order = Json<OrderViewDto>;

/** Today in Jakarta, YYYY-MM-DD (receipts and payments may not be dated later). */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('the e-Katalog v6 contract lifecycle: negotiation, PPK approval, terms and penalties', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));

  async function aSatker(paguIdr: string) {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const tokens = { ppk: tokenFor(users.officer), pejabat: tokenFor(users.pejabat), finance: tokenFor(users.finance), otherPpk: tokenFor(users.ppk) };
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, tokens };
  }

  async function lineOf(financeToken: string, satkerCode: string) {
    const { body } = await budget.as(financeToken).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FISCAL_YEAR}&satkerCode=${satkerCode}`);
    return body[0];
  }

  async function until(token: string, id: string, status: string) {
    return eventually(`order ${id} ${status}`, async () => {
      const { body } = await orders.as(token).get<Order>(`/api/orders/${id}`);
      return body.status === status ? body : undefined;
    });
  }

  async function placed(token: string, body: object) {
    const response = await orders.as(token).post<Order>('/api/orders', body, { 'Idempotency-Key': randomUUID() });
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return response.body;
  }

  const vendorId = randomUUID();
  const vendorToken = tokenFor({ username: 'vendor.lifecycle', role: 'vendor', vendorId });
  const laptop = aProduct().priced('12500000').domestic('top').from(vendorId).build();
  const cable = aProduct().priced('250000').from(vendorId).build();
  const negotiation = (lines: object[]) => ({ fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, negotiate: true, lines });

  before(async () => {
    await publishProducts([laptop, cable]);
    await eventually('products known to orders', async () => (await orderDb.knownProducts([laptop.productId, cable.productId])) === 2);
  });
  after(() => orderDb.close());

  test('a pejabat pengadaan negotiates the price down, the PPK approves, and only the agreed figures reach the budget', async () => {
    const { satkerCode, tokens } = await aSatker('500000000');
    const opened = await placed(
      tokens.pejabat,
      negotiation([
        { productId: laptop.productId, quantity: 10, unitPriceIdr: '11000000', shippingIdr: '300000' },
        { productId: cable.productId, quantity: 4 },
      ]),
    );
    assert.equal(opened.status, 'NEGOTIATING');
    assert.equal(opened.totalIdr, String(110_000_000 + 1_000_000 + 300_000));
    assert.equal(opened.negotiation?.offers.length, 1);

    const vendorOffer = {
      lines: [
        { lineNo: 1, unitPriceIdr: '11800000', shippingIdr: '300000' },
        { lineNo: 2, unitPriceIdr: '250000', shippingIdr: '0' },
      ],
    };
    const early = await orders.as(tokens.pejabat).post<ErrorBody>(`/api/orders/${opened.id}/offers`, vendorOffer);
    assert.equal(early.status, 409, 'the officer may not answer their own offer');
    assert.match(early.body.message, /the last offer is yours/);
    const above = await orders.as(vendorToken).post<ErrorBody>(`/api/orders/${opened.id}/offers`, {
      lines: [{ lineNo: 1, unitPriceIdr: '12600000', shippingIdr: '0' }, vendorOffer.lines[1]],
    });
    assert.equal(above.status, 400);
    assert.match(above.body.message, /lines\[0\]\.unitPriceIdr 12600000 is above the listed price 12500000/);

    const countered = await orders.as(vendorToken).post<Order>(`/api/orders/${opened.id}/offers`, { ...vendorOffer, note: 'harga grosir' });
    assert.equal(countered.status, 201, JSON.stringify(countered.body));
    const ownAgree = await orders.as(vendorToken).post<ErrorBody>(`/api/orders/${opened.id}/agree`);
    assert.equal(ownAgree.status, 409);
    const lastOffer = { lines: [{ lineNo: 1, unitPriceIdr: '11500000', shippingIdr: '200000' }, vendorOffer.lines[1]] };
    assert.equal((await orders.as(tokens.pejabat).post(`/api/orders/${opened.id}/offers`, lastOffer)).status, 201);
    const agreed = await orders.as(vendorToken).post<Order>(`/api/orders/${opened.id}/agree`);
    assert.equal(agreed.status, 200, JSON.stringify(agreed.body));
    assert.equal(agreed.body.status, 'AWAITING_APPROVAL');
    const agreedTotal = String(115_000_000 + 1_000_000 + 200_000);
    assert.equal(agreed.body.totalIdr, agreedTotal);
    assert.equal(agreed.body.lines[0].unitPriceIdr, '11500000');
    assert.equal(agreed.body.lines[0].listPriceIdr, '12500000');
    assert.equal(agreed.body.terms[0].valueIdr, agreedTotal);
    assert.deepEqual(
      agreed.body.negotiation?.offers.map((o) => [o.round, o.party, o.totalIdr]),
      [
        [1, 'officer', opened.totalIdr],
        [2, 'vendor', String(118_000_000 + 1_000_000 + 300_000)],
        [3, 'officer', agreedTotal],
      ],
    );
    assert.equal((await lineOf(tokens.finance, satkerCode)).committedIdr, '0', 'nothing is reserved before approval');

    const byPejabat = await orders.as(tokens.pejabat).post<ErrorBody>(`/api/orders/${opened.id}/approve`);
    assert.equal(byPejabat.status, 403);
    assert.match(byPejabat.body.message, /only a PPK/);
    const byVendor = await orders.as(vendorToken).post(`/api/orders/${opened.id}/approve`);
    assert.equal(byVendor.status, 403);
    const approved = await orders.as(tokens.ppk).post<Order>(`/api/orders/${opened.id}/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'PENDING_BUDGET');
    assert.match(approved.body.purchaseOrderNumber ?? '', new RegExp(`^SP-${satkerCode}-${FISCAL_YEAR}-\\d{6}$`));
    assert.equal(approved.body.approvedBy, `ppk.${satkerCode}`);
    const again = await orders.as(tokens.ppk).post<ErrorBody>(`/api/orders/${opened.id}/approve`);
    assert.equal(again.status, 409);
    assert.match(again.body.message, /cannot approve an order that is (PENDING_BUDGET|AWAITING_VENDOR)/);

    await until(tokens.pejabat, opened.id, 'AWAITING_VENDOR');
    assert.equal((await lineOf(tokens.finance, satkerCode)).committedIdr, agreedTotal, 'the budget reserves the agreed total');
  });

  test("a pejabat pengadaan's order waits for the PPK, who may refuse it with a reason; either side may walk away from a negotiation", async () => {
    const { satkerCode, tokens } = await aSatker('100000000');
    const waiting = await placed(tokens.pejabat, { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId: cable.productId, quantity: 2 }] });
    assert.equal(waiting.status, 'AWAITING_APPROVAL');
    assert.equal(waiting.purchaseOrderNumber, null);
    const queue = await orders.as(tokens.ppk).get<{ items: Order[] }>('/api/orders?status=AWAITING_APPROVAL');
    assert.deepEqual(
      queue.body.items.map((o) => o.id),
      [waiting.id],
    );
    const noReason = await orders.as(tokens.ppk).post<ErrorBody<string[]>>(`/api/orders/${waiting.id}/refuse`, {});
    assert.equal(noReason.status, 400);
    const refused = await orders.as(tokens.ppk).post<Order>(`/api/orders/${waiting.id}/refuse`, { reason: 'spesifikasi belum sesuai' });
    assert.equal(refused.body.status, 'REJECTED');
    assert.equal(refused.body.reason, 'spesifikasi belum sesuai');

    const talks = await placed(tokens.pejabat, negotiation([{ productId: cable.productId, quantity: 2, unitPriceIdr: '200000' }]));
    const walked = await orders.as(vendorToken).post<Order>(`/api/orders/${talks.id}/withdraw`, { reason: 'harga di bawah modal' });
    assert.equal(walked.body.status, 'CANCELLED');
    assert.match(walked.body.reason ?? '', /withdrawn by the vendor: harga di bawah modal/);
    const afterwards = await orders.as(tokens.pejabat).post<ErrorBody>(`/api/orders/${talks.id}/agree`);
    assert.equal(afterwards.status, 409);
    assert.match(afterwards.body.message, /cannot agree an order that is CANCELLED/);

    const line = await lineOf(tokens.finance, satkerCode);
    assert.equal(line.committedIdr, '0');
    assert.equal(line.realisedIdr, '0');
  });

  test("a PPK's own negotiation is approved as it is agreed and goes on to the budget", async () => {
    const { tokens } = await aSatker('100000000');
    const opened = await placed(tokens.ppk, negotiation([{ productId: cable.productId, quantity: 10, unitPriceIdr: '240000' }]));
    const agreed = await orders.as(vendorToken).post<Order>(`/api/orders/${opened.id}/agree`);
    assert.equal(agreed.body.status, 'PENDING_BUDGET');
    assert.ok(agreed.body.purchaseOrderNumber);
    assert.deepEqual(
      agreed.body.timeline.map((t) => t.to),
      ['NEGOTIATING', 'AWAITING_APPROVAL', 'PENDING_BUDGET'],
    );
    await until(tokens.ppk, opened.id, 'AWAITING_VENDOR');
  });

  test('two terms, the first received late: each payment realises its term at once, the penalty is released, the order completes with the last', async () => {
    const { satkerCode, tokens } = await aSatker('300000000');
    const firstDue = daysBefore(today(), 6);
    const order = await placed(tokens.ppk, {
      fiscalYear: FISCAL_YEAR,
      accountCode: ACCOUNT,
      shippingFeeIdr: '100000',
      lines: [
        { productId: laptop.productId, quantity: 10 },
        { productId: cable.productId, quantity: 4 },
      ],
      terms: [
        { quantities: [3, 4], deliveryDate: firstDue },
        { quantities: [7, 0], deliveryDate: today() },
      ],
    });
    const total = 125_000_000 + 1_000_000 + 100_000;
    assert.equal(order.totalIdr, String(total));
    assert.deepEqual(
      order.terms.map((t) => [t.termNo, t.valueIdr, t.deliveryDate]),
      [
        [1, String(37_500_000 + 1_000_000), firstDue],
        [2, String(87_500_000 + 100_000), today()],
      ],
    );
    await until(tokens.ppk, order.id, 'AWAITING_VENDOR');
    assert.equal((await orders.as(vendorToken).post<Order>(`/api/orders/${order.id}/accept`)).body.status, 'IN_PROCESS');

    const outOfTurn = await orders.as(vendorToken).post<ErrorBody>(`/api/orders/${order.id}/ship`, { termNo: 2 });
    assert.equal(outOfTurn.status, 409);
    assert.match(outOfTurn.body.message, /term 1 ships first/);
    const shipped = await orders.as(vendorToken).post<Order>(`/api/orders/${order.id}/ship`);
    assert.equal(shipped.body.status, 'IN_PROCESS', 'one term of two shipped: still in process');
    assert.equal(shipped.body.terms[0].status, 'SHIPPED');
    const cancel = await orders.as(tokens.ppk).post<ErrorBody>(`/api/orders/${order.id}/cancel`);
    assert.equal(cancel.status, 409);
    assert.match(cancel.body.message, /term 1 is already SHIPPED/);

    // received 4 days after its date: 4 ‰ of each part, rounded down per line
    const receivedOn = daysBefore(today(), 2);
    const received = await orders.as(tokens.ppk).post<Order>(`/api/orders/${order.id}/receive`, { bastNumber: 'BAST-T1', receivedOn });
    assert.equal(received.status, 200, JSON.stringify(received.body));
    const penalty = (37_500_000 * 4) / 1000 + (1_000_000 * 4) / 1000;
    assert.deepEqual([received.body.terms[0].daysLate, received.body.terms[0].penaltyIdr], [4, String(penalty)]);
    assert.equal(received.body.penaltyIdr, String(penalty));

    const paid = await orders.as(tokens.finance).post<Order>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-T1', paidOn: today() });
    assert.equal(paid.body.status, 'IN_PROCESS');
    assert.equal(paid.body.terms[0].status, 'PAID');
    const firstValue = 38_500_000;
    const afterFirst = await eventually('term 1 realised', async () => {
      const line = await lineOf(tokens.finance, satkerCode);
      return line.realisedIdr === String(firstValue - penalty) ? line : undefined;
    });
    assert.equal(afterFirst.committedIdr, String(total - firstValue), 'the penalty is released, not kept committed');

    await orders.as(vendorToken).post(`/api/orders/${order.id}/ship`);
    const second = await orders.as(tokens.ppk).post<Order>(`/api/orders/${order.id}/receive`, { bastNumber: 'BAST-T2', receivedOn: today() });
    assert.equal(second.body.status, 'RECEIVED');
    assert.equal(second.body.terms[1].penaltyIdr, '0');
    const done = await orders.as(tokens.finance).post<Order>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-T2', paidOn: today() });
    assert.equal(done.body.status, 'COMPLETED');
    const final = await eventually('order realised', async () => {
      const line = await lineOf(tokens.finance, satkerCode);
      return line.committedIdr === '0' ? line : undefined;
    });
    assert.equal(final.realisedIdr, String(total - penalty));
    assert.equal(final.remainingIdr, String(300_000_000 - total + penalty));
  });

  test("a PPK's orders placed together are numbered one after another, each number once", async () => {
    const { satkerCode, tokens } = await aSatker('500000000');
    const body = { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId: cable.productId, quantity: 1 }] };
    // sent at once, they are written by one statement or a few
    const orders = await Promise.all(Array.from({ length: 20 }, () => placed(tokens.ppk, body)));
    const numbers = orders.map((o) => o.purchaseOrderNumber).sort();
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => `SP-${satkerCode}-${FISCAL_YEAR}-${String(i + 1).padStart(6, '0')}`),
    );
  });

  test('terms that do not share out the lines are refused naming the field', async () => {
    const { tokens } = await aSatker('100000000');
    const response = await orders.as(tokens.ppk).post<ErrorBody>(
      '/api/orders',
      {
        fiscalYear: FISCAL_YEAR,
        accountCode: ACCOUNT,
        lines: [{ productId: cable.productId, quantity: 4 }],
        terms: [{ quantities: [1] }, { quantities: [2] }],
      },
      { 'Idempotency-Key': randomUUID() },
    );
    assert.equal(response.status, 400);
    assert.match(response.body.message, /terms\[\*\]\.quantities\[0\] add up to 3, but line 1 orders 4/);
  });
});
