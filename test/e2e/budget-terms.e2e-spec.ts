import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { BudgetAmendmentEventData, CloudEvent, cloudEvent, EventTypes, OrderEventData, ProductSnapshot, Spend, SpendChange, Topics } from '#serapan/contracts';
import type { LedgerService } from '../../apps/budget/src/ledger/ledger.service.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  aProduct,
  Api,
  eventually,
  Json,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  testKafka,
  tokenFor,
  TopicRecorder,
  uniqueSatker,
} from '../support/index.js';

const ACCOUNT = '532111';
const PRICE = 1_000_000n;
const DAY_MS = 86_400_000;
const run = promisify(execFile);

/** Today in Jakarta, and `days` from it (YYYY-MM-DD). */
const jakartaDay = (days = 0) => new Date(Date.now() + 7 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);
const FY = Number(jakartaDay().slice(0, 4));

/** Money of the test product (domestic, `pdn` tier, from a UMK vendor): all of it PDN and UMK, in one line. */
const spend = (amountIdr: bigint): Spend => ({
  amountIdr: amountIdr.toString(),
  pdnIdr: amountIdr.toString(),
  umkIdr: amountIdr.toString(),
  lines: [{ pdnTier: 'pdn', subtotalIdr: amountIdr.toString() }],
});
const change = (amountIdr: bigint): SpendChange => spend(amountIdr);

type LedgerReport = Awaited<ReturnType<LedgerService['verify']>>;

describe('term payments and addenda in the budget', { timeout: 300_000 }, () => {
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const budgetDb = new ServiceDatabase('budget');
  const orderDb = new ServiceDatabase('order');
  const orderTopic = new TopicRecorder(Topics.order);
  const answerTopic = new TopicRecorder(Topics.reservation);
  const satkers: string[] = [];
  let product: ProductSnapshot;
  let producer: Producer;

  before(async () => {
    product = aProduct().priced(PRICE.toString()).domestic('pdn').umk().build();
    await publishProducts([product]);
    await eventually('product known to orders', async () => (await orderDb.knownProducts([product.productId])) === 1);
    await Promise.all([orderTopic.start(), answerTopic.start()]);
    producer = testKafka().producer();
    await producer.connect();
  });

  after(async () => {
    await Promise.all([orderTopic.stop(), answerTopic.stop(), producer.disconnect()]);
    await budgetDb.close();
    await orderDb.close();
  });

  /** A satker with a line of `paguIdr` and an order of `quantity` units placed by its PPK and reserved; returns the order.placed data. */
  async function aReservedOrder(paguIdr: bigint, quantity: number) {
    const satkerCode = uniqueSatker();
    satkers.push(satkerCode);
    const users = satkerUsers(satkerCode);
    const put = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: paguIdr.toString() });
    assert.equal(put.status, 201, JSON.stringify(put.body));
    const ppk = tokenFor(users.ppk);
    const placed = await orders
      .as(ppk)
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const orderId = placed.body.id;
    await eventually('reserved', async () => (await reservationOf(orderId))?.status === 'committed');
    const { event } = await eventually('order.placed seen', () =>
      orderTopic.events<OrderEventData>().find(({ event }) => event.subject === orderId && event.type === EventTypes.orderPlaced),
    );
    return { orderId, satkerCode, ppk, placed: event.data };
  }

  const reservationOf = async (orderId: string) =>
    (await budgetDb.query<{ status: string; amount: string }>(`SELECT status, amount_idr::text AS amount FROM reservations WHERE order_id = $1`, [orderId]))[0];

  async function lineOf(satkerCode: string) {
    const [line] = await budgetDb.query<Record<string, string>>(
      `SELECT committed_idr::text AS committed, realised_idr::text AS realised, committed_pdn_idr::text AS "committedPdn", realised_pdn_idr::text AS "realisedPdn",
              committed_umk_idr::text AS "committedUmk", realised_umk_idr::text AS "realisedUmk", pdn_tier_idr::text AS "pdnTier"
         FROM budget_lines WHERE fiscal_year = $1 AND satker_code = $2 AND account_code = $3`,
      [FY, satkerCode, ACCOUNT],
    );
    return line;
  }

  const ledgerOf = async (orderId: string) =>
    (
      await budgetDb.query<{ entry: string }>(
        `SELECT kind || ' ' || step || ': ' || amount_idr || coalesce(' on ' || realised_on::text, '') AS entry FROM ledger_entries WHERE order_id = $1 ORDER BY id`,
        [orderId],
      )
    ).map((r) => r.entry);

  const answersFor = (orderId: string) =>
    answerTopic
      .events<BudgetAmendmentEventData>()
      .filter(({ event }) => event.data.orderId === orderId)
      .map(({ event }) => event);

  /** Publishes order events as the order service would, in one send (so one batch, as far as the broker goes), and waits until the budget applied them. */
  async function publish(...events: CloudEvent<OrderEventData>[]) {
    await producer.send({ topic: Topics.order, messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
    await eventually(
      'the budget applied the events',
      async () => (await budgetDb.query(`SELECT 1 FROM inbox WHERE event_id = ANY($1::text[])`, [events.map((e) => e.id)])).length === events.length,
    );
  }

  /** `order.paid` for one term: `value` delivered `daysLate` days late, the penalty of 1 ‰ a day withheld (the figures as the order service computes them). */
  function termPaid(placed: OrderEventData, termNo: number, termCount: number, value: bigint, daysLate = 0) {
    const penalty = (value * BigInt(daysLate)) / 1000n;
    const receivedOn = jakartaDay(-1);
    const term = {
      termNo,
      termCount,
      valueIdr: value.toString(),
      deliveryDate: jakartaDay(-1 - daysLate),
      bastNumber: `BAST-${termNo}`,
      receivedOn,
      daysLate,
      penaltyIdr: penalty.toString(),
      sp2dNumber: `SP2D-${randomUUID().slice(0, 8)}`,
      paidOn: jakartaDay(),
    };
    const payment = { termNo, final: termNo === termCount, paid: spend(value - penalty), penalty: spend(penalty) };
    return cloudEvent('/serapan/order', EventTypes.orderPaid, placed.orderId, {
      ...placed,
      term,
      payment,
      sp2dNumber: term.sp2dNumber,
      paidOn: term.paidOn,
      receivedOn,
    });
  }

  function addendumAgreed(placed: OrderEventData, number: number, changeIdr: bigint, totalIdr: bigint) {
    return cloudEvent('/serapan/order', EventTypes.orderAddendumAgreed, placed.orderId, {
      ...placed,
      totalIdr: totalIdr.toString(),
      pdnIdr: totalIdr.toString(),
      umkIdr: totalIdr.toString(),
      addendum: { number, reason: 'quantity changed', change: change(changeIdr) },
    });
  }

  /** `npm run ledger -- verify` on the budget database: the mismatches on this spec's lines (other specs may be changing theirs) and the overspent count. */
  async function verifyLedger() {
    const reportIn = (stdout: string) => JSON.parse(stdout.slice(stdout.indexOf('{\n'))) as LedgerReport;
    const report = await run(process.execPath, ['--import', 'reflect-metadata', 'dist/apps/budget/src/ledger/ledger.cli.js', 'verify'], {
      env: { ...process.env, DATABASE_URL: testEnv.serviceDatabaseUrl('budget') },
    }).then(
      (r) => reportIn(r.stdout),
      (e: { stdout: string }) => reportIn(e.stdout),
    );
    return { mismatches: report.mismatches.filter((m) => satkers.includes(m.satkerCode)), overspent: report.overspent };
  }

  test('a two-term order realises each term as it is paid, releases the late term’s penalty, and holds nothing after the final term', async () => {
    const { orderId, satkerCode, placed } = await aReservedOrder(10_000_000n, 3);
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 3_000_000n, realised: 0n }));

    await publish(termPaid(placed, 1, 2, 1_000_000n));
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 2_000_000n, realised: 1_000_000n }), 'the first term is realised at once');
    assert.deepEqual(await reservationOf(orderId), { status: 'committed', amount: '2000000' });

    // two days late: 2 ‰ of the term's 2,000,000 withheld and released, the rest realised
    const last = termPaid(placed, 2, 2, 2_000_000n, 2);
    await publish(last);
    assert.deepEqual(
      await lineOf(satkerCode),
      lineFigures({ committed: 0n, realised: 2_996_000n }),
      'the penalty is released, not realised; nothing of the order stays committed',
    );
    assert.equal((await reservationOf(orderId)).status, 'realised');
    const paidOn = jakartaDay();
    assert.deepEqual(await ledgerOf(orderId), [
      'reserve order: 3000000',
      `realise term 1: 1000000 on ${paidOn}`,
      `realise term 2: 1996000 on ${paidOn}`,
      `release term 2: 4000 on ${paidOn}`,
    ]);
    const answers = await eventually('the budget answered every step', () => {
      const seen = answersFor(orderId).map((e) => `${e.type} ${e.data.amountIdr}`);
      return seen.length === 4 ? seen : undefined;
    });
    assert.deepEqual(answers, ['budget.reserved 3000000', 'budget.realised 1000000', 'budget.realised 1996000', 'budget.released 4000']);

    // the same payment sent again under another event id
    await publish(cloudEvent('/serapan/order', EventTypes.orderPaid, orderId, last.data));
    assert.equal((await ledgerOf(orderId)).length, 4, 'the term is booked once');
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 0n, realised: 2_996_000n }));
    assert.deepEqual(await verifyLedger(), { mismatches: [], overspent: 0 });
  });

  test('terms paid in one batch are each booked once, in order, however often they are sent', async () => {
    const { orderId, satkerCode, placed } = await aReservedOrder(10_000_000n, 5);
    const first = termPaid(placed, 1, 3, 1_000_000n);
    await publish(
      first,
      termPaid(placed, 2, 3, 2_000_000n),
      cloudEvent('/serapan/order', EventTypes.orderPaid, orderId, first.data),
      termPaid(placed, 3, 3, 2_000_000n, 1),
    );
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 0n, realised: 4_998_000n }));
    assert.deepEqual(
      (await ledgerOf(orderId)).map((e) => e.replace(/ on .*/, '')),
      ['reserve order: 5000000', 'realise term 1: 1000000', 'realise term 2: 2000000', 'realise term 3: 1998000', 'release term 3: 2000'],
    );
    assert.deepEqual(await verifyLedger(), { mismatches: [], overspent: 0 });
  });

  test('an addendum whose increase does not fit the line is rejected and changes nothing; a decrease releases; a cancellation releases what is left', async () => {
    const { orderId, satkerCode, ppk, placed } = await aReservedOrder(5_000_000n, 3);

    await publish(addendumAgreed(placed, 1, 3_000_000n, 6_000_000n));
    const rejected = await eventually('the addendum answered', () => answersFor(orderId).find((e) => e.type === EventTypes.budgetAmendmentRejected));
    assert.deepEqual(
      { ...rejected.data, reason: undefined },
      {
        orderId,
        fiscalYear: FY,
        satkerCode,
        accountCode: ACCOUNT,
        amountIdr: '3000000',
        remainingIdr: '2000000',
        addendumNumber: 1,
        increase: true,
        reason: undefined,
      },
    );
    assert.match(rejected.data.reason ?? '', /addendum 1 adds 3000000 to order .*, more than the remaining pagu 2000000 of line/);
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 3_000_000n, realised: 0n }), 'the order stands as it was');
    assert.deepEqual(await ledgerOf(orderId), ['reserve order: 3000000']);

    const decrease = addendumAgreed(placed, 2, -1_000_000n, 2_000_000n);
    await publish(decrease);
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 2_000_000n, realised: 0n }));
    await publish(cloudEvent('/serapan/order', EventTypes.orderAddendumAgreed, orderId, decrease.data)); // sent again: decided already
    await publish(addendumAgreed(placed, 3, 2_500_000n, 4_500_000n));
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 4_500_000n, realised: 0n }), 'the decrease made room for a later increase');
    const amended = await eventually('both addenda answered', () => {
      const seen = answersFor(orderId).filter((e) => e.type === EventTypes.budgetAmendmentReserved);
      return seen.length === 2 ? seen.map((e) => e.data) : undefined;
    });
    assert.deepEqual(
      amended.map((d) => [d.addendumNumber, d.increase, d.amountIdr, d.remainingIdr]),
      [
        [2, false, '1000000', '3000000'],
        [3, true, '2500000', '500000'],
      ],
    );
    assert.deepEqual(await reservationOf(orderId), { status: 'committed', amount: '4500000' });

    const cancelled = await orders.as(ppk).post<Json<OrderViewDto>>(`/api/orders/${orderId}/cancel`, { reason: 'no longer needed' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    await eventually('released', async () => (await reservationOf(orderId)).status === 'released');
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 0n, realised: 0n }), 'the cancellation released exactly what the order held');
    assert.deepEqual(await ledgerOf(orderId), ['reserve order: 3000000', 'amend addendum 2: -1000000', 'amend addendum 3: 2500000', 'release order: 4500000']);
    assert.deepEqual(await verifyLedger(), { mismatches: [], overspent: 0 });
  });

  test('an order.paid without payment (from before terms) realises the whole reservation, as it always did', async () => {
    const { orderId, satkerCode, placed } = await aReservedOrder(10_000_000n, 2);
    await publish(cloudEvent('/serapan/order', EventTypes.orderPaid, orderId, placed));
    assert.deepEqual(await lineOf(satkerCode), lineFigures({ committed: 0n, realised: 2_000_000n }));
    assert.deepEqual(
      (await ledgerOf(orderId)).map((e) => e.replace(/ on .*/, '')),
      ['reserve order: 2000000', 'realise order: 2000000'],
    );
    assert.equal((await reservationOf(orderId)).status, 'realised');
    const answered = await eventually('realised answered', () => answersFor(orderId).find((e) => e.type === EventTypes.budgetRealised));
    assert.equal(answered.data.amountIdr, '2000000');
    assert.deepEqual(await verifyLedger(), { mismatches: [], overspent: 0 });
  });
});

/** A line's figures for the test product: every rupiah of it PDN (the `pdn` tier, committed + realised) and UMK. */
function lineFigures({ committed, realised }: { committed: bigint; realised: bigint }) {
  return {
    committed: committed.toString(),
    realised: realised.toString(),
    committedPdn: committed.toString(),
    realisedPdn: realised.toString(),
    committedUmk: committed.toString(),
    realisedUmk: realised.toString(),
    pdnTier: (committed + realised).toString(),
  };
}
