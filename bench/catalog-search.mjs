// Catalog search benchmark: seeds 100,000 products straight into the catalog
// database, then measures the latency of filtered searches over HTTP.
//
//   npm run build && node bench/catalog-search.mjs
//
// With CATALOG_URL and CATALOG_DATABASE_URL set it uses that running catalog
// (tokens signed with the key in .data/secrets, as `npm start` does) and adds its products
// to that database. Otherwise it starts Kafka, PostgreSQL and the catalog
// service itself (KAFKA_PORT, PG_PORT, CATALOG_PORT as for the tests) on a
// fresh `serapan_bench_catalog` database, and stops what it started.
// BENCH_PRODUCTS and BENCH_REQUESTS change the sizes.
import { performance } from 'node:perf_hooks';
import { TokenMinter } from '../dist/libs/auth/src/testing/index.js';
import { pdnTier } from '../dist/apps/catalog/src/products/pdn-tier.js';
import { jakartaDate } from '../dist/libs/service/src/jakarta-time.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localKeyPair, writeKeyPair } from '../deploy/lib/keys.mjs';
import { startKafka } from '../deploy/lib/kafka.mjs';
import { log } from '../deploy/lib/log.mjs';
import { databaseUrl, dropDatabases, query, startPostgres, withClient } from '../deploy/lib/postgres.mjs';
import { startService } from '../deploy/lib/services.mjs';
import { provisionServiceTopics } from '../deploy/lib/stack.mjs';
import { loadLine, seededRandom, summary } from './lib/common.mjs';
import { CATEGORIES, NOUNS, PRODUCT_COLUMNS, UNITS } from './lib/seed.mjs';
import { envPort } from '../deploy/lib/env.mjs';

const env = process.env;
const PRODUCTS = Number(env.BENCH_PRODUCTS ?? 100_000);
const REQUESTS = Number(env.BENCH_REQUESTS ?? 440);
const WARM_UP = 40;
const VENDORS = 1_000;
const BATCH = 5_000;

// A fixed seed, so every run searches the same catalog.
const random = seededRandom(20260310);
const pick = (list) => list[Math.floor(random() * list.length)];

const QUALIFIERS = [
  'A4',
  'Kantor',
  'Lipat',
  'Portable',
  'Besi',
  'Kayu',
  'Plastik',
  'LED',
  'Medis',
  'Industri',
  'Sekolah',
  'Premium',
  'Ekonomis',
  'Digital',
  'Tahan Air',
  'Listrik',
  'Diesel',
  'Organik',
  'Steril',
  'Jumbo',
];
const BRANDS = Array.from(
  { length: 200 },
  (_, i) =>
    `${pick(['Nusa', 'Garuda', 'Merapi', 'Bahari', 'Cendana', 'Rinjani', 'Sakti', 'Mentari'])}${pick(['jaya', 'karya', 'tama', 'indo', 'prima', 'makmur'])}${i}`,
);
const REGIONS = [null, 'DKI Jakarta', 'Jawa Barat', 'Jawa Timur', 'Sulawesi Selatan', 'Papua'];
const DAY = 86_400_000;

function seedCatalog(url) {
  return withClient(url, async (db) => {
    const started = performance.now();
    const now = Date.now();
    const vendors = Array.from({ length: VENDORS }, (_, i) => ({ id: crypto.randomUUID(), name: `PT Bench ${i}`, umk: random() < 0.35 }));
    await db.query(
      `INSERT INTO vendors (id, name, umk, created_at, updated_at) SELECT id, name, umk, now(), now() FROM unnest($1::uuid[], $2::text[], $3::bool[]) AS v (id, name, umk)`,
      [vendors.map((v) => v.id), vendors.map((v) => v.name), vendors.map((v) => v.umk)],
    );
    const today = jakartaDate(new Date());
    for (let offset = 0; offset < PRODUCTS; offset += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, PRODUCTS - offset) }, (_, i) => product(offset + i, pick(vendors), today, now));
      const columns = Object.keys(rows[0]);
      await db.query(
        `INSERT INTO products (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${TYPES[c]}[]`).join(', ')})`,
        columns.map((c) => rows.map((row) => row[c])),
      );
    }
    // what autovacuum does after a bulk load: statistics, and the visibility map that lets counts use index-only scans
    await db.query('VACUUM (ANALYZE) vendors, products');
    const [{ active }] = (await db.query(`SELECT count(*)::int AS active FROM products WHERE status = 'active'`)).rows;
    log(
      'bench',
      `seeded ${PRODUCTS.toLocaleString('en')} products (${active.toLocaleString('en')} listed) of ${VENDORS} vendors in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return vendors;
  });
}

/** The catalog's product columns, with the two the order benchmark leaves empty. */
const TYPES = { ...PRODUCT_COLUMNS, description: 'text', price_region: 'text' };

function product(n, vendor, today, now) {
  const tkdn = random() < 0.4 ? 0 : Math.round((5 + random() * 90) * 100) / 100;
  const bmp = tkdn === 0 ? 0 : Math.round(random() * 1500) / 100;
  const certified = tkdn > 0 && random() < 0.85;
  const claim = {
    // a product without TKDN stands for an import, as before the origin was declared
    origin: tkdn === 0 ? 'import' : 'domestic',
    tkdnPercent: tkdn,
    bmpPercent: bmp,
    tkdnCertificateNo: certified ? `TKDN-${n}` : null,
    tkdnCertificateExpiresOn: certified ? new Date(now + (random() < 0.05 ? -1 : 1) * random() * 900 * DAY).toISOString().slice(0, 10) : null,
  };
  const created = new Date(now - random() * 730 * DAY);
  const noun = pick(NOUNS);
  return {
    id: crypto.randomUUID(),
    vendor_id: vendor.id,
    vendor_name: vendor.name,
    vendor_umk: vendor.umk,
    sku: `B-${n}`,
    name: `${noun} ${pick(QUALIFIERS)} ${pick(BRANDS)} ${100 + Math.floor(random() * 900)}`,
    description:
      random() < 0.6
        ? `${noun} untuk kebutuhan ${pick(['kantor', 'sekolah', 'rumah sakit', 'puskesmas', 'lapangan', 'gudang'])}, garansi ${1 + Math.floor(random() * 3)} tahun`
        : null,
    category_code: pick(CATEGORIES),
    unit: pick(UNITS),
    price_idr: String(Math.round(Math.exp(Math.log(5_000) + random() * (Math.log(500_000_000) - Math.log(5_000))))),
    stock: Math.floor(random() * 1000),
    tkdn_percent: tkdn,
    bmp_percent: bmp,
    tkdn_certificate_no: claim.tkdnCertificateNo,
    tkdn_certificate_expires_on: claim.tkdnCertificateExpiresOn,
    origin: claim.origin,
    catalog_type: pick(['national', 'national', 'sectoral', 'local']),
    price_region: pick(REGIONS),
    pdn_tier: pdnTier(claim, today),
    status: random() < 0.03 ? 'delisted' : 'active',
    version: 1,
    created_at: created,
    updated_at: created,
  };
}

/** Filtered searches as the web app sends them; each request picks one. */
function scenarios(vendors) {
  const price = () => {
    const low = Math.round(Math.exp(Math.log(5_000) + random() * 12));
    return { minPrice: String(low), maxPrice: String(low * 20) };
  };
  return {
    'text, newest': () => ({ q: pick(NOUNS).toLowerCase() }),
    'two words, domestic, cheapest': () => ({ q: `${pick(NOUNS)} ${pick(QUALIFIERS)}`, domestic: 'true', sort: 'price_asc' }),
    'brand, UMK': () => ({ q: pick(BRANDS), umk: 'true' }),
    'category, cheapest': () => ({ category: pick(CATEGORIES), sort: 'price_asc' }),
    'category and price range': () => ({ category: pick(CATEGORIES), ...price(), sort: 'price_desc' }),
    'domestic, highest TKDN': () => ({ domestic: 'true', sort: 'tkdn_desc' }),
    'UMK in price range': () => ({ umk: 'true', ...price(), sort: 'price_asc' }),
    'domestic UMK in a category': () => ({ domestic: 'true', umk: 'true', category: pick(CATEGORIES) }),
    'one vendor by name': () => ({ vendorId: pick(vendors).id, sort: 'name' }),
    'domestic, page 50': () => ({ domestic: 'true', sort: 'price_asc', page: String(50) }),
    'everything, newest': () => ({}),
  };
}

const fmt = (s) => `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (n=${s.n})`;

async function measure(catalogUrl, token, vendors) {
  const kinds = Object.entries(scenarios(vendors));
  const timings = new Map(kinds.map(([name]) => [name, []]));
  let hits = 0;
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const [name, query] = kinds[i % kinds.length];
    const url = `${catalogUrl}/api/catalog/products?${new URLSearchParams(query())}`;
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
    if (i < WARM_UP) continue;
    timings.get(name).push(elapsed);
    hits += body.total;
  }
  log(
    'bench',
    `${REQUESTS} searches after ${WARM_UP} warm-up, one at a time, ${Math.round(hits / REQUESTS).toLocaleString('en')} matches per search on average`,
  );
  for (const [name, ms] of timings) log('bench', `  ${name.padEnd(30)} ${fmt(summary(ms))}`);
  const overall = summary([...timings.values()].flat());
  log('bench', `search latency overall: ${fmt(overall)}`);
  log('bench', `machine: ${loadLine()}`);
  return overall;
}

async function indexUse(url) {
  const rows = await query(url, `SELECT indexrelname AS name, idx_scan AS scans FROM pg_stat_user_indexes WHERE relname = 'products' ORDER BY idx_scan DESC`);
  log('bench', `index scans on products: ${rows.map((r) => `${r.name} ${r.scans}`).join(', ')}`);
}

const stops = [];
try {
  let catalogUrl = env.CATALOG_URL;
  let catalogDatabase = env.CATALOG_DATABASE_URL;
  let keys;
  if (catalogUrl && catalogDatabase) {
    keys = localKeyPair();
  } else {
    const keyDir = mkdtempSync(join(tmpdir(), 'serapan-bench-keys-'));
    stops.push(async () => rmSync(keyDir, { recursive: true, force: true }));
    keys = writeKeyPair(keyDir);
    const kafka = await startKafka();
    stops.push(kafka.stop);
    await provisionServiceTopics(kafka.client);
    const postgres = await startPostgres();
    stops.push(postgres.stop);
    await dropDatabases(postgres.url, ['serapan_bench_catalog']);
    catalogDatabase = databaseUrl(postgres.url, 'serapan_bench_catalog');
    const service = await startService('catalog', {
      port: envPort('CATALOG_PORT', 3001),
      quiet: true,
      env: {
        DATABASE_URL: catalogDatabase,
        KAFKA_BROKERS: kafka.brokers.join(','),
        // the catalog's own Kafka user on the local broker (on KAFKA_BROKERS, the inherited KAFKA_SASL_*)
        ...(kafka.serviceClient('catalog')
          ? { KAFKA_SASL_USERNAME: kafka.serviceClient('catalog').sasl.username, KAFKA_SASL_PASSWORD: kafka.serviceClient('catalog').sasl.password }
          : {}),
        PROVISION_TOPICS: 'false',
        JWT_PUBLIC_KEY_FILES: keys.publicKeyFiles.join(','),
      },
    });
    stops.push(service.stop);
    catalogUrl = service.url;
  }
  const vendors = await seedCatalog(catalogDatabase);
  const token = new TokenMinter(keys).mint({ username: 'bench.officer', role: 'officer', satkerCode: '415423', klCode: '024' });
  const overall = await measure(catalogUrl, token, vendors);
  await indexUse(catalogDatabase);
  log('bench', overall.p95 <= 50 ? 'p95 within the 50 ms target' : `p95 above the 50 ms target`);
} finally {
  for (const stop of stops.reverse()) await stop().catch((error) => log('bench', `stop failed: ${error.message}`));
}
