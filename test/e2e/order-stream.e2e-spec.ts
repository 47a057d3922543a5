import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cloudEvent, EventSources, EventTypes, Topics } from '#serapan/contracts';
import { jakartaDate, weekEndingOf, weekEndingsOf } from '#serapan/service';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import type { OrderChangeDto } from '../../apps/order/src/orders/live/dto/order-change.dto.js';
import type { VendorSalesDto } from '../../apps/order/src/orders/sales/dto/vendor-sales.dto.js';
import {
  aPlacedOrder,
  aProduct,
  Api,
  ErrorBody,
  eventually,
  Json,
  publishProducts,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  testKafka,
  testTokens,
  tokenFor,
  uniqueSatker,
} from '../support/index.js';

const ACCOUNT = '521211';
type Order = Json<OrderViewDto>;
type Principal = Parameters<typeof tokenFor>[0];

/** One open `/api/orders/stream` through the gateway, read as it comes. */
class OrderStream {
  private text = '';
  private constructor(
    private readonly reader: ReadableStreamDefaultReader<string>,
    private readonly abort: AbortController,
  ) {}

  /** Opens the stream with a stream ticket in its URL, as the web app does. */
  static async open(principal: Principal): Promise<OrderStream> {
    const ticket = testTokens().mint(principal, { use: 'stream' });
    const abort = new AbortController();
    const response = await fetch(`${testEnv.serviceUrl('gateway')}/api/orders/stream?access_token=${encodeURIComponent(ticket)}`, { signal: abort.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    return new OrderStream(response.body!.pipeThrough(new TextDecoderStream()).getReader(), abort);
  }

  /** The `order` events read so far. */
  changes(): OrderChangeDto[] {
    return this.text
      .split('\n\n')
      .filter((block) => /^event: order$/m.test(block))
      .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]) as OrderChangeDto);
  }

  /** Reads until a change of `orderId` reported by `eventType` has come, and returns it. */
  async next(orderId: string, eventType: string): Promise<OrderChangeDto> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const change = this.changes().find((c) => c.orderId === orderId && c.eventType === eventType);
      if (change) return change;
      assert.ok(Date.now() < deadline, `no ${eventType} of order ${orderId} within 15 s; read: ${this.text.slice(-500)}`);
      const { value, done } = await Promise.race([
        this.reader.read(),
        new Promise<{ value?: string; done: boolean }>((resolve) => setTimeout(() => resolve({ done: false }), 1000)),
      ]);
      assert.ok(!done, 'the stream ended');
      this.text += value ?? '';
    }
  }

  close(): void {
    this.abort.abort();
  }
}

describe('live order streams and vendor sales, through the gateway', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const fiscalYear = Number(jakartaDate(new Date()).slice(0, 4));
  const streams: OrderStream[] = [];

  async function aVendor() {
    const vendorId = randomUUID();
    const product = aProduct().priced('1000000').domestic('pdn').from(vendorId).build();
    await publishProducts([product]);
    await eventually('the order service knows the product', async () => (await orderDb.knownProducts([product.productId])) === 1);
    const principal: Principal = { username: `vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId };
    return { vendorId, productId: product.productId, principal, token: tokenFor(principal) };
  }
  type Vendor = Awaited<ReturnType<typeof aVendor>>;

  async function aSatker() {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    const allocated = await gateway.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${fiscalYear}/${satkerCode}/${ACCOUNT}`, { paguIdr: '100000000' });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, users, officer: tokenFor(users.officer), finance: tokenFor(users.finance) };
  }
  type Satker = Awaited<ReturnType<typeof aSatker>>;

  const act = async (token: string, id: string, action: string, body?: object) => {
    const response = await gateway.as(token).post<Order>(`/api/orders/${id}/${action}`, body);
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** An order of `quantity` units placed by the satker's PPK, once the budget confirmed it. */
  async function anOrderAwaiting(satker: Satker, vendor: Vendor, quantity = 1): Promise<Order> {
    const placed = await gateway
      .as(satker.officer)
      .post<Order>(
        '/api/orders',
        { fiscalYear, accountCode: ACCOUNT, lines: [{ productId: vendor.productId, quantity }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    return eventually(`order ${placed.body.id} awaits the vendor`, async () => {
      const { body } = await gateway.as(satker.officer).get<Order>(`/api/orders/${placed.body.id}`);
      return body.status === 'AWAITING_VENDOR' ? body : undefined;
    });
  }

  const streamOf = async (principal: Principal) => {
    const stream = await OrderStream.open(principal);
    streams.push(stream);
    return stream;
  };

  let vendorA: Vendor;
  let vendorB: Vendor;

  before(async () => {
    [vendorA, vendorB] = [await aVendor(), await aVendor()];
  });

  after(async () => {
    for (const stream of streams) stream.close();
    await orderDb.close();
  });

  test('a vendor’s stream carries its orders’ changes as they happen, and not another vendor’s', async () => {
    const satker = await aSatker();
    const [streamA, streamB] = [await streamOf(vendorA.principal), await streamOf(vendorB.principal)];
    const ours = await anOrderAwaiting(satker, vendorA);
    const theirs = await anOrderAwaiting(satker, vendorB);

    const confirmed = await streamA.next(ours.id, EventTypes.orderConfirmed);
    assert.deepEqual(Object.keys(confirmed).sort(), ['at', 'eventType', 'orderId', 'purchaseOrderNumber', 'status'], 'nothing of the buyer’s budget');
    assert.equal(confirmed.purchaseOrderNumber, ours.purchaseOrderNumber);
    await act(vendorA.token, ours.id, 'accept');
    assert.equal((await streamA.next(ours.id, EventTypes.orderAccepted)).status, 'IN_PROCESS');
    await act(vendorA.token, ours.id, 'ship');
    const shipped = await streamA.next(ours.id, EventTypes.orderShipped);
    assert.equal(shipped.status, 'SHIPPED');
    assert.ok(Date.parse(shipped.at) <= Date.now());

    await act(vendorB.token, theirs.id, 'decline', { reason: 'stok habis' });
    assert.equal((await streamB.next(theirs.id, EventTypes.orderDeclined)).status, 'CANCELLED');
    await act(satker.officer, ours.id, 'receive', { bastNumber: `BAST-${randomUUID().slice(0, 8)}`, receivedOn: jakartaDate(new Date()) });
    await streamA.next(ours.id, EventTypes.orderReceived);
    assert.deepEqual(
      streamA
        .changes()
        .filter((c) => c.orderId === ours.id && c.eventType !== EventTypes.orderPlaced)
        .map((c) => c.eventType),
      [EventTypes.orderConfirmed, EventTypes.orderAccepted, EventTypes.orderShipped, EventTypes.orderReceived],
      'each change once, in order',
    );
    // B's changes were relayed before A's last one, so A's stream had its chance to show them
    assert.deepEqual(
      streamA.changes().filter((c) => c.orderId === theirs.id),
      [],
    );
    assert.deepEqual(
      streamB.changes().filter((c) => c.orderId === ours.id),
      [],
    );
  });

  test('an officer’s stream is scoped to its satker', async () => {
    const [mine, other] = [await aSatker(), await aSatker()];
    const [myStream, otherStream] = [await streamOf(mine.users.officer), await streamOf(other.users.officer)];
    const otherOrder = await anOrderAwaiting(other, vendorA);
    await otherStream.next(otherOrder.id, EventTypes.orderConfirmed);
    const myOrder = await anOrderAwaiting(mine, vendorA);
    await act(mine.officer, myOrder.id, 'cancel', { reason: 'tidak jadi' });
    assert.equal((await myStream.next(myOrder.id, EventTypes.orderCancelled)).status, 'CANCELLED');
    assert.deepEqual(
      myStream.changes().filter((c) => c.orderId === otherOrder.id),
      [],
    );
  });

  test('an order event whose source is forged reaches no stream', async () => {
    const satker = await aSatker();
    const stream = await streamOf(vendorA.principal);
    const order = await anOrderAwaiting(satker, vendorA);
    await stream.next(order.id, EventTypes.orderConfirmed);
    // a valid order.accepted of the vendor's real order, written with the admin's credentials, claiming the budget sent it
    const data = { ...aPlacedOrder(satker.satkerCode, fiscalYear, ACCOUNT), orderId: order.id, vendorId: vendorA.vendorId };
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: Topics.order,
      acks: -1,
      messages: [{ key: order.id, value: JSON.stringify(cloudEvent(EventSources.budget, EventTypes.orderAccepted, order.id, data)) }],
    });
    await producer.disconnect();
    // the real acceptance comes after the forged one on the order's partition
    await act(vendorA.token, order.id, 'accept');
    await stream.next(order.id, EventTypes.orderAccepted);
    assert.equal(stream.changes().filter((c) => c.orderId === order.id && c.eventType === EventTypes.orderAccepted).length, 1);
  });

  test('the stream opens with a stream ticket in its URL; an access token there, or no token, gets 401', async () => {
    const statusOf = async (query: string) => {
      const abort = new AbortController();
      const response = await fetch(`${testEnv.serviceUrl('gateway')}/api/orders/stream${query}`, { signal: abort.signal });
      abort.abort();
      return response.status;
    };
    assert.equal(await statusOf(`?access_token=${testTokens().mint(vendorA.principal, { use: 'stream' })}`), 200);
    assert.equal(await statusOf(`?access_token=${vendorA.token}`), 401);
    assert.equal(await statusOf(''), 401);
    const { users } = await aSatker();
    assert.equal((await gateway.as(tokenFor(users.finance)).get<ErrorBody>('/api/orders/vendor-sales/weekly')).status, 403, 'finance sees no vendor’s sales');
  });

  test('a vendor’s weekly sales count what it accepted and what it was paid, in the week it happened', async () => {
    const vendor = await aVendor();
    const satker = await aSatker();
    const [paid, accepted, declined] = [
      await anOrderAwaiting(satker, vendor, 2),
      await anOrderAwaiting(satker, vendor, 3),
      await anOrderAwaiting(satker, vendor, 4),
    ];
    for (const order of [paid, accepted]) await act(vendor.token, order.id, 'accept');
    await act(vendor.token, declined.id, 'decline', { reason: 'stok habis' });
    await act(vendor.token, paid.id, 'ship');
    const today = jakartaDate(new Date());
    await act(satker.officer, paid.id, 'receive', { bastNumber: `BAST-${randomUUID().slice(0, 8)}`, receivedOn: today });
    await act(satker.finance, paid.id, 'pay', { sp2dNumber: `SP2D-${randomUUID().slice(0, 8)}`, paidOn: today });

    const { status, body } = await gateway.as(vendor.token).get<VendorSalesDto>(`/api/orders/vendor-sales/weekly?fiscalYear=${fiscalYear}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.fiscalYear, fiscalYear);
    assert.equal(body.vendorId, vendor.vendorId);
    assert.deepEqual(
      body.weeks.map((w) => w.weekEnding),
      weekEndingsOf(fiscalYear, new Date()),
    );
    const thisWeek = weekEndingOf(today);
    assert.deepEqual(
      body.weeks.find((w) => w.weekEnding === thisWeek),
      { weekEnding: thisWeek, orders: 2, contractedIdr: '5000000', paidIdr: '2000000' },
    );
    assert.deepEqual(
      body.weeks.filter((w) => w.weekEnding !== thisWeek && (w.orders !== 0 || w.contractedIdr !== '0' || w.paidIdr !== '0')),
      [],
    );

    const asAuditor = await gateway
      .as(tokenFor({ username: 'auditor', role: 'auditor' }))
      .get<VendorSalesDto>(`/api/orders/vendor-sales/weekly?fiscalYear=${fiscalYear}&vendorId=${vendor.vendorId}`);
    assert.deepEqual(asAuditor.body, body);
    const otherVendor = await gateway.as(vendorA.token).get<ErrorBody>(`/api/orders/vendor-sales/weekly?vendorId=${vendor.vendorId}`);
    assert.equal(otherVendor.status, 403);
    const noVendor = await gateway.as(tokenFor({ username: 'auditor', role: 'auditor' })).get<ErrorBody>('/api/orders/vendor-sales/weekly');
    assert.equal(noVendor.status, 400);
    assert.match(JSON.stringify(noVendor.body.message), /vendorId/);
    const badYear = await gateway.as(vendor.token).get<ErrorBody>('/api/orders/vendor-sales/weekly?fiscalYear=tahun');
    assert.equal(badYear.status, 400);
    assert.match(JSON.stringify(badYear.body.message), /fiscalYear/);
  });
});
