import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Producer } from 'kafkajs';
import pg from 'pg';
import { CloudEvent, cloudEvent, deadLetterTopic, decodeEvent, EventType, EventTypes, OrderEventData, ProductSnapshot, Topics } from '#serapan/contracts';
import type { ProductDto, ProductPageDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { VendorDto } from '../../apps/catalog/src/vendors/dto/vendor.dto.js';
import { aProduct, anOrder, ProductInput } from '../fixtures/catalog-builders.js';
import {
  Api,
  ErrorBody,
  eventually,
  operationsWithoutAnswerSchema,
  schemaAt,
  testEnv,
  testKafka,
  tokenFor,
  TopicRecorder,
  uniqueId,
} from '../support/index.js';

describe('catalog service on the real broker and database', () => {
  const catalog = new Api(testEnv.serviceUrl('catalog'));
  const officer = catalog.as(tokenFor({ username: 'ppk.kemenkes', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true }));
  let productEvents: TopicRecorder;
  let orderDeadLetters: TopicRecorder;
  let producer: Producer;
  let db: pg.Client;

  before(async () => {
    productEvents = await new TopicRecorder(Topics.product).start();
    orderDeadLetters = await new TopicRecorder(deadLetterTopic(Topics.order)).start();
    producer = testKafka().producer();
    await producer.connect();
    db = new pg.Client({ connectionString: testEnv.serviceDatabaseUrl('catalog') });
    await db.connect();
  });

  after(async () => {
    await Promise.all([productEvents.stop(), orderDeadLetters.stop(), producer.disconnect(), db.end()]);
  });

  const aVendor = () => {
    const id = randomUUID();
    const username = `vendor-${uniqueId()}`;
    return { id, username, api: catalog.as(tokenFor({ username, role: 'vendor', vendorId: id })) };
  };

  async function listed(vendor: Api, input: ProductInput): Promise<ProductDto> {
    const response = await vendor.post<ProductDto>('/api/catalog/products', input);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  const eventOf = (productId: string, type: EventType, version: number) =>
    eventually(
      `${type} v${version} of ${productId}`,
      () =>
        productEvents
          .events<ProductSnapshot>()
          .find(({ event, message }) => message.key?.toString() === productId && event.type === type && event.data.version === version)?.event,
    );

  const orderEvent = (type: EventType, data: OrderEventData): CloudEvent<OrderEventData> => cloudEvent('/serapan/order', type, data.orderId, data);

  /** Publishes order events on one partition, so they are consumed in the order given. */
  async function publish(...envelopes: CloudEvent<OrderEventData>[]): Promise<void> {
    for (const envelope of envelopes) {
      await producer.send({ topic: Topics.order, acks: -1, messages: [{ key: envelope.subject, value: JSON.stringify(envelope), partition: 0 }] });
    }
  }

  const applied = (eventId: string) =>
    eventually(`event ${eventId} applied`, async () => (await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])).rowCount === 1, 30_000);

  const stockOf = async (productId: string): Promise<number> => (await officer.get<ProductDto>(`/api/catalog/products/${productId}`)).body.stock;

  test('listing a product publishes product.listed with its full snapshot, readable by another consumer', async () => {
    const vendor = aVendor();
    const product = await listed(vendor.api, aProduct().certified(30, 15).priced('1500000').build());
    assert.equal(product.vendorId, vendor.id);
    assert.equal(product.pdnTier, 'top');
    assert.equal(product.status, 'active');
    assert.equal(product.vendorUmk, false);

    const event = await eventOf(product.id, EventTypes.productListed, 1);
    assert.equal(event.source, '/serapan/catalog');
    assert.equal(event.subject, product.id);
    assert.deepEqual(
      { ...event.data },
      {
        productId: product.id,
        vendorId: vendor.id,
        // no profile yet: a placeholder, never the username
        vendorName: `Penyedia ${vendor.id.slice(0, 8)}`,
        vendorUmk: false,
        sku: product.sku,
        name: product.name,
        categoryCode: product.categoryCode,
        unit: 'rim',
        priceIdr: '1500000',
        stock: 100,
        origin: 'domestic',
        pdnTier: 'top',
        tkdnCertificateExpiresOn: '2030-12-31',
        status: 'active',
        version: 1,
      },
    );
  });

  test('a vendor profile is made on first use, and a new UMK flag republishes the vendor’s products', async () => {
    const vendor = aVendor();
    const first = await vendor.api.get<VendorDto>('/api/catalog/vendors/me');
    assert.equal(first.status, 200);
    assert.deepEqual(
      { id: first.body.id, name: first.body.name, umk: first.body.umk, npwp: first.body.npwp },
      { id: vendor.id, name: `Penyedia ${vendor.id.slice(0, 8)}`, umk: false, npwp: null },
    );
    const product = await listed(vendor.api, aProduct().build());

    const profile = { name: 'CV Sumber Makmur', npwp: '0123456789012345', nib: '9120001234567', umk: true, region: 'Jawa Barat' };
    const updated = await vendor.api.put<VendorDto>('/api/catalog/vendors/me', profile);
    assert.equal(updated.status, 200);
    assert.deepEqual({ ...updated.body, id: undefined, updatedAt: undefined }, { ...profile, id: undefined, updatedAt: undefined });

    const event = await eventOf(product.id, EventTypes.productUpdated, 2);
    assert.equal(event.data.vendorUmk, true);
    assert.equal(event.data.vendorName, 'CV Sumber Makmur');
    assert.equal((await officer.get<ProductDto>(`/api/catalog/products/${product.id}`)).body.vendorUmk, true);

    const badNpwp = await vendor.api.put<ErrorBody<string[]>>('/api/catalog/vendors/me', { ...profile, npwp: '12-34' });
    assert.equal(badNpwp.status, 400);
    assert.match(String(badNpwp.body.message), /npwp/);
    assert.equal((await officer.get('/api/catalog/vendors/me')).status, 403, 'an officer has no vendor profile');
  });

  test('only the owning vendor changes a product; officers may only read', async () => {
    const owner = aVendor();
    const product = await listed(owner.api, aProduct().build());
    const stranger = aVendor();

    for (const response of [
      await stranger.api.patch(`/api/catalog/products/${product.id}`, { priceIdr: '1' }),
      await stranger.api.delete(`/api/catalog/products/${product.id}`),
      await stranger.api.post(`/api/catalog/products/${product.id}/relist`),
      await officer.patch(`/api/catalog/products/${product.id}`, { priceIdr: '1' }),
      await officer.post('/api/catalog/products', aProduct().build()),
    ]) {
      assert.equal(response.status, 403, JSON.stringify(response.body));
    }
    const read = await officer.get<ProductDto>(`/api/catalog/products/${product.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.priceIdr, '52000', 'nothing changed');
    assert.equal((await catalog.get(`/api/catalog/products/${product.id}`)).status, 401, 'reading needs a token');
    assert.equal((await officer.get(`/api/catalog/products/${randomUUID()}`)).status, 404);
  });

  test('invalid products are refused with the offending field named', async () => {
    const vendor = aVendor();
    const { name: _name, ...nameless } = aProduct().build();
    const cases: [unknown, RegExp][] = [
      [aProduct().priced('12.5').build(), /priceIdr/],
      [aProduct().priced('0').build(), /priceIdr/],
      [{ ...aProduct().build(), priceIdr: 52000 }, /priceIdr/],
      [aProduct().with({ tkdnPercent: 101 }).build(), /tkdnPercent/],
      [aProduct().with({ bmpPercent: 16 }).build(), /bmpPercent/],
      [aProduct().with({ tkdnPercent: 30.123 }).build(), /tkdnPercent/],
      [nameless, /name/],
      [aProduct().stocked(-1).build(), /stock/],
      [
        aProduct()
          .with({ catalogType: 'global' as never })
          .build(),
        /catalogType/,
      ],
      [aProduct().with({ tkdnCertificateNo: 'TKDN-9' }).build(), /tkdnCertificateExpiresOn/],
      [{ ...aProduct().build(), colour: 'red' }, /colour should not exist/],
    ];
    for (const [input, field] of cases) {
      const response = await vendor.api.post<ErrorBody<string | string[]>>('/api/catalog/products', input);
      assert.equal(response.status, 400, `${field}: ${JSON.stringify(response.body)}`);
      assert.match(String(response.body.message), field);
    }
    const product = await listed(vendor.api, aProduct().build());
    const nulled = await vendor.api.patch<ErrorBody<string[]>>(`/api/catalog/products/${product.id}`, { name: null });
    assert.equal(nulled.status, 400);
    assert.match(String(nulled.body.message), /name/);
  });

  test('a vendor’s duplicate SKU is a conflict, while another vendor may use the same SKU', async () => {
    const vendor = aVendor();
    const sku = `DUP-${uniqueId()}`;
    await listed(vendor.api, aProduct().sku(sku).build());
    const again = await vendor.api.post<ErrorBody>('/api/catalog/products', aProduct().sku(sku).build());
    assert.equal(again.status, 409);
    assert.match(again.body.message, /sku/);
    const other = await listed(vendor.api, aProduct().build());
    assert.equal((await vendor.api.patch(`/api/catalog/products/${other.id}`, { sku })).status, 409, 'renaming onto a taken SKU too');
    await listed(aVendor().api, aProduct().sku(sku).build());
  });

  test('search filters by text, category, domestic, UMK, price and vendor, sorts and pages', async () => {
    const marker = `zq${uniqueId()}`;
    const small = aVendor();
    await small.api.put('/api/catalog/vendors/me', { name: 'UD Kecil', umk: true });
    const large = aVendor();
    const kertas = await listed(small.api, aProduct().named(`Kertas HVS ${marker}`).priced('52000').certified(35, 15).build());
    const kursi = await listed(small.api, aProduct().named(`Kursi kantor ${marker}`).inCategory('38112').priced('1250000').domestic().build());
    const laptop = await listed(large.api, aProduct().named(`Laptop ${marker}`).inCategory('45220').priced('15000000').certified(10).build());
    const map = await listed(large.api, aProduct().named(`Map plastik ${marker}`).priced('3500').with({ description: 'map snelhecter biru' }).build());
    const withdrawn = await listed(large.api, aProduct().named(`Spidol ${marker}`).build());
    await large.api.delete(`/api/catalog/products/${withdrawn.id}`);

    const ids = async (query: Record<string, string>): Promise<string[]> => {
      const response = await officer.get<ProductPageDto>(`/api/catalog/products?${new URLSearchParams({ q: marker, ...query }).toString()}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items.map((item) => item.id);
    };
    assert.deepEqual(await ids({ sort: 'price_asc' }), [map.id, kertas.id, kursi.id, laptop.id]);
    assert.deepEqual(await ids({ sort: 'price_desc' }), [laptop.id, kursi.id, kertas.id, map.id]);
    assert.deepEqual(await ids({ sort: 'tkdn_desc', pageSize: '2' }), [kertas.id, kursi.id]);
    assert.deepEqual(await ids({ sort: 'name' }), [kertas.id, kursi.id, laptop.id, map.id]);
    assert.deepEqual(await ids({ sort: 'newest' }), [map.id, laptop.id, kursi.id, kertas.id]);
    assert.deepEqual(await ids({ domestic: 'true', sort: 'price_asc' }), [kertas.id, kursi.id, laptop.id], 'a domestic product at 10 % TKDN is PDN too');
    assert.deepEqual(await ids({ domestic: 'false', sort: 'price_asc' }), [map.id]);
    assert.deepEqual(await ids({ umk: 'true', sort: 'price_asc' }), [kertas.id, kursi.id]);
    assert.deepEqual(await ids({ vendorId: large.id, sort: 'price_asc' }), [map.id, laptop.id]);
    assert.deepEqual(await ids({ category: '38112' }), [kursi.id]);
    assert.deepEqual(await ids({ minPrice: '52000', maxPrice: '1250000', sort: 'price_asc' }), [kertas.id, kursi.id]);
    assert.deepEqual(await ids({ q: `SNELHECTER ${marker}` }), [map.id], 'every word must match, in any case, description included');
    assert.deepEqual(await ids({ q: `${marker} ${kursi.sku}` }), [kursi.id], 'SKU included');
    assert.deepEqual(await ids({ status: 'delisted' }), [withdrawn.id]);

    const page = async (number: number, pageSize: number) => {
      const { body } = await officer.get<ProductPageDto>(`/api/catalog/products?q=${marker}&sort=price_asc&page=${number}&pageSize=${pageSize}`);
      return { page: body.page, pageSize: body.pageSize, total: body.total, ids: body.items.map((item) => item.id) };
    };
    assert.deepEqual(await page(1, 3), { page: 1, pageSize: 3, total: 4, ids: [map.id, kertas.id, kursi.id] });
    assert.deepEqual(await page(2, 3), { page: 2, pageSize: 3, total: 4, ids: [laptop.id] });
    assert.deepEqual(await page(2, 2), { page: 2, pageSize: 2, total: 4, ids: [kursi.id, laptop.id] });
    assert.deepEqual(await page(5, 2), { page: 5, pageSize: 2, total: 4, ids: [] });
    assert.equal((await officer.get<ProductPageDto>(`/api/catalog/products?q=${marker}&pageSize=500`)).body.pageSize, 100, 'page size is capped');
    assert.equal((await officer.get<ProductPageDto>(`/api/catalog/products?q=${marker}%25`)).body.total, 0, 'LIKE wildcards are matched literally');

    for (const [query, field] of [
      ['sort=cheapest', /sort/],
      ['minPrice=1.5', /minPrice/],
      ['domestic=yes', /domestic/],
      ['page=0', /page/],
      ['colour=red', /colour/],
    ] as const) {
      const response = await officer.get<ErrorBody<string | string[]>>(`/api/catalog/products?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(String(response.body.message), field);
    }
  });

  test('an order acceptance delivered twice, or published again, takes stock once and publishes the new stock', async () => {
    const vendor = aVendor();
    const paper = await listed(vendor.api, aProduct().stocked(10).build());
    const pens = await listed(vendor.api, aProduct().stocked(5).build());
    const acceptance = orderEvent(
      EventTypes.orderAccepted,
      anOrder(vendor.id, [
        { productId: paper.id, quantity: 3 },
        { productId: pens.id, quantity: 1 },
        { productId: paper.id, quantity: 1 },
      ]),
    );
    const republished = orderEvent(EventTypes.orderAccepted, acceptance.data);
    const next = orderEvent(EventTypes.orderAccepted, anOrder(vendor.id, [{ productId: paper.id, quantity: 2 }]));
    await publish(acceptance, acceptance, republished, next);
    await applied(next.id);

    assert.equal(await stockOf(paper.id), 4, '10 − (3 + 1) − 2: neither the redelivery nor the same acceptance under a new id took more');
    assert.equal(await stockOf(pens.id), 4);
    // two takes make versions 2 and 3; a batch holding both publishes only the final snapshot
    assert.equal((await eventOf(paper.id, EventTypes.productUpdated, 3)).data.stock, 4);
    const stocks = productEvents.messages
      .filter((m) => m.key?.toString() === paper.id)
      .map((m) => decodeEvent<ProductSnapshot>(m.value, Topics.product).data.stock);
    assert.ok(
      stocks.every((stock) => stock >= 4),
      `no snapshot shows stock taken twice: ${stocks.join(', ')}`,
    );
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [acceptance.id]);
    assert.equal(rows[0].n, 1);
  });

  test('a cancelled order puts back exactly the stock it took, once; an order that took none changes nothing', async () => {
    const vendor = aVendor();
    const chairs = await listed(vendor.api, aProduct().stocked(2).build());
    const order = anOrder(vendor.id, [{ productId: chairs.id, quantity: 3 }]);
    const acceptance = orderEvent(EventTypes.orderAccepted, order);
    await publish(acceptance);
    await applied(acceptance.id);
    assert.equal(await stockOf(chairs.id), 0, 'a shortfall empties the stock instead of going negative');

    const cancellation = orderEvent(EventTypes.orderCancelled, order);
    const repeatedUnderNewId = orderEvent(EventTypes.orderCancelled, { ...order, reason: 'published again' });
    const neverTook = anOrder(vendor.id, [{ productId: chairs.id, quantity: 7 }], { stockTaken: false });
    const declined = orderEvent(EventTypes.orderDeclined, neverTook);
    const next = orderEvent(EventTypes.orderAccepted, anOrder(vendor.id, [{ productId: chairs.id, quantity: 1 }]));
    await publish(cancellation, repeatedUnderNewId, declined);
    for (const event of [cancellation, repeatedUnderNewId, declined]) await applied(event.id);
    // Kafka orders events per key only: the next order's acceptance waits until the restores are in
    await publish(next);
    await applied(next.id);
    assert.equal(await stockOf(chairs.id), 1, '0 + 2 restored once − 1 taken; the decline restored nothing');
    assert.equal((await eventOf(chairs.id, EventTypes.productUpdated, 3)).data.stock, 2);
    assert.equal(
      (await db.query(`SELECT 1 FROM stock_takes WHERE order_id = $1`, [neverTook.orderId])).rowCount,
      0,
      'an order that took no stock restores none',
    );
  });

  test('an order naming a product the catalog never listed is dead-lettered with the reason', async () => {
    const vendor = aVendor();
    const order = anOrder(vendor.id, [{ productId: randomUUID(), quantity: 1 }]);
    await publish(orderEvent(EventTypes.orderAccepted, order));
    const reason = await eventually(
      'the dead letter',
      () => {
        const letter = orderDeadLetters.messages.find((m) => m.key?.toString() === order.orderId);
        return letter?.headers?.['dlq-reason']?.toString();
      },
      30_000,
    );
    assert.match(reason, /never listed/);
  });

  test('a delisted product leaves search and comes back when relisted, each change published', async () => {
    const vendor = aVendor();
    const marker = `dl${uniqueId()}`;
    const product = await listed(vendor.api, aProduct().named(`Printer ${marker}`).build());
    const search = async () => (await officer.get<ProductPageDto>(`/api/catalog/products?q=${marker}`)).body.total;

    const delisted = await vendor.api.delete<ProductDto>(`/api/catalog/products/${product.id}`);
    assert.equal(delisted.status, 200);
    assert.equal(delisted.body.status, 'delisted');
    assert.equal(await search(), 0);
    assert.equal((await eventOf(product.id, EventTypes.productDelisted, 2)).data.status, 'delisted');
    assert.equal((await vendor.api.delete(`/api/catalog/products/${product.id}`)).status, 409);

    const relisted = await vendor.api.post<ProductDto>(`/api/catalog/products/${product.id}/relist`);
    assert.equal(relisted.status, 200);
    assert.equal(relisted.body.status, 'active');
    assert.equal(await search(), 1);
    assert.equal((await eventOf(product.id, EventTypes.productUpdated, 3)).data.status, 'active');
    assert.equal((await vendor.api.post(`/api/catalog/products/${product.id}/relist`)).status, 409);
  });

  test('a revision publishes product.updated with the new tier; an unchanged revision publishes nothing', async () => {
    const vendor = aVendor();
    const product = await listed(vendor.api, aProduct().certified(30, 15).build());
    const same = await vendor.api.patch<ProductDto>(`/api/catalog/products/${product.id}`, { tkdnPercent: 30 });
    assert.equal(same.body.version, 1);
    const revised = await vendor.api.patch<ProductDto>(`/api/catalog/products/${product.id}`, {
      bmpPercent: 5,
      priceIdr: '49000',
      description: 'isi 500 lembar',
    });
    assert.equal(revised.status, 200);
    assert.deepEqual([revised.body.pdnTier, revised.body.priceIdr, revised.body.version], ['pdn', '49000', 2]);
    const event = await eventOf(product.id, EventTypes.productUpdated, 2);
    assert.deepEqual([event.data.pdnTier, event.data.priceIdr], ['pdn', '49000']);
  });

  test('a listing must declare its origin; an import is the import tier whatever its TKDN, and the origin can be revised', async () => {
    const vendor = aVendor();
    const { origin: _, ...withoutOrigin } = aProduct().certified(60, 15).build();
    const refused = await vendor.api.post<ErrorBody>('/api/catalog/products', withoutOrigin);
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body.message), /origin/);
    const wrong = await vendor.api.post<ErrorBody>('/api/catalog/products', { ...withoutOrigin, origin: 'abroad' });
    assert.equal(wrong.status, 400);

    const imported = await listed(vendor.api, aProduct().certified(60, 15).imported().build());
    assert.deepEqual([imported.origin, imported.pdnTier], ['import', 'import']);
    const declared = await vendor.api.patch<ProductDto>(`/api/catalog/products/${imported.id}`, { origin: 'domestic' });
    assert.deepEqual([declared.body.origin, declared.body.pdnTier, declared.body.version], ['domestic', 'top', 2]);
    assert.deepEqual(
      [(await eventOf(imported.id, EventTypes.productUpdated, 2)).data.origin, (await eventOf(imported.id, EventTypes.productUpdated, 2)).data.pdnTier],
      ['domestic', 'top'],
    );

    const low = await listed(vendor.api, aProduct().certified(20).build());
    assert.equal(low.pdnTier, 'low', 'certified below 25 %: still domestic');
    const uncertified = await listed(vendor.api, aProduct().uncertified().build());
    assert.equal(uncertified.pdnTier, 'uncertified');
  });

  test('a product whose certificate has expired reads as uncertified at once, before the expiry job stores it', async () => {
    const vendor = aVendor();
    const marker = `ex${uniqueId()}`;
    const product = await listed(vendor.api, aProduct().named(`Meja ${marker}`).certified(30, 15).build());
    // the certificate's last day passes without anyone touching the product
    await db.query(`UPDATE products SET tkdn_certificate_expires_on = '2020-01-31' WHERE id = $1`, [product.id]);
    const detail = await officer.get<ProductDto>(`/api/catalog/products/${product.id}`);
    assert.deepEqual([detail.body.pdnTier, detail.body.origin, detail.body.version], ['uncertified', 'domestic', 1]);
    const found = await officer.get<ProductPageDto>(`/api/catalog/products?q=${marker}`);
    assert.deepEqual(
      found.body.items.map((item) => item.pdnTier),
      ['uncertified'],
    );
  });

  test('the OpenAPI document describes the public catalog paths and product shapes', async () => {
    const { status, body } = await catalog.get<OpenAPIObject>('/docs-json');
    assert.equal(status, 200);
    for (const path of ['/api/catalog/products', '/api/catalog/products/{id}', '/api/catalog/products/{id}/relist', '/api/catalog/vendors/me']) {
      assert.ok(body.paths[path], `${path} is documented`);
    }
    assert.equal(schemaAt(body, 'CreateProductDto', 'priceIdr').type, 'string');
    assert.deepEqual(schemaAt(body, 'ProductDto', 'pdnTier').enum, ['top', 'pdn', 'low', 'uncertified', 'import']);
    assert.ok(schemaAt(body, 'CreateProductDto').required?.includes('origin'));
    assert.ok(schemaAt(body, 'CreateProductDto').required?.includes('name') && !schemaAt(body, 'UpdateProductDto').required?.includes('name'));
    assert.deepEqual(operationsWithoutAnswerSchema(body), [], 'every operation documents what it answers');
  });
});
