import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase, migrate, postgresOptions } from '#serapan/database';
import { MESSAGING_MIGRATIONS } from '#serapan/messaging';
import { validateEvent } from '#serapan/contracts';
import { CreateCatalog1764300300000 } from '../../apps/catalog/src/migrations/1764300300000-CreateCatalog.js';
import { ProductOrigin1765000300000 } from '../../apps/catalog/src/migrations/1765000300000-ProductOrigin.js';
import { PdnTiersAndPreference1765000200000 } from '../../apps/order/src/migrations/1765000200000-PdnTiersAndPreference.js';
import { PurchaseOrderNumbers1764600500000 } from '../../apps/order/src/migrations/1764600500000-PurchaseOrderNumbers.js';
import { assignPurchaseOrderNumbers } from '../../apps/order/src/orders/lifecycle/purchase-order-numbers.js';
import type { OrderRow } from '../../apps/order/src/orders/order.sql.js';
import { ORDER_MIGRATIONS } from '../../apps/order/src/order.module.js';
import { CreateBudget1764300100000 } from '../../apps/budget/src/migrations/1764300100000-CreateBudget.js';
import { PdnTierAmounts1765000100000 } from '../../apps/budget/src/migrations/1765000100000-PdnTierAmounts.js';
import { testEnv, uniqueId } from '../support/index.js';

const CATALOG_MIGRATIONS = [...MESSAGING_MIGRATIONS, CreateCatalog1764300300000];

describe('migrations on a real database', { timeout: 120_000 }, () => {
  const databases: string[] = [];

  /** A fresh, empty database and a DataSource (its own pool) on it. */
  async function freshDatabase(): Promise<string> {
    const name = `serapan_test_migrate_${uniqueId()}`;
    databases.push(name);
    await ensureDatabase(testEnv.databaseUrl(name));
    return testEnv.databaseUrl(name);
  }

  const dataSourceOn = (url: string, migrations = CATALOG_MIGRATIONS) => new DataSource(postgresOptions(url, [], migrations, 4)).initialize();

  /** Migrates a fresh database up to `before`, lets `seed` write rows as they were then, then runs `after`; returns the database. */
  async function migratedOver(before: typeof CATALOG_MIGRATIONS, after: typeof CATALOG_MIGRATIONS, seed: (db: DataSource) => Promise<void>) {
    const url = await freshDatabase();
    const old = await dataSourceOn(url, before);
    try {
      await migrate(old);
      await seed(old);
    } finally {
      await old.destroy();
    }
    const db = await dataSourceOn(url, [...before, ...after]);
    await migrate(db);
    return db;
  }

  after(async () => {
    const admin = new pg.Client({ connectionString: testEnv.databaseServerUrl });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('two replicas starting together run each migration once', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([dataSourceOn(url), dataSourceOn(url)]);
    try {
      await Promise.all([migrate(first), migrate(second)]);
      const recorded: { name: string }[] = await first.query(`SELECT name FROM migrations ORDER BY id`);
      assert.deepEqual(
        recorded.map((m) => m.name),
        CATALOG_MIGRATIONS.map((m) => new m().name).sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13))),
      );
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  test('a migration renamed after it ran is recognised by its former name and not run again', async () => {
    const url = await freshDatabase();
    const db = await dataSourceOn(url);
    try {
      await migrate(db);
      // as a database migrated before the rename records it
      await db.query(`UPDATE migrations SET name = 'CreateCatalog1764400000000', timestamp = 1764400000000 WHERE name = 'CreateCatalog1764300300000'`);
      await migrate(db);
      const names: { name: string }[] = await db.query(`SELECT name FROM migrations WHERE name LIKE 'CreateCatalog%'`);
      assert.deepEqual(names, [{ name: 'CreateCatalog1764300300000' }]);
    } finally {
      await db.destroy();
    }
  });

  test('the PDN tier migration gives products an origin, makes none import unless it had a certificate, expired uncertified, and republishes each at a new version', async () => {
    const [vendor, top, none, expired, demoted] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const db = await migratedOver(CATALOG_MIGRATIONS, [ProductOrigin1765000300000], async (old) => {
      await old.query(`INSERT INTO vendors (id, name, umk, created_at, updated_at) VALUES ($1, 'cv.makmur', false, now(), now())`, [vendor]);
      await old.query(
        `INSERT INTO products (id, vendor_id, vendor_name, vendor_umk, sku, name, category_code, unit, price_idr, stock, tkdn_percent, bmp_percent,
                               tkdn_certificate_no, tkdn_certificate_expires_on, catalog_type, pdn_tier, status, version, created_at, updated_at)
         SELECT id, $1, 'cv.makmur', false, sku, 'Kertas', '32129', 'rim', 52000, 10, tkdn, 10, cert, expires, 'national', tier, 'active', 3, now(), now()
           FROM (VALUES ($2::uuid, 'A', 30, 'C-1', '2099-12-31'::date, 'top'), ($3, 'B', 0, NULL, NULL, 'none'), ($4, 'C', 30, 'C-2', '2020-01-31', 'top'),
                   ($5, 'D', 20, 'C-3', '2020-01-31', 'none'))
             AS p (id, sku, tkdn, cert, expires, tier)`,
        [vendor, top, none, expired, demoted],
      );
    });
    try {
      const rows: { id: string; origin: string; pdn_tier: string; version: number }[] = await db.query(`SELECT id, origin, pdn_tier, version FROM products`);
      const of = (id: string) => rows.find((r) => r.id === id);
      assert.deepEqual(
        [of(top), of(none), of(expired), of(demoted)].map((r) => [r?.origin, r?.pdn_tier, r?.version]),
        [
          ['domestic', 'top', 4],
          ['import', 'import', 4],
          ['domestic', 'uncertified', 4],
          // the old expiry job had demoted it to none: a certified product stays domestic
          ['domestic', 'uncertified', 4],
        ],
      );
      const events: { key: string; payload: unknown }[] = await db.query(`SELECT message_key AS key, payload FROM outbox ORDER BY seq`);
      assert.equal(events.length, 4);
      const published = events.map(({ payload }) =>
        validateEvent<{ productId: string; pdnTier: string; version: number; tkdnCertificateExpiresOn?: string }>(payload),
      );
      const republished = published.find((e) => e.data.productId === top)!.data;
      assert.deepEqual([republished.pdnTier, republished.version, republished.tkdnCertificateExpiresOn], ['top', 4, '2099-12-31']);
      assert.equal(published.find((e) => e.data.productId === none)?.data.tkdnCertificateExpiresOn, undefined);
    } finally {
      await db.destroy();
    }
  });

  test('the order migration maps none to import in the read model and in placed orders, keeping line order', async () => {
    const orderId = randomUUID();
    const at = ORDER_MIGRATIONS.indexOf(PdnTiersAndPreference1765000200000);
    const db = await migratedOver([...MESSAGING_MIGRATIONS, ...ORDER_MIGRATIONS.slice(0, at)], ORDER_MIGRATIONS.slice(at), async (old) => {
      await old.query(
        `INSERT INTO catalog_products (product_id, vendor_id, vendor_name, vendor_umk, sku, name, unit, price_idr, stock, pdn_tier, status, version)
         VALUES ($1, $1, 'v', false, 'A', 'a', 'rim', 1, 1, 'none', 'active', 1), ($2, $2, 'v', false, 'B', 'b', 'rim', 1, 1, 'low', 'active', 1)`,
        [randomUUID(), randomUUID()],
      );
      const line = (pdnTier: string, n: number) => ({
        productId: randomUUID(),
        quantity: n,
        unitPriceIdr: '1',
        subtotalIdr: String(n),
        pdnTier,
        vendorUmk: false,
      });
      await old.query(
        `INSERT INTO orders (id, status, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, total_idr, pdn_idr, umk_idr, placed_by,
                             idempotency_key, request_hash, lines_snapshot)
         VALUES ($1, 'PENDING_BUDGET', '415423', '024', $1, 'v', 2026, '521211', 3, 2, 0, 'ppk', 'k', 'h', $2)`,
        [orderId, JSON.stringify([line('low', 1), line('none', 2)])],
      );
    });
    try {
      const tiers: { origin: string; pdn_tier: string }[] = await db.query(`SELECT origin, pdn_tier FROM catalog_products ORDER BY sku`);
      assert.deepEqual(tiers, [
        { origin: 'import', pdn_tier: 'import' },
        { origin: 'domestic', pdn_tier: 'low' },
      ]);
      const [{ lines }]: { lines: { pdnTier: string; quantity: number }[] }[] = await db.query(`SELECT lines_snapshot AS lines FROM orders WHERE id = $1`, [
        orderId,
      ]);
      assert.deepEqual(
        lines.map((l) => [l.pdnTier, l.quantity]),
        [
          ['low', 1],
          ['import', 2],
        ],
      );
    } finally {
      await db.destroy();
    }
  });

  test('the purchase-order number migration numbers orders already confirmed, per satker and fiscal year in placement order, and the counters go on from there', async () => {
    // ids in the opposite order to placement, so the numbering can only follow created_at
    const id = (n: number) => `00000000-0000-4000-8000-${String(100 - n).padStart(12, '0')}`;
    const before = ORDER_MIGRATIONS.slice(0, ORDER_MIGRATIONS.indexOf(PurchaseOrderNumbers1764600500000));
    const orders: [number, string, string, number][] = [
      [1, 'COMPLETED', '415423', 2026],
      [2, 'PENDING_BUDGET', '415423', 2026],
      [3, 'AWAITING_VENDOR', '415423', 2026],
      [4, 'REJECTED', '415423', 2026],
      [5, 'CANCELLED', '415423', 2026], // declined by the vendor: was confirmed
      [6, 'CANCELLED', '415423', 2026], // cancelled while pending: never confirmed
      [7, 'IN_PROCESS', '415423', 2025],
      [8, 'SHIPPED', '415424', 2026],
    ];
    const db = await migratedOver([...MESSAGING_MIGRATIONS, ...before], [PurchaseOrderNumbers1764600500000], async (old) => {
      await old.query(
        `INSERT INTO orders (id, status, satker_code, kl_code, vendor_id, vendor_name, fiscal_year, account_code, total_idr, pdn_idr, umk_idr, placed_by,
                             idempotency_key, request_hash, lines_snapshot, created_at)
         SELECT id, status, satker, '024', id, 'v', fy, '521211', 1, 0, 0, 'officer', id::text, 'h', '[]'::json, timestamptz '2026-03-02 10:00+07' + n * interval '1 hour'
           FROM unnest($1::uuid[], $2::text[], $3::bpchar[], $4::int[], $5::int[]) AS o (id, status, satker, fy, n)`,
        [orders.map(([n]) => id(n)), orders.map((o) => o[1]), orders.map((o) => o[2]), orders.map((o) => o[3]), orders.map(([n]) => n)],
      );
      await old.query(
        `INSERT INTO order_timeline (order_id, from_status, to_status, actor, cause)
         VALUES ($1, 'PENDING_BUDGET', 'AWAITING_VENDOR', 'budget', 'budget reserved'), ($1, 'AWAITING_VENDOR', 'CANCELLED', 'vendor', 'declined'),
                ($2, 'PENDING_BUDGET', 'CANCELLED', 'officer', 'cancelled')`,
        [id(5), id(6)],
      );
    });
    try {
      const numbers: { id: string; number: string | null }[] = await db.query(`SELECT id, purchase_order_number AS number FROM orders`);
      const numberOf = (n: number) => numbers.find((o) => o.id === id(n))?.number;
      assert.deepEqual(
        orders.map(([n]) => numberOf(n)),
        ['SP-415423-2026-000001', null, 'SP-415423-2026-000002', null, 'SP-415423-2026-000003', null, 'SP-415423-2025-000001', 'SP-415424-2026-000001'],
      );
      const counters: object[] = await db.query(
        `SELECT satker_code AS satker, fiscal_year AS fy, last_number AS last FROM purchase_order_counters ORDER BY satker_code, fiscal_year`,
      );
      assert.deepEqual(counters, [
        { satker: '415423', fy: 2025, last: 1 },
        { satker: '415423', fy: 2026, last: 3 },
        { satker: '415424', fy: 2026, last: 1 },
      ]);
      const confirmedNow = { id: id(2), satkerCode: '415423', fiscalYear: 2026, purchaseOrderNumber: null } as OrderRow;
      await assignPurchaseOrderNumbers(db.manager, [confirmedNow]);
      assert.equal(confirmedNow.purchaseOrderNumber, 'SP-415423-2026-000004', 'the next confirmation goes on after the numbered orders');
    } finally {
      await db.destroy();
    }
  });

  test('the budget migration puts the PDN part of earlier orders in the pdn tier, in the ledger too, matching the lines', async () => {
    const orderId = randomUUID();
    const db = await migratedOver([...MESSAGING_MIGRATIONS, CreateBudget1764300100000], [PdnTierAmounts1765000100000], async (old) => {
      await old.query(
        `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr, committed_idr, committed_pdn_idr) VALUES (2026, '415423', '521211', '024', 1000, 300, 200)`,
      );
      await old.query(
        `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at)
         VALUES ($1, 2026, '415423', '024', '521211', 300, 200, 0, 'committed', now())`,
        [orderId],
      );
      await old.query(
        `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr)
         VALUES ($1, 'e1', 'reserve', 2026, '415423', '521211', 300, 200, 0)`,
        [orderId],
      );
    });
    try {
      const [line]: object[] = await db.query(`SELECT pdn_tier_idr::text AS pdn, import_tier_idr::text AS import FROM budget_lines`);
      const [reservation]: object[] = await db.query(`SELECT pdn_tier_idr::text AS pdn, justified FROM reservations`);
      const [entry]: object[] = await db.query(`SELECT pdn_tier_idr::text AS pdn FROM ledger_entries`);
      assert.deepEqual([line, reservation, entry], [{ pdn: '200', import: '0' }, { pdn: '200', justified: false }, { pdn: '200' }]);
      await db.query(`UPDATE ledger_entries SET amount_idr = 1`);
      const [after]: { a: string }[] = await db.query(`SELECT amount_idr::text AS a FROM ledger_entries`);
      assert.equal(after.a, '300', 'the ledger is append-only again');
    } finally {
      await db.destroy();
    }
  });
});
