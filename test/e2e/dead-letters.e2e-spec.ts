import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudEvent, EventTypes, OrderEventData, Topics } from '#serapan/contracts';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import { aPlacedOrder, Api, eventually, Json, runTool, satkerUsers, ServiceDatabase, testEnv, testKafka, tokenFor, uniqueSatker } from '../support/index.js';

const FY = 2026;
const ACCOUNT = '532111';

describe('dead letters: listed, re-driven once their cause is fixed', { timeout: 300_000 }, () => {
  const budget = new Api(testEnv.serviceUrl('budget'));
  const budgetDb = new ServiceDatabase('budget');

  after(() => budgetDb.close());

  /** Sends an order event as the order service's relay would: keyed by order, its type in the ce_type header. */
  async function publishOrderEvent(type: string, data: OrderEventData): Promise<string> {
    const event = cloudEvent('/serapan/order', type, data.orderId, data);
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: Topics.order, acks: -1, messages: [{ key: data.orderId, value: JSON.stringify(event), headers: { ce_type: type } }] });
    await producer.disconnect();
    return event.id;
  }

  test('an order paid before the budget heard of its placement is dead-lettered, listed, and realised exactly once when re-driven after the placement arrives', async () => {
    const satkerCode = uniqueSatker();
    const finance = tokenFor(satkerUsers(satkerCode).finance);
    const klFinance = tokenFor(satkerUsers(satkerCode).klFinance);
    assert.equal((await budget.as(klFinance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '10000000' })).status, 201);
    const line = async () => (await budget.as(finance).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FY}&satkerCode=${satkerCode}`)).body[0];
    const order = aPlacedOrder(satkerCode, FY, ACCOUNT);
    const ours = (output: string) => output.split('\n').filter((row) => row.includes(`key=${order.orderId}`));

    // the payment overtakes the placement: the budget holds no reservation to realise, a permanent failure
    const paidId = await publishOrderEvent(EventTypes.orderPaid, order);
    const listed = await eventually(
      'the payment dead-lettered',
      async () => {
        const rows = ours(await runTool('dlq', ['list', Topics.order]));
        return rows.length > 0 ? rows : undefined;
      },
      60_000,
      1000,
    );
    assert.equal(listed.length, 1, listed.join('\n'));
    assert.match(
      listed[0],
      new RegExp(
        `^\\s*${Topics.order.replace(/\./g, '\\.')}\\[\\d+\\]@\\d+  key=${order.orderId}  type=order\\.paid  group=serapan-budget  at=\\S+  waiting  `,
      ),
    );
    assert.match(listed[0], /reason="order [0-9a-f-]+ was paid but holds no committed reservation \(none\)"/);
    assert.deepEqual(await budgetDb.query(`SELECT kind FROM ledger_entries WHERE order_id = $1`, [order.orderId]), []);

    // the cause fixed: the placement arrives and is reserved
    await publishOrderEvent(EventTypes.orderPlaced, order);
    await eventually('reserved', async () => (await line()).committedIdr === '3000000');

    const first = ours(await runTool('dlq', ['redrive', Topics.order]));
    assert.equal(first.length, 1, 'the payment is sent back once');
    assert.match(first[0], /re-driven .* type=order\.paid/);
    const settled = await eventually('realised', async () => {
      const now = await line();
      return now.realisedIdr === '3000000' ? now : undefined;
    });
    assert.equal(settled.committedIdr, '0');

    assert.deepEqual(ours(await runTool('dlq', ['redrive', Topics.order])), [], 'a second re-drive does not send it again');
    assert.match(ours(await runTool('dlq', ['list', Topics.order]))[0], / {2}redriven {2}/);
    const entries = await budgetDb.query<{ kind: string; amount: string }>(
      `SELECT kind, amount_idr::text AS amount FROM ledger_entries WHERE order_id = $1 ORDER BY id`,
      [order.orderId],
    );
    assert.deepEqual(entries, [
      { kind: 'reserve', amount: '3000000' },
      { kind: 'realise', amount: '3000000' },
    ]);
    assert.equal((await budgetDb.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [paidId])).length, 1, 'the payment applied under its own event id');
  });
});
