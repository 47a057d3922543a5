import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { MessagingOptions, OutboxService } from '#serapan/messaging';
import { ManualClock } from '#serapan/service';
import { CatalogConfig } from '../../apps/catalog/src/catalog.config.js';
import { CreateCatalog1764300300000 } from '../../apps/catalog/src/migrations/1764300300000-CreateCatalog.js';
import { ProductOrigin1765000300000 } from '../../apps/catalog/src/migrations/1765000300000-ProductOrigin.js';
import { CertificateExpiryJob } from '../../apps/catalog/src/products/certificate-expiry.job.js';
import { Product, ProductDetails } from '../../apps/catalog/src/products/product.entity.js';
import { Vendor } from '../../apps/catalog/src/vendors/vendor.entity.js';
import { ownDatabase } from '../support/index.js';

/** The job demotes every expired product it finds, so it gets a catalog database of its own. */
const DATABASE = 'serapan_test_certificate_expiry';

describe('certificate expiry: the catalog job on the real database, on a clock the test moves', () => {
  const clock = new ManualClock(new Date('2026-03-10T16:59:00Z')); // 23:59 on 10 March in Jakarta
  let db: DataSource;
  let job: CertificateExpiryJob;

  before(async () => {
    db = await ownDatabase(DATABASE, [Vendor, Product], [CreateCatalog1764300300000, ProductOrigin1765000300000]);
    const outbox = new OutboxService({ source: '/serapan/catalog', validateOutgoing: true } as MessagingOptions);
    job = new CertificateExpiryJob(db, outbox, clock, new CatalogConfig());
  });

  after(() => db?.destroy());

  const aProduct = (vendor: Vendor, sku: string, tkdnCertificateExpiresOn: string): Product => {
    const details: ProductDetails = {
      sku,
      name: 'Kertas A4 80 gsm',
      categoryCode: '32129',
      unit: 'rim',
      priceIdr: '52000',
      stock: 10,
      origin: 'domestic',
      tkdnPercent: 30,
      bmpPercent: 10,
      tkdnCertificateNo: `TKDN-${sku}`,
      tkdnCertificateExpiresOn,
      catalogType: 'national',
    };
    return Product.list(vendor, details, '2026-03-01', new Date('2026-03-01T03:00:00Z'));
  };

  test('a certificate valid through 10 March demotes its product to uncertified at midnight Jakarta time, once, and publishes it', async () => {
    const vendor = Vendor.firstUse(randomUUID(), new Date('2026-03-01T03:00:00Z'));
    const [expiring, valid] = [aProduct(vendor, 'A', '2026-03-10'), aProduct(vendor, 'B', '2026-03-20')];
    await db.manager.insert(Vendor, vendor);
    await db.manager.insert(Product, [expiring, valid]);

    assert.equal(await job.demoteExpired(), 0, 'still 10 March in Jakarta');
    clock.advance(60_000);
    assert.equal(await job.demoteExpired(), 1);
    assert.equal(await job.demoteExpired(), 0, 'a demoted product is not demoted again');

    const demoted = await db.manager.findOneByOrFail(Product, { id: expiring.id });
    assert.deepEqual([demoted.pdnTier, demoted.version, demoted.updatedAt.toISOString()], ['uncertified', 2, '2026-03-10T17:00:00.000Z']);
    assert.equal((await db.manager.findOneByOrFail(Product, { id: valid.id })).pdnTier, 'top');
    const events = await sql<{ type: string; pdnTier: string; origin: string }>(
      db,
      `SELECT event_type AS type, payload->'data'->>'pdnTier' AS "pdnTier", payload->'data'->>'origin' AS origin FROM outbox WHERE message_key = $1`,
      [expiring.id],
    );
    assert.deepEqual(events, [{ type: EventTypes.productUpdated, pdnTier: 'uncertified', origin: 'domestic' }]);
  });
});
