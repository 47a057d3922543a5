import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import type { KafkaMessage } from 'kafkajs';
import { EventTypes, Topics } from '#serapan/contracts';
import {
  aProduct,
  Api,
  eventually,
  Json,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  TopicRecorder,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const FISCAL_YEAR = 2026;
const ACCOUNT = '521211';

interface LogLine {
  level: string;
  service: string;
  message: string;
  trace_id?: string;
  span_id?: string;
  orderId?: string;
  outcome?: string;
}

/** The JSON lines of every log file of `service` (its replicas too) that belong to `traceId`. */
async function linesOfTrace(service: string, traceId: string): Promise<LogLine[]> {
  const files = (await readdir(testEnv.logDir)).filter((file) => file === `${service}.log` || file.startsWith(`${service}-`));
  const texts = await Promise.all(files.map((file) => readFile(join(testEnv.logDir, file), 'utf8')));
  return texts
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes(traceId))
    .map((line) => JSON.parse(line) as LogLine);
}

const traceIdOf = (traceparent: string | undefined) => /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(traceparent ?? '')?.[1];

describe('one order is one trace, from the POST to the budget decision', { timeout: 180_000 }, () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const orderDb = new ServiceDatabase('order');
  const orderTopic = new TopicRecorder(Topics.order);
  const reservationTopic = new TopicRecorder(Topics.reservation);

  before(async () => Promise.all([orderTopic.start(), reservationTopic.start()]));
  after(async () => Promise.all([orderTopic.stop(), reservationTopic.stop(), orderDb.close()]));

  test("the trace id a client sends reaches the placement, the order.placed message, the budget's decision and the confirmation", async () => {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const officer = tokenFor(users.officer);
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr: '50000000' });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    const product = aProduct().priced('1250000').build();
    await publishProducts([product]);
    await eventually('the order service knows the product', async () => (await orderDb.knownProducts([product.productId])) === 1);

    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const placed = await gateway
      .as(officer)
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 4 }] },
        { 'Idempotency-Key': randomUUID(), traceparent: `00-${traceId}-${clientSpan}-01` },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const answered = placed.headers.get('traceparent') ?? undefined;
    assert.equal(traceIdOf(answered), traceId, `the response's traceparent ${answered} continues the client's trace`);
    assert.notEqual(answered!.slice(36, 52), clientSpan, "the gateway's span is a child of the client's, not the client's own");
    const orderId = placed.body.id;

    const placedLine = await eventually('the placement log line', async () =>
      (await linesOfTrace('order', traceId)).find((l) => l.message === 'order placed' && l.orderId === orderId),
    );
    assert.equal(placedLine.service, 'order');
    assert.equal(placedLine.level, 'info');

    const decision = await eventually('the budget decision log line', async () =>
      (await linesOfTrace('budget', traceId)).find((l) => l.orderId === orderId && l.outcome !== undefined),
    );
    assert.equal(decision.outcome, 'reserved');
    assert.equal(decision.service, 'budget');
    assert.match(decision.message, /budget reserved/);

    const confirmed = await eventually('the confirmation log line', async () =>
      (await linesOfTrace('order', traceId)).find((l) => l.message === 'order confirmed' && l.orderId === orderId),
    );
    // every hop is a span of its own: the placement's request, the budget's processing, the order's processing
    assert.equal(new Set([placedLine.span_id, decision.span_id, confirmed.span_id]).size, 3);

    const header = (message: KafkaMessage) => message.headers?.ce_traceparent?.toString() ?? '';
    const placedMessage = await eventually('the order.placed message', () =>
      orderTopic.events().find(({ event }) => event.type === EventTypes.orderPlaced && event.subject === orderId),
    );
    assert.equal(traceIdOf(header(placedMessage.message)), traceId, 'order.placed carries the trace in ce_traceparent');
    const reservedMessage = await eventually('the budget.reserved message', () =>
      reservationTopic.events().find(({ event }) => event.type === EventTypes.budgetReserved && event.subject === orderId),
    );
    assert.equal(traceIdOf(header(reservedMessage.message)), traceId, 'the answer continues the trace of the order.placed it answers');
    assert.notEqual(header(reservedMessage.message), header(placedMessage.message));
    assert.equal(header(reservedMessage.message).slice(36, 52), decision.span_id, "the answer's parent is the span that decided it");
  });
});
