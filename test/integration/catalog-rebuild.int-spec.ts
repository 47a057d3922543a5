import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { EventTypes, ProductSnapshot } from '#serapan/contracts';
import { ORDER_ENTITIES, ORDER_MIGRATIONS } from '../../apps/order/src/order.module.js';
import { aProduct, eventually, ownDatabase, publishProducts, runTool, ServiceDatabase, testEnv, testKafka } from '../support/index.js';

/** The rebuild fills an empty read model, so it gets an order database of its own. */
const DATABASE = 'serapan_test_catalog_rebuild';

const COLUMNS = `product_id AS "productId", vendor_id AS "vendorId", vendor_name AS "vendorName", vendor_umk AS "vendorUmk", sku, name, unit,
  price_idr::text AS "priceIdr", stock, pdn_tier AS "pdnTier", status, version`;

describe("rebuilding the order service's catalog read model from the product topic", { timeout: 300_000 }, () => {
  const live = new ServiceDatabase('order');
  let rebuilt: DataSource;
  const rebuild = (...args: string[]) => runTool('rebuild', ['order-catalog', ...args], { ORDER_DATABASE_URL: testEnv.databaseUrl(DATABASE) });
  const rowsOf = async (query: (sql: string, params: unknown[]) => Promise<unknown[]>, ids: string[]) =>
    query(`SELECT ${COLUMNS} FROM catalog_products WHERE product_id = ANY($1::uuid[]) ORDER BY product_id`, [ids]);

  before(async () => {
    rebuilt = await ownDatabase(DATABASE, ORDER_ENTITIES, ORDER_MIGRATIONS);
  });

  after(async () => {
    await rebuilt?.destroy();
    await live.close();
  });

  test('an empty table gets every product at its latest state, as the live read model has it, and no consumer group is left behind', async () => {
    const [laptop, paper, chair] = [aProduct().priced('12500000').domestic('top').umk(), aProduct().priced('52000'), aProduct().stocked(4)].map((b) =>
      b.build(),
    );
    await publishProducts([laptop, paper, chair]);
    const repriced: ProductSnapshot = { ...laptop, priceIdr: '11900000', stock: 7, version: 2 };
    const gone: ProductSnapshot = { ...chair, status: 'delisted', version: 2 };
    await publishProducts([repriced]);
    await publishProducts([gone], EventTypes.productDelisted);
    const ids = [laptop, paper, chair].map((p) => p.productId);
    const expected = await eventually('the live read model has the latest versions', async () => {
      const rows = (await rowsOf((sql, params) => live.query(sql, params), ids)) as { version: number }[];
      return rows.length === 3 && rows.filter((r) => r.version === 2).length === 2 ? rows : undefined;
    });

    const output = await rebuild();
    assert.match(output, /messages read \(100%\)/);
    assert.match(output, /^done: \d+ products from \d+ events/m);
    const rows = await rowsOf((sql, params) => rebuilt.query(sql, params), ids);
    assert.deepEqual(rows, expected);
    const byId = new Map((rows as ProductSnapshot[]).map((r) => [r.productId, r]));
    assert.deepEqual(
      [byId.get(laptop.productId)?.priceIdr, byId.get(chair.productId)?.status, byId.get(paper.productId)?.version],
      ['11900000', 'delisted', 1],
      'the latest event of each product wins',
    );

    const admin = testKafka().admin();
    await admin.connect();
    const { groups } = await admin.listGroups();
    await admin.disconnect();
    assert.deepEqual(
      groups.filter((g) => g.groupId.startsWith('serapan-rebuild')),
      [],
      'the read used a group of its own and deleted it',
    );
  });

  test('a table that holds products is refused unless --replace empties it first', async () => {
    const [{ n: before }] = await rebuilt.query<{ n: number }[]>('SELECT count(*)::int AS n FROM catalog_products');
    assert.ok(before > 0);
    await assert.rejects(rebuild(), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /catalog_products already holds \d+ product\(s\); a rebuild fills an empty table \(pass --replace/);
      return true;
    });
    await rebuilt.query(`UPDATE catalog_products SET price_idr = 1, version = 99`);
    assert.match(await rebuild('--replace'), /^done: /m);
    const [{ stale }] = await rebuilt.query<{ stale: number }[]>('SELECT count(*)::int AS stale FROM catalog_products WHERE version = 99');
    assert.equal(stale, 0, 'every row rebuilt from the topic');
  });
});
