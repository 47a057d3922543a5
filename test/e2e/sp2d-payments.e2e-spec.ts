import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { WeeklyReportDto } from '../../apps/budget/src/reports/dto/weekly-report.dto.js';
import { lastClosedFriday } from '#serapan/service';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import type { Sp2dImportReportDto } from '../../apps/order/src/orders/payments/dto/sp2d-import-report.dto.js';
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

const ACCOUNT = '521211';
const HEADER = 'sp2d_number,sp2d_date,amount_idr,purchase_order_number';
const DAY_MS = 86_400_000;

type Order = Json<OrderViewDto>;

/** A Jakarta calendar date `days` from `date` (YYYY-MM-DD). */
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The Jakarta calendar date of an instant, e.g. an order's createdAt (the server's clock). */
const jakartaDateOf = (at: string | Date) => new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
/** The day before `date`, or `date` itself on 1 January: an SP2D stays in its order's fiscal year. */
const dayBeforeInYear = (date: string) => (date.endsWith('-01-01') ? date : shift(date, -1));

describe('payments dated by the SP2D, and the SP2D import', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const budgetDb = new ServiceDatabase('budget');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  /** The Friday closing the week before the last closed one: its week is over and not cut by the scheduler. */
  const earlierFriday = shift(lastClosedFriday(new Date()), -7);
  /** The fiscal year of orders paid about now. */
  const fiscalYear = Number(jakartaDateOf(new Date()).slice(0, 4));
  let vendor: { vendorId: string; productId: string; token: string };

  before(async () => {
    const vendorId = randomUUID();
    const product = aProduct().priced('1000000').from(vendorId).build();
    await publishProducts([product]);
    await eventually('the order service knows the product', async () => (await orderDb.knownProducts([product.productId])) === 1);
    vendor = { vendorId, productId: product.productId, token: tokenFor({ username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId }) };
  });

  after(async () => {
    await orderDb.close();
    await budgetDb.close();
  });

  async function aSatker(year = fiscalYear) {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const tokens = { officer: tokenFor(users.officer), finance: tokenFor(users.finance) };
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${year}/${satkerCode}/${ACCOUNT}`, { paguIdr: '100000000' });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, tokens, fiscalYear: year };
  }

  async function until(token: string, id: string, status: string) {
    return eventually(`order ${id} ${status}`, async () => {
      const { body } = await orders.as(token).get<Order>(`/api/orders/${id}`);
      return body.status === status ? body : undefined;
    });
  }

  const act = async (token: string, id: string, action: string, body?: object) => {
    const response = await orders.as(token).post<Order>(`/api/orders/${id}/${action}`, body);
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /**
   * An order of `quantity` million rupiah taken to RECEIVED with a BAST dated
   * `receivedOn(today)`, today being the Jakarta date of the order's createdAt
   * (the server's clock, not the test's).
   */
  async function aReceivedOrder(satker: Awaited<ReturnType<typeof aSatker>>, quantity: number, receivedOn: (today: string) => string): Promise<Order> {
    const placed = await orders
      .as(satker.tokens.officer)
      .post<Order>(
        '/api/orders',
        { fiscalYear: satker.fiscalYear, accountCode: ACCOUNT, lines: [{ productId: vendor.productId, quantity }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const confirmed = await until(satker.tokens.officer, placed.body.id, 'AWAITING_VENDOR');
    assert.match(confirmed.purchaseOrderNumber ?? '', new RegExp(`^SP-${satker.satkerCode}-${satker.fiscalYear}-[0-9]{6}$`));
    await act(vendor.token, placed.body.id, 'accept');
    await act(vendor.token, placed.body.id, 'ship');
    const bast = { bastNumber: `BAST-${randomUUID().slice(0, 8)}`, receivedOn: receivedOn(jakartaDateOf(placed.body.createdAt)) };
    return act(satker.tokens.officer, placed.body.id, 'receive', bast);
  }

  const lineOf = async (satker: Awaited<ReturnType<typeof aSatker>>) =>
    (await budget.as(satker.tokens.finance).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${satker.fiscalYear}&satkerCode=${satker.satkerCode}`))
      .body[0];

  test('purchase-order numbers count up per satker and fiscal year from 000001', async () => {
    const satker = await aSatker();
    const first = await aReceivedOrder(satker, 1, (today) => today);
    const second = await aReceivedOrder(satker, 1, (today) => today);
    assert.equal(first.purchaseOrderNumber, `SP-${satker.satkerCode}-${fiscalYear}-000001`);
    assert.equal(second.purchaseOrderNumber, `SP-${satker.satkerCode}-${fiscalYear}-000002`);
    const confirmed = first.timeline.find((t) => t.to === 'AWAITING_VENDOR');
    assert.match(confirmed?.cause ?? '', new RegExp(`purchase order ${first.purchaseOrderNumber}`));
  });

  test('an SP2D list with one good row, one unknown order and one wrong amount pays exactly one order, dated by the SP2D; importing it again changes nothing', async () => {
    const satker = await aSatker();
    const good = await aReceivedOrder(satker, 2, (today) => shift(dayBeforeInYear(today), -2));
    const sp2dDate = dayBeforeInYear(jakartaDateOf(good.createdAt));
    const bast = good.receivedOn!;
    const wrong = await aReceivedOrder(satker, 3, () => bast);
    const sp2d = `26${Date.now()}`;
    const csv = [
      HEADER,
      `${sp2d},${sp2dDate},${good.totalIdr},${good.purchaseOrderNumber}`,
      `${sp2d}1,${sp2dDate},1000000,SP-${satker.satkerCode}-${fiscalYear}-999999`,
      `${sp2d}2,${sp2dDate},${BigInt(wrong.totalIdr) + 1n},${wrong.purchaseOrderNumber}`,
      '',
    ].join('\n');
    const imported = await orders.as(satker.tokens.finance).postCsv<Sp2dImportReportDto>('/api/orders/payments/sp2d-import', csv);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body.counts, { paid: 1, alreadyPaid: 0, notFound: 1, refused: 1, malformed: 0, duplicate: 0 });
    assert.deepEqual(
      imported.body.lines.map((l) => [l.line, l.sp2dNumber, l.outcome]),
      [
        [2, sp2d, 'paid'],
        [3, `${sp2d}1`, 'not-found'],
        [4, `${sp2d}2`, 'refused'],
      ],
    );
    assert.match(
      imported.body.lines[2].reason ?? '',
      new RegExp(`amount_idr ${BigInt(wrong.totalIdr) + 1n} matches no received term's amount due \\(term 1: ${wrong.totalIdr}\\)`),
    );

    const paid = await until(satker.tokens.finance, good.id, 'COMPLETED');
    assert.equal(paid.sp2dNumber, sp2d);
    assert.equal(paid.paidOn, sp2dDate);
    assert.equal((await until(satker.tokens.finance, wrong.id, 'RECEIVED')).sp2dNumber, null, 'the wrong amount changed nothing');
    await eventually('the budget realised the good order only', async () => {
      const line = await lineOf(satker);
      return line.realisedIdr === good.totalIdr && line.committedIdr === wrong.totalIdr;
    });
    const [entry] = await budgetDb.query<{ sp2d: string; realisedOn: string; receivedOn: string }>(
      `SELECT sp2d_number AS sp2d, realised_on::text AS "realisedOn", received_on::text AS "receivedOn" FROM ledger_entries WHERE order_id = $1 AND kind = 'realise'`,
      [good.id],
    );
    assert.deepEqual(entry, { sp2d, realisedOn: sp2dDate, receivedOn: bast });

    const again = await orders.as(satker.tokens.finance).postCsv<Sp2dImportReportDto>('/api/orders/payments/sp2d-import', csv);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.counts, { paid: 0, alreadyPaid: 1, notFound: 1, refused: 1, malformed: 0, duplicate: 0 });
    assert.equal(again.body.lines[0].outcome, 'already-paid');
    const timeline = (await orders.as(satker.tokens.finance).get<Order>(`/api/orders/${good.id}`)).body.timeline;
    assert.equal(timeline.filter((t) => t.to === 'COMPLETED' && t.from === 'RECEIVED').length, 1, 'paid once');
    assert.equal((await lineOf(satker)).realisedIdr, good.totalIdr);

    const stranger = tokenFor(satkerUsers(uniqueSatker()).finance);
    const outside = await orders.as(stranger).postCsv<Sp2dImportReportDto>('/api/orders/payments/sp2d-import', csv);
    assert.deepEqual(
      outside.body.counts,
      { paid: 0, alreadyPaid: 0, notFound: 3, refused: 0, malformed: 0, duplicate: 0 },
      "another satker's orders are not found",
    );
  });

  test('a purchase-order number with the same SP2D twice in one file pays once: the second line is a duplicate; another SP2D for a paid order is refused', async () => {
    const satker = await aSatker();
    const order = await aReceivedOrder(satker, 1, (today) => shift(dayBeforeInYear(today), -1));
    const sp2dDate = dayBeforeInYear(jakartaDateOf(order.createdAt));
    const sp2d = `27${Date.now()}`;
    const csv = [HEADER, ...[sp2d, sp2d, `${sp2d}9`].map((number) => `${number},${sp2dDate},${order.totalIdr},${order.purchaseOrderNumber}`), ''].join('\n');
    const imported = await orders.as(satker.tokens.finance).postCsv<Sp2dImportReportDto>('/api/orders/payments/sp2d-import', csv);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(
      imported.body.lines.map((l) => [l.line, l.outcome, l.reason]),
      [
        [2, 'paid', null],
        [3, 'duplicate', `purchase_order_number ${order.purchaseOrderNumber} with sp2d_number ${sp2d} is already on line 2 of this file`],
        [4, 'refused', 'cannot pay an order that is COMPLETED; allowed only when IN_PROCESS or SHIPPED or RECEIVED'],
      ],
    );
    assert.deepEqual(imported.body.counts, { paid: 1, alreadyPaid: 0, notFound: 0, refused: 1, malformed: 0, duplicate: 1 });
    const paid = await until(satker.tokens.finance, order.id, 'COMPLETED');
    assert.equal(paid.sp2dNumber, sp2d, 'paid by the first line');
  });

  test('a payment dated before its BAST or after today in Jakarta is refused with 400 naming paidOn, by /pay and by the import', async () => {
    const satker = await aSatker();
    const order = await aReceivedOrder(satker, 1, (today) => shift(today, -2));
    const bast = order.receivedOn!;
    const early = await orders.as(satker.tokens.finance).post<ErrorBody>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-EARLY', paidOn: shift(bast, -1) });
    assert.equal(early.status, 400);
    assert.match(early.body.message, /^paidOn .* is before the BAST date \(receivedOn/);
    const future = await orders
      .as(satker.tokens.finance)
      // two days after the server's today at placement: still in the future should Jakarta's midnight pass meanwhile
      .post<ErrorBody>(`/api/orders/${order.id}/pay`, { sp2dNumber: 'SP2D-LATER', paidOn: shift(jakartaDateOf(order.createdAt), 2) });
    assert.equal(future.status, 400);
    assert.match(future.body.message, /^paidOn .* is in the future/);
    const csv = `${HEADER}\n2600001,${shift(bast, -1)},${order.totalIdr},${order.purchaseOrderNumber}\n2600002,2026-13-01,${order.totalIdr},${order.purchaseOrderNumber}\n`;
    const imported = await orders.as(satker.tokens.finance).postCsv<Sp2dImportReportDto>('/api/orders/payments/sp2d-import', csv);
    assert.deepEqual(
      imported.body.lines.map((l) => [l.outcome, l.reason?.split(' ')[0]]),
      [
        ['refused', 'sp2d_date'],
        ['malformed', 'sp2d_date'],
      ],
    );
    assert.equal((await orders.as(satker.tokens.finance).get<Order>(`/api/orders/${order.id}`)).body.status, 'RECEIVED');
    const noHeader = await orders.as(satker.tokens.finance).postCsv<ErrorBody>('/api/orders/payments/sp2d-import', `2600001,${bast},1,SP-1\n`);
    assert.equal(noHeader.status, 400);
    assert.match(noHeader.body.message, /header line/);
  });

  test('the weekly report card counts a payment in the week of its SP2D date, with days to payment from BAST to SP2D', async () => {
    const bast = shift(earlierFriday, -4); // the Monday of that week
    const sp2dDate = shift(earlierFriday, -1); // its Thursday: 3 days after the BAST
    const satker = await aSatker(Number(sp2dDate.slice(0, 4))); // an SP2D pays its own fiscal year
    const order = await aReceivedOrder(satker, 4, () => bast);
    await act(satker.tokens.finance, order.id, 'pay', { sp2dNumber: `SP2D-${randomUUID().slice(0, 8)}`, paidOn: sp2dDate });
    await eventually('realised', async () => (await lineOf(satker)).realisedIdr === order.totalIdr);
    const auditor = tokenFor({ username: 'auditor', role: 'auditor' });
    const cardOf = async (weekEnding: string) => {
      const report = await budget.as(auditor).get<WeeklyReportDto>(`/api/budget/reports/weekly?weekEnding=${weekEnding}&satkerCode=${satker.satkerCode}`);
      assert.equal(report.status, 200, JSON.stringify(report.body));
      return report.body.cards[0];
    };
    const card = await cardOf(earlierFriday);
    assert.equal(card.realisedIdr, order.totalIdr, 'processed today, realised in the week of its SP2D date');
    assert.equal(card.committedIdr, '0', 'committed no later than it was paid');
    assert.equal(card.ordersCompleted, 1);
    assert.equal(card.medianDaysToPayment, 3);
    const weekBefore = await cardOf(shift(earlierFriday, -7));
    assert.equal(weekBefore.realisedIdr, '0');
  });
});
