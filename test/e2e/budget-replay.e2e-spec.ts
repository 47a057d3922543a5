import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventTypes, OrderEventData, Topics } from '#serapan/contracts';
import { byTimestamp, ConsumedEvent, eventsIn, readTopic } from '#serapan/messaging';
import { BUDGET_ENTITIES, BUDGET_MIGRATIONS } from '../../apps/budget/src/budget.module.js';
import { replayOrderEvents } from '../../apps/budget/src/reservations/order-replay.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  aProduct,
  Api,
  eventually,
  Json,
  ownDatabase,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const FY = 2026;
const GOODS = '521211';
const SERVICES = '532111';
/** The replay starts from an empty budget database of its own. */
const DATABASE = 'serapan_test_budget_replay';

const LINE_FIGURES = `fiscal_year, satker_code, account_code, pagu_idr::text, committed_idr::text, realised_idr::text,
  committed_pdn_idr::text, realised_pdn_idr::text, committed_umk_idr::text, realised_umk_idr::text`;
const LEDGER = `order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr::text, pdn_idr::text, umk_idr::text, sp2d_number, realised_on::text, received_on::text`;

describe('replaying the order topic into a fresh budget database', { timeout: 600_000 }, () => {
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const live = new ServiceDatabase('budget');
  const orderDb = new ServiceDatabase('order');
  let replica: DataSource;

  before(async () => {
    replica = await ownDatabase(DATABASE, BUDGET_ENTITIES, BUDGET_MIGRATIONS);
  });

  after(async () => {
    await replica?.destroy();
    await live.close();
    await orderDb.close();
  });

  test('gives exactly the live ledger, reservations and line figures, a rejection for lack of pagu, cancellations and a payment included', async () => {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const [officer, finance] = [tokenFor(users.officer), tokenFor(users.finance)];
    const vendorId = randomUUID();
    const vendor = tokenFor({ username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId });
    const product = aProduct().from(vendorId).priced('1000000').domestic('pdn').umk().build();
    await publishProducts([product]);
    await eventually('product known to orders', async () => (await orderDb.knownProducts([product.productId])) === 1);
    for (const [account, pagu] of [
      [GOODS, '10000000'],
      [SERVICES, '3000000'],
    ]) {
      assert.equal((await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FY}/${satkerCode}/${account}`, { paguIdr: pagu })).status, 201);
    }

    const reservationOf = async (orderId: string, status: string) =>
      eventually(`order ${orderId} ${status}`, async () => {
        const [row] = await live.query<{ status: string }>(`SELECT status FROM reservations WHERE order_id = $1`, [orderId]);
        return row?.status === status;
      });
    const place = async (accountCode: string, quantity: number, expected: 'committed' | 'rejected') => {
      const placed = await orders
        .as(officer)
        .post<Json<OrderViewDto>>(
          '/api/orders',
          { fiscalYear: FY, accountCode, lines: [{ productId: product.productId, quantity }] },
          { 'Idempotency-Key': randomUUID() },
        );
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      await reservationOf(placed.body.id, expected);
      const status = expected === 'committed' ? 'AWAITING_VENDOR' : 'REJECTED';
      await eventually(
        `order ${status}`,
        async () => (await orderDb.query(`SELECT 1 FROM orders WHERE id = $1 AND status = $2`, [placed.body.id, status])).length === 1,
      );
      return placed.body.id;
    };
    const act = async (token: string, orderId: string, action: string, body: object = {}) =>
      assert.equal((await orders.as(token).post(`/api/orders/${orderId}/${action}`, body)).status, 200, `${action} ${orderId}`);

    // Each step waits until the live budget has applied the one before, so the live consumer met this spec's events in the
    // order of their broker timestamps; the two later orders fit only once an earlier one has let go of its pagu.
    const first = await place(GOODS, 6, 'committed');
    await place(GOODS, 5, 'rejected'); // 4,000,000 left
    await act(officer, first, 'cancel', { reason: 'double entry' });
    await reservationOf(first, 'released');
    const paid = await place(GOODS, 5, 'committed');
    await act(vendor, paid, 'accept');
    await act(vendor, paid, 'ship');
    await act(officer, paid, 'receive', { bastNumber: 'BAST-7/2026', receivedOn: '2026-11-27' });
    await act(finance, paid, 'pay', { sp2dNumber: 'SP2D-7', paidOn: '2026-11-28' });
    await reservationOf(paid, 'realised');
    const declined = await place(SERVICES, 2, 'committed');
    await act(vendor, declined, 'decline', { reason: 'no delivery there' });
    await reservationOf(declined, 'released');
    await place(SERVICES, 3, 'committed');

    // the same pagu lines, nothing used yet
    await replica.query(
      `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr) SELECT * FROM unnest($1::int[], $2::bpchar[], $3::bpchar[], $4::bpchar[], $5::bigint[])`,
      transpose(
        await live.query<Record<string, unknown>>(
          `SELECT fiscal_year, satker_code, account_code, kl_code, pagu_idr::text FROM budget_lines WHERE satker_code = $1 ORDER BY account_code`,
          [satkerCode],
        ),
      ),
    );

    // and the same satker registry entry
    const [registered] = await live.query<{ code: string; kl_code: string }>(`SELECT code, kl_code FROM satkers WHERE code = $1`, [satkerCode]);
    await replica.query(`INSERT INTO satkers (code, kl_code) VALUES ($1, $2)`, [registered.code, registered.kl_code]);

    // The whole order topic, every suite's orders, merged across partitions by broker timestamp with each partition's order
    // kept, and applied one run at a time with nothing overtaking: this spec's events meet the same line state they met
    // live. Other suites' orders name lines the replica does not have (rejected there) and never touch these lines.
    const partitions = new Map<number, { event: ConsumedEvent; message: { timestamp: string } }[]>();
    await readTopic(testEnv.kafkaSettings('test-budget-replay'), Topics.order, {
      onBatch: (batch) => {
        partitions.set(batch.partition, [...(partitions.get(batch.partition) ?? []), ...eventsIn(batch, ORDER_EVENTS).events]);
        return Promise.resolve();
      },
    });
    const replayed = await replayOrderEvents(
      replica,
      byTimestamp([...partitions.values()]).map(({ event }) => event),
    );
    assert.deepEqual(
      replayed.failed.filter(({ event }) => (event.data as OrderEventData).satkerCode === satkerCode),
      [],
    );

    const figures = (db: { query: (sql: string, params: unknown[]) => Promise<unknown[]> }) =>
      Promise.all([
        db.query(`SELECT ${LINE_FIGURES} FROM budget_lines WHERE satker_code = $1 ORDER BY account_code`, [satkerCode]),
        db.query(`SELECT ${LEDGER} FROM ledger_entries WHERE satker_code = $1 ORDER BY id`, [satkerCode]),
        db.query(`SELECT order_id, status, amount_idr::text FROM reservations WHERE satker_code = $1 ORDER BY order_id`, [satkerCode]),
      ]);
    const [lines, ledger, reservations] = await figures(replica);
    assert.deepEqual([lines, ledger, reservations], await figures(live));
    assert.deepEqual(
      (lines as Record<string, string>[]).map((l) => [l.account_code, l.committed_idr, l.realised_idr]),
      [
        [GOODS, '0', '5000000'],
        [SERVICES, '3000000', '0'],
      ],
    );
    assert.deepEqual(
      (ledger as Record<string, string>[]).map((e) => e.kind),
      ['reserve', 'release', 'reserve', 'realise', 'reserve', 'release', 'reserve'],
    );
    assert.equal((reservations as Record<string, string>[]).filter((r) => r.status === 'rejected').length, 1);
  });
});

const ORDER_EVENTS = new Set<string>([EventTypes.orderPlaced, EventTypes.orderCancelled, EventTypes.orderDeclined, EventTypes.orderPaid]);

/** Rows as the column arrays an `unnest` insert takes. */
const transpose = (rows: Record<string, unknown>[]): unknown[][] => Object.keys(rows[0]).map((column) => rows.map((row) => row[column]));
