import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEntryDto, AuditPageDto } from '#serapan/service';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { Api, eventually, Json, testEnv, testTokens, uniqueId, uniqueSatker } from '../support/index.js';

type Entry = Json<AuditEntryDto>;

/** Where each service's trail is read, through the gateway. */
const TRAILS = ['/api/catalog/audit', '/api/orders/audit', '/api/budget/audit', '/api/auth/audit'];

describe('the audit trail: who changed what, when, from where, before and after', { timeout: 120_000 }, () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const fiscalYear = new Date().getFullYear();
  const satker = uniqueSatker();
  // a hundred of K/L codes no other spec draws from
  const kl = String(400 + Math.floor(Math.random() * 99));
  const people = {
    vendor: { sub: randomUUID(), username: `vendor.${uniqueId()}`, role: 'vendor' as const, vendorId: randomUUID() },
    officer: { sub: randomUUID(), username: `ppk.${satker}`, role: 'officer' as const, satkerCode: satker, klCode: kl, ppk: true },
    klFinance: { sub: randomUUID(), username: `keuangan.${kl}`, role: 'finance' as const, klCode: kl },
    auditor: { sub: randomUUID(), username: `auditor.${uniqueId()}`, role: 'auditor' as const },
  };
  const as = (who: keyof typeof people) => gateway.as(testTokens().mint(people[who]));
  const started = new Date();

  /** The newest entries of a trail matching `query`, waiting for the one `wanted` picks (entries are written just after the change). */
  async function entry(trail: string, query: string, wanted: (e: Entry) => boolean = () => true): Promise<Entry> {
    return eventually(`an entry in ${trail}?${query}`, async () => {
      const answer = await as('auditor').get<Json<AuditPageDto>>(`${trail}?${query}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.items.find(wanted);
    });
  }

  /** Who, when and from where: the person's id, name and role, a time within the test, the address the gateway saw. */
  function assertBy(e: Entry, who: keyof typeof people) {
    assert.equal(e.userId, people[who].sub);
    assert.equal(e.username, people[who].username);
    assert.equal(e.role, people[who].role);
    assert.ok(new Date(e.at) >= started && new Date(e.at) <= new Date(), e.at);
    assert.equal(e.clientAddress, '127.0.0.1');
  }

  let product: string;
  before(async () => {
    const created = await as('vendor').post<Json<ProductDto>>('/api/catalog/products', {
      sku: `AUD-${uniqueId()}`,
      name: `Kursi uji jejak audit ${uniqueId()}`,
      categoryCode: '38110',
      unit: 'unit',
      priceIdr: '1000000',
      stock: 100,
      origin: 'domestic',
      tkdnPercent: 40,
      bmpPercent: 5,
      catalogType: 'national',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    product = created.body.id;
  });

  test('a price change carries the product before and after, and the address the gateway saw, not the one the client claimed', async () => {
    const changed = await as('vendor').patch<Json<ProductDto>>(
      `/api/catalog/products/${product}`,
      { priceIdr: '1250000' },
      { 'x-forwarded-for': '203.0.113.66' },
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.body));

    const update = await entry('/api/catalog/audit', `action=product.update&entityId=${product}`);
    assertBy(update, 'vendor');
    assert.equal(update.entity, 'product');
    assert.equal((update.before as { priceIdr: string }).priceIdr, '1000000');
    assert.equal((update.after as { priceIdr: string }).priceIdr, '1250000');
    const creation = await entry('/api/catalog/audit', `action=product.create&entityId=${product}`);
    assert.equal(creation.before, null);
    assert.equal((creation.after as { priceIdr: string }).priceIdr, '1000000');
  });

  test('pagu set, revised and imported from a DIPA: each with the figures before and after', async () => {
    const line = `${fiscalYear}/${satker}/521211`;
    assert.equal((await as('klFinance').put(`/api/budget/lines/${line}`, { paguIdr: '5000000000' })).status, 201);
    assert.equal((await as('klFinance').put(`/api/budget/lines/${line}`, { paguIdr: '4500000000', blokirIdr: '100000000' })).status, 200);
    const csv = `fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr\n${fiscalYear},${satker},${kl},521211,6000000000,0\n`;
    const imported = await as('klFinance').postCsv('/api/budget/dipa', csv);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));

    const revisions = (await as('auditor').get<Json<AuditPageDto>>(`/api/budget/audit?action=pagu.revise&entityId=${encodeURIComponent(line)}`)).body.items;
    assert.equal(revisions.length, 2);
    const [revised, created] = revisions;
    assertBy(created, 'klFinance');
    assert.equal(created.before, null);
    assert.equal((created.after as { paguIdr: string }).paguIdr, '5000000000');
    assert.deepEqual(revised.before, { paguIdr: '5000000000', blokirIdr: '0' });
    assert.deepEqual([(revised.after as { paguIdr: string }).paguIdr, (revised.after as { blokirIdr: string }).blokirIdr], ['4500000000', '100000000']);

    const dipa = await entry('/api/budget/audit', `action=pagu.import&userId=${people.klFinance.sub}`);
    assertBy(dipa, 'klFinance');
    assert.deepEqual(dipa.before, { [line]: { paguIdr: '4500000000', blokirIdr: '100000000' } });
    assert.deepEqual((dipa.after as { lines: unknown[] }).lines[0], {
      line: 2,
      outcome: 'revised',
      fiscalYear,
      satkerCode: satker,
      accountCode: '521211',
      paguIdr: '6000000000',
      blokirIdr: '0',
    });
  });

  test('an order placed and cancelled: who did each, the state and total before and after', async () => {
    const placed = await eventually(
      'the order service to know the product',
      async () => {
        const answer = await as('officer').post<Json<OrderViewDto>>(
          '/api/orders',
          { fiscalYear, accountCode: '521211', lines: [{ productId: product, quantity: 2 }] },
          { 'Idempotency-Key': `audit-${randomUUID()}` },
        );
        return answer.status === 202 ? answer.body : undefined;
      },
      30_000,
      200,
    );
    await eventually(
      'the order awaiting the vendor',
      async () => (await as('officer').get<Json<OrderViewDto>>(`/api/orders/${placed.id}`)).body.status === 'AWAITING_VENDOR',
    );
    const cancelled = await as('officer').post(`/api/orders/${placed.id}/cancel`, { reason: 'salah pilih barang' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));

    const place = await entry('/api/orders/audit', `action=order.place&entityId=${placed.id}`);
    assertBy(place, 'officer');
    assert.equal(place.entity, 'order');
    assert.equal((place.after as { totalIdr: string }).totalIdr, placed.totalIdr);
    const cancel = await entry('/api/orders/audit', `action=order.cancel&entityId=${placed.id}`);
    assertBy(cancel, 'officer');
    assert.deepEqual(cancel.before, { status: 'AWAITING_VENDOR', totalIdr: placed.totalIdr, version: 1 });
    assert.deepEqual(cancel.after, { status: 'CANCELLED', totalIdr: placed.totalIdr, version: 1, request: { reason: 'salah pilih barang' } });
    const all = (await as('auditor').get<Json<AuditPageDto>>(`/api/orders/audit?entity=order&entityId=${placed.id}`)).body.items;
    assert.deepEqual(
      all.map((e) => e.action),
      ['order.cancel', 'order.place'],
    );
  });

  test('sign-ins: failed ones, the lockout they lead to, and a right one', async () => {
    const ghost = `ghost.${uniqueId()}`;
    for (let i = 0; i < 5; i++) assert.equal((await gateway.post('/api/auth/login', { username: ghost, password: 'salah-sandi' })).status, 401);
    assert.equal((await gateway.post('/api/auth/login', { username: ghost, password: 'salah-sandi' })).status, 429);
    // entries are written in batches just after the answer: wait until the five are there, then no more come
    const failedEntries = async () => (await as('auditor').get<Json<AuditPageDto>>(`/api/auth/audit?username=${ghost}&action=auth.login-failed`)).body.items;
    await eventually('five failed sign-ins in the trail', async () => (await failedEntries()).length >= 5);
    const failed = await failedEntries();
    assert.equal(failed.length, 5);
    assert.ok(failed.every((e) => e.userId === null && e.clientAddress === '127.0.0.1' && new Date(e.at) >= started));
    const lockout = await entry('/api/auth/audit', `username=${ghost}&action=auth.lockout`);
    assert.ok((lockout.after as { retryAfterSeconds: number }).retryAfterSeconds > 0);

    const since = new Date().toISOString();
    assert.equal((await gateway.post('/api/auth/login', { username: 'auditor', password: 'Serapan!2025' })).status, 200);
    const signIn = await entry('/api/auth/audit', `username=auditor&action=auth.login&from=${encodeURIComponent(since)}`);
    assert.equal(signIn.role, 'auditor');
    assert.match(signIn.userId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(signIn.entityId, signIn.userId);
    assert.equal(signIn.clientAddress, '127.0.0.1');
  });

  test('a malformed id is refused as before: reading the thing before the change leaves it to the route to refuse', async () => {
    assert.equal((await as('vendor').patch('/api/catalog/products/not-a-uuid', { priceIdr: '1' })).status, 400);
    assert.equal((await as('officer').post('/api/orders/not-a-uuid/cancel', { reason: 'x' })).status, 400);
    assert.equal((await as('klFinance').put('/api/budget/lines/20x6/12345/521211', { paguIdr: '1' })).status, 400);
  });

  test('only auditors read the trails; paging is capped', async () => {
    for (const trail of TRAILS) {
      assert.equal((await gateway.get(trail)).status, 401, trail);
      assert.equal((await as('vendor').get(trail)).status, 403, trail);
      assert.equal((await as('klFinance').get(trail)).status, 403, trail);
      assert.equal((await as('auditor').get(`${trail}?limit=5`)).status, 200, trail);
      assert.equal((await as('auditor').get(`${trail}?limit=1000`)).status, 400, trail);
    }
  });
});
