import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { aProduct, Api, eventually, Json, publishProducts, satkerUsers, ServiceDatabase, testEnv, tokenFor, uniqueSatker } from '../support/index.js';

const FISCAL_YEAR = 2026;
const ACCOUNT = '521211';

type Order = Json<OrderViewDto>;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query through Prometheus's HTTP API. */
async function query(promql: string): Promise<Sample[]> {
  const response = await fetch(`${testEnv.prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const answer = (await response.json()) as { status: string; data: { result: Sample[] } };
  assert.equal(answer.status, 'success', promql);
  return answer.data.result;
}

/** The value of a query that sums to one series (0 when there is none yet). */
const total = async (promql: string): Promise<number> => Number((await query(`sum(${promql})`))[0]?.value[1] ?? 0);

/** A GET whose path is sent exactly as written (fetch would resolve its dot segments). */
function rawGet(base: string, path: string, token: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.once('error', reject);
    request.end();
  });
}

describe('metrics', { timeout: 240_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));

  after(() => orderDb.close());

  test('a service times its requests by route template and status, never with the ids of their paths', async () => {
    const satkerCode = uniqueSatker();
    const officer = tokenFor(satkerUsers(satkerCode).officer);
    const id = randomUUID();
    assert.equal((await orders.as(officer).get(`/api/orders/${id}`)).status, 404);
    await orders.get('/health');

    const response = await fetch(`${testEnv.serviceUrl('order')}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const timed = text.split('\n').filter((line) => line.startsWith('serapan_http_request_duration_seconds_count{'));
    assert.ok(
      timed.some((line) => ['method="GET"', 'route="/api/orders/:id"', 'status="404"', 'service="order"'].every((label) => line.includes(label))),
      timed.join('\n'),
    );
    assert.ok(!text.includes(id), 'no id of a requested path is a label');
    assert.doesNotMatch(text, /route="\/(health|metrics)"/);
    assert.match(text, /^nodejs_eventloop_lag_seconds\{service="order"\} /m);
    for (const pool of ['default', 'events']) assert.match(text, new RegExp(`^serapan_db_pool_max_connections\\{pool="${pool}",service="order"\\} \\d+`, 'm'));
    assert.match(text, /^serapan_outbox_events\{service="order"\} \d+/m);
    assert.match(text, /^serapan_consumer_lag_messages\{group="serapan-order",topic="budget\.reservation\.v1",partition="0",service="order"\} \d+/m);
  });

  test('the gateway forwards no path that would reach a service’s /metrics', async () => {
    const token = tokenFor(satkerUsers(uniqueSatker()).officer);
    for (const path of ['/api/orders/../../metrics', '/api/orders/%2e%2e/%2e%2e/metrics', '/api/budget/..%2f..%2fmetrics']) {
      const { status, body } = await rawGet(testEnv.serviceUrl('gateway'), path, token);
      assert.ok(status >= 400, `${path}: ${status}`);
      assert.doesNotMatch(body, /serapan_|# HELP/, path);
    }
  });

  test('Prometheus scrapes every service and replica', async () => {
    const expected = ['gateway/0', 'catalog/0', 'order/0', 'budget/0', 'budget/1'];
    const up = await eventually(
      'every target up',
      async () => {
        const response = await fetch(`${testEnv.prometheusUrl}/api/v1/targets?state=active`);
        const { data } = (await response.json()) as { data: { activeTargets: { labels: Record<string, string>; health: string }[] } };
        const healthy = data.activeTargets.filter((t) => t.health === 'up').map((t) => `${t.labels.service}/${t.labels.replica}`);
        return expected.every((target) => healthy.includes(target)) && healthy;
      },
      60_000,
      500,
    );
    assert.deepEqual([...up].sort(), [...expected].sort());
    const instances = await query('up{job="serapan"} == 1');
    assert.equal(instances.length, expected.length);
    assert.ok(instances.some((s) => s.metric.instance === new URL(testEnv.budgetReplicaUrl).host));
  });

  describe('an order placed and decided', () => {
    let officer: string;
    const orderOf = (productId: string, quantity: number) => ({ fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId, quantity }] });
    let productId: string;

    before(async () => {
      const satkerCode = uniqueSatker();
      const users = satkerUsers(satkerCode);
      officer = tokenFor(users.officer);
      const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr: '1000000' });
      assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
      const product = aProduct().priced('350000').from(randomUUID()).build();
      await publishProducts([product]);
      await eventually('the order service knows the product', async () => (await orderDb.knownProducts([product.productId])) === 1);
      productId = product.productId;
    });

    async function placeAndWait(quantity: number, status: string): Promise<void> {
      const placed = await orders.as(officer).post<Order>('/api/orders', orderOf(productId, quantity), { 'Idempotency-Key': randomUUID() });
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      await eventually(`order ${status}`, async () => (await orders.as(officer).get<Order>(`/api/orders/${placed.body.id}`)).body.status === status);
    }

    test('counts it placed, reserved or rejected, and decided; and reports the lag of every consumer group', async () => {
      const figures = {
        placed: 'serapan_orders_placed_total',
        confirmed: 'serapan_orders_decided_total{decision="confirmed"}',
        rejected: 'serapan_orders_decided_total{decision="rejected"}',
        reserved: 'serapan_budget_reservations_total{outcome="reserved"}',
        overPagu: 'serapan_budget_reservations_total{outcome="rejected",reason="exceeds_remaining_pagu"}',
      };
      // once every target has been scraped, so that the figures before are the services' own
      await eventually('every target scraped', async () => (await query('up{job="serapan"} == 1')).length === 5, 60_000, 500);
      const before = Object.fromEntries(await Promise.all(Object.entries(figures).map(async ([name, promql]) => [name, await total(promql)] as const)));

      await placeAndWait(1, 'AWAITING_VENDOR'); // 350,000 of 1,000,000
      await placeAndWait(3, 'REJECTED'); // 1,050,000 more than the 650,000 left

      await eventually(
        'the counts in Prometheus',
        async () => {
          const now = Object.fromEntries(await Promise.all(Object.entries(figures).map(async ([name, promql]) => [name, await total(promql)] as const)));
          return Object.keys(figures).every((name) => now[name] >= before[name] + (name === 'placed' ? 2 : 1));
        },
        30_000,
        500,
      );
      const groups = await query('count by (group) (serapan_consumer_lag_messages)');
      assert.deepEqual(groups.map((s) => s.metric.group).sort(), ['serapan-budget', 'serapan-catalog', 'serapan-order']);
      const outbox = await query('serapan_outbox_oldest_event_age_seconds');
      assert.ok(outbox.length >= 4, 'every backend instance reports its outbox');
      assert.ok((await total('serapan_outbox_published_events_total{topic="order.order.v1"}')) >= 2);
    });
  });
});
