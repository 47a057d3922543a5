// A realistic data set, loaded with bulk SQL: K/L, satkers with budget lines,
// vendors and products. Products go into the catalog database together with
// their product.listed outbox rows, so the real relay publishes them and the
// order service builds its read model from the events, as in production.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pdnTier } from '../../dist/apps/catalog/src/products/pdn-tier.js';
import { jakartaDate } from '../../dist/libs/service/src/jakarta-time.js';
import { insertOutbox } from '../../dist/libs/messaging/src/index.js';
import { query, withClient } from '../../deploy/lib/postgres.mjs';
import { log, seededRandom, sleep } from './common.mjs';

/** The running fiscal year (the Jakarta calendar year): a payment dated today must fall in its order's fiscal year. */
export const FISCAL_YEAR = Number(jakartaDate(new Date()).slice(0, 4));
export const ACCOUNTS = ['521211', '532111'];
const KL_CODES = [
  '001',
  '002',
  '004',
  '005',
  '006',
  '007',
  '010',
  '011',
  '012',
  '013',
  '015',
  '018',
  '019',
  '020',
  '022',
  '023',
  '024',
  '025',
  '026',
  '027',
  '029',
  '032',
  '033',
  '034',
  '035',
  '036',
  '040',
  '041',
  '042',
  '044',
  '047',
  '048',
  '050',
  '051',
];
const BATCH = 5_000;
/** The most an order of orderBody can cost: 3 products of at most MAX_PRICE_IDR, 5 of each. */
const MAX_PRICE_IDR = 25_000_000n;
export const MAX_ORDER_IDR = 3n * 5n * MAX_PRICE_IDR;

/** The satkers, the same for every run: `{ satkerCode, klCode }`. */
export function satkers(count) {
  return Array.from({ length: count }, (_, i) => ({ satkerCode: String(400000 + i * 37).padStart(6, '0'), klCode: KL_CODES[i % KL_CODES.length] }));
}

/**
 * The satkers in the registry and budget lines for each: a goods and a capital
 * line. Most pagu are tens of billions; one satker in 25 has a small one, so
 * some orders are rejected.
 */
export async function seedBudget(budgetUrl, units, { paguIdr } = {}) {
  const random = seededRandom(7);
  return withClient(budgetUrl, async (db) => {
    // the satker registry first: a reservation checks the order's K/L against it
    await db.query(`INSERT INTO satkers (code, kl_code) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
      units.map((u) => u.satkerCode),
      units.map((u) => u.klCode),
    ]);
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM budget_lines WHERE fiscal_year = $1', [FISCAL_YEAR])).rows;
    if (n >= units.length * ACCOUNTS.length) return log('seed', `budget: ${n} lines already there`);
    const rows = units.flatMap((u, i) =>
      ACCOUNTS.map((account) => {
        const small = i % 25 === 7;
        const billions = BigInt(small ? 0 : 2 + Math.floor(random() * 48));
        const pagu = paguIdr !== undefined ? BigInt(paguIdr) : small ? 150_000_000n : billions * 1_000_000_000n;
        return { ...u, account, pagu: pagu.toString() };
      }),
    );
    await db.query(
      `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr)
       SELECT $1, s, a, k, p FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS t (s, a, k, p)
       ON CONFLICT DO NOTHING`,
      [FISCAL_YEAR, rows.map((r) => r.satkerCode), rows.map((r) => r.account), rows.map((r) => r.klCode), rows.map((r) => r.pagu)],
    );
    await db.query('ANALYZE budget_lines');
    log(
      'seed',
      `budget: ${rows.length.toLocaleString('en')} lines for ${units.length.toLocaleString('en')} satkers of ${new Set(units.map((u) => u.klCode)).size} K/L`,
    );
  });
}

/**
 * Raises the pagu of these satkers' lines where less than `headroomIdr` is
 * left, to what they hold plus `headroomIdr` — directly, as seeding writes
 * them — so a run's orders are reserved rather than rejected. Returns how
 * many lines it raised.
 */
export async function ensureHeadroom(budgetUrl, units, headroomIdr) {
  const raised = await query(
    budgetUrl,
    `UPDATE budget_lines SET pagu_idr = committed_idr + realised_idr + $3, updated_at = now()
      WHERE fiscal_year = $1 AND satker_code = ANY($2::bpchar[]) AND pagu_idr - committed_idr - realised_idr < $3
      RETURNING satker_code`,
    [FISCAL_YEAR, units.map((u) => u.satkerCode), headroomIdr.toString()],
  );
  if (raised.length)
    log(
      'seed',
      `budget: pagu raised on ${raised.length} lines of ${units.length.toLocaleString('en')} satker${units.length === 1 ? '' : 's'} to leave Rp ${headroomIdr.toLocaleString('en')} each`,
    );
  return raised.length;
}

/** Words the generated products are named from (the search benchmark searches by them too). */
export const NOUNS = [
  'Kertas',
  'Laptop',
  'Meja',
  'Kursi',
  'Printer',
  'Tinta',
  'Map',
  'Spidol',
  'Proyektor',
  'Lemari',
  'Komputer',
  'Monitor',
  'Kabel',
  'Lampu',
  'Sepatu',
  'Seragam',
  'Beras',
  'Gula',
  'Masker',
  'Sarung',
  'Obat',
  'Vaksin',
  'Semen',
  'Cat',
  'Pipa',
  'Genset',
  'Pompa',
  'Traktor',
  'Ambulans',
  'Motor',
];
export const UNITS = ['unit', 'rim', 'buah', 'set', 'kg', 'liter', 'box'];
export const CATEGORIES = Array.from({ length: 50 }, (_, i) => String(32000 + i * 317));
export const PRODUCT_COLUMNS = {
  id: 'uuid',
  vendor_id: 'uuid',
  vendor_name: 'text',
  vendor_umk: 'bool',
  sku: 'text',
  name: 'text',
  category_code: 'text',
  unit: 'text',
  price_idr: 'bigint',
  stock: 'int',
  tkdn_percent: 'numeric',
  bmp_percent: 'numeric',
  tkdn_certificate_no: 'text',
  tkdn_certificate_expires_on: 'date',
  origin: 'text',
  catalog_type: 'text',
  pdn_tier: 'text',
  status: 'text',
  version: 'int',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

/** Vendors and products in the catalog, each product with its product.listed event in the outbox. */
export async function seedCatalog(catalogUrl, { vendors: vendorCount, products: productCount }) {
  const random = seededRandom(11);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return withClient(catalogUrl, async (db) => {
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM products')).rows;
    if (n >= productCount) return log('seed', `catalog: ${n.toLocaleString('en')} products already there`);
    const started = performance.now();
    const now = new Date();
    const vendors = Array.from({ length: vendorCount }, (_, i) => ({ id: randomUUID(), name: `PT Bench Nusantara ${i}`, umk: random() < 0.35 }));
    await db.query(
      `INSERT INTO vendors (id, name, umk, created_at, updated_at) SELECT id, name, umk, now(), now() FROM unnest($1::uuid[], $2::text[], $3::bool[]) AS v (id, name, umk)`,
      [vendors.map((v) => v.id), vendors.map((v) => v.name), vendors.map((v) => v.umk)],
    );
    const today = jakartaDate(new Date());
    const expires = new Date(now.getTime() + 400 * 86_400_000).toISOString().slice(0, 10);
    for (let offset = n; offset < productCount; offset += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, productCount - offset) }, (_, i) => {
        const vendor = pick(vendors);
        const tkdn = random() < 0.4 ? 0 : Math.round((5 + random() * 90) * 100) / 100;
        const bmp = tkdn === 0 ? 0 : Math.round(random() * 1500) / 100;
        const claim = {
          // a product without TKDN stands for an import, as before the origin was declared
          origin: tkdn === 0 ? 'import' : 'domestic',
          tkdnPercent: tkdn,
          bmpPercent: bmp,
          tkdnCertificateNo: tkdn > 0 ? `TKDN-B-${offset + i}` : null,
          tkdnCertificateExpiresOn: tkdn > 0 ? expires : null,
        };
        return {
          id: randomUUID(),
          vendor_id: vendor.id,
          vendor_name: vendor.name,
          vendor_umk: vendor.umk,
          sku: `BENCH-${offset + i}`,
          name: `${pick(NOUNS)} ${100 + Math.floor(random() * 900)}`,
          category_code: pick(CATEGORIES),
          unit: pick(UNITS),
          // log-uniform from Rp 5,000 to Rp 500,000,000, whole rupiah
          price_idr: String(Math.round(Math.exp(Math.log(5_000) + random() * (Math.log(500_000_000) - Math.log(5_000))))),
          stock: 1_000 + Math.floor(random() * 100_000),
          tkdn_percent: tkdn,
          bmp_percent: bmp,
          tkdn_certificate_no: claim.tkdnCertificateNo,
          tkdn_certificate_expires_on: claim.tkdnCertificateExpiresOn,
          origin: claim.origin,
          catalog_type: pick(['national', 'national', 'sectoral', 'local']),
          pdn_tier: pdnTier(claim, today),
          status: 'active',
          version: 1,
          created_at: now,
          updated_at: now,
        };
      });
      const columns = Object.keys(PRODUCT_COLUMNS);
      const events = rows.map((p) => ({
        specversion: '1.0',
        id: randomUUID(),
        source: '/serapan/catalog',
        type: 'product.listed',
        subject: p.id,
        time: now.toISOString(),
        datacontenttype: 'application/json',
        data: {
          productId: p.id,
          vendorId: p.vendor_id,
          vendorName: p.vendor_name,
          vendorUmk: p.vendor_umk,
          sku: p.sku,
          name: p.name,
          categoryCode: p.category_code,
          unit: p.unit,
          priceIdr: p.price_idr,
          stock: p.stock,
          origin: p.origin,
          pdnTier: p.pdn_tier,
          ...(p.tkdn_certificate_expires_on ? { tkdnCertificateExpiresOn: p.tkdn_certificate_expires_on } : {}),
          status: p.status,
          version: p.version,
        },
      }));
      await db.query('BEGIN');
      await db.query(
        `INSERT INTO products (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${PRODUCT_COLUMNS[c]}[]`).join(', ')})`,
        columns.map((c) => rows.map((row) => row[c])),
      );
      await db.query(insertOutbox(1), [
        events.map((e) => e.id),
        events.map(() => 'catalog.product.v1'),
        events.map((e) => e.subject),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e)),
        events.map(() => null),
      ]);
      await db.query('COMMIT');
    }
    await db.query('VACUUM (ANALYZE) vendors, products');
    log(
      'seed',
      `catalog: ${vendorCount} vendors, ${productCount.toLocaleString('en')} products and their product.listed events written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

/** Waits until the order service's read model holds `count` products; returns the events/s it was built at. */
export async function awaitReadModel(orderUrl, count, { timeoutMs = 15 * 60_000 } = {}) {
  return withClient(orderUrl, async (db) => {
    const started = performance.now();
    const first = (await db.query('SELECT count(*)::int AS n FROM catalog_products')).rows[0].n;
    let last = first;
    let lastLog = 0;
    while (performance.now() - started < timeoutMs) {
      last = (await db.query('SELECT count(*)::int AS n FROM catalog_products')).rows[0].n;
      if (last >= count) break;
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log('seed', `order read model: ${last.toLocaleString('en')} / ${count.toLocaleString('en')} products`);
      }
      await sleep(500);
    }
    if (last < count) throw new Error(`the order service's catalog read model reached only ${last} of ${count} products in ${timeoutMs / 1000} s`);
    const seconds = (performance.now() - started) / 1000;
    const rate = last > first && seconds > 1 ? Math.round((last - first) / seconds) : null;
    log(
      'seed',
      `order read model holds ${last.toLocaleString('en')} products${rate ? ` (built at ${rate} product.listed events/s through relay → Kafka → consumer)` : ''}`,
    );
    await db.query('ANALYZE catalog_products');
    return rate;
  });
}

/**
 * Orderable products as the order service sees them, grouped by vendor:
 * active, in stock, at most `maxPriceIdr` each.
 */
export async function orderableProducts(orderUrl, maxPriceIdr = MAX_PRICE_IDR.toString()) {
  return withClient(orderUrl, async (db) => {
    const { rows } = await db.query(
      `SELECT product_id, vendor_id FROM catalog_products WHERE status = 'active' AND stock >= 1000 AND price_idr <= $1 AND sku LIKE 'BENCH-%' ORDER BY product_id`,
      [maxPriceIdr],
    );
    const byVendor = new Map();
    for (const r of rows) byVendor.set(r.vendor_id, [...(byVendor.get(r.vendor_id) ?? []), r.product_id]);
    return [...byVendor.values()];
  });
}

/**
 * A random order body: 1–3 products of one vendor, 1–5 of each. Random
 * products often sit below a better PDN tier of their category, so every body
 * carries a justification: the preference cascade's look-up still runs, and
 * no order is refused for it.
 */
export function orderBody(random, productsByVendor) {
  const products = productsByVendor[Math.floor(random() * productsByVendor.length)];
  const count = Math.min(products.length, 1 + Math.floor(random() * 3));
  const start = Math.floor(random() * products.length);
  const lines = Array.from({ length: count }, (_, i) => ({ productId: products[(start + i) % products.length], quantity: 1 + Math.floor(random() * 5) }));
  return { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNTS[Math.floor(random() * ACCOUNTS.length)], lines, justification: BENCH_JUSTIFICATION };
}

export const BENCH_JUSTIFICATION = 'Benchmark order: the product is chosen at random, not by preference.';
