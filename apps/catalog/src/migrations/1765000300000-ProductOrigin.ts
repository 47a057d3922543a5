import { MigrationInterface, QueryRunner } from 'typeorm';
import { EventTypes, Topics } from '#serapan/contracts';
import { OUTBOX_BUCKETS } from '#serapan/messaging';

/**
 * PDN tiers per Perpres 46/2025 (docs/domain.md "PDN tiers"): a product gets
 * the origin its vendor declares. A `none` product that never had a TKDN
 * certificate becomes `import` (the catalog cannot tell it was made in
 * Indonesia; its vendor can declare it domestic); one that had a certificate
 * (demoted to `none` when it expired) stays domestic as `uncertified`, as does
 * any product past its certificate. Every product is published again at a new
 * version, so the compacted topic carries each product's new state with the
 * origin and certificate expiry its readers now need.
 */
/** A `none` product without any TKDN claim: nothing says it was made in Indonesia. */
const NEVER_CERTIFIED = `pdn_tier = 'none' AND tkdn_certificate_no IS NULL AND tkdn_percent = 0`;

export class ProductOrigin1765000300000 implements MigrationInterface {
  name = 'ProductOrigin1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products ADD COLUMN origin text`);
    await q.query(`ALTER TABLE products DROP CONSTRAINT products_pdn_tier_check`);
    await q.query(`
      UPDATE products SET origin = CASE WHEN ${NEVER_CERTIFIED} THEN 'import' ELSE 'domestic' END,
                          pdn_tier = CASE WHEN ${NEVER_CERTIFIED} THEN 'import'
                                          WHEN pdn_tier = 'none' THEN 'uncertified'
                                          WHEN tkdn_certificate_expires_on < (now() AT TIME ZONE 'Asia/Jakarta')::date THEN 'uncertified'
                                          ELSE pdn_tier END,
                          version = version + 1, updated_at = now()`);
    await q.query(`ALTER TABLE products ALTER COLUMN origin SET NOT NULL`);
    await q.query(`ALTER TABLE products ADD CONSTRAINT products_origin_check CHECK (origin IN ('domestic', 'import'))`);
    await q.query(`
      ALTER TABLE products ADD CONSTRAINT products_pdn_tier_check
        CHECK (pdn_tier IN ('top', 'pdn', 'low', 'uncertified', 'import') AND (pdn_tier = 'import') = (origin = 'import'))`);
    await q.query(`DROP INDEX products_domestic_by_price`);
    await q.query(`CREATE INDEX products_domestic_by_price ON products (price_idr, id) WHERE status = 'active' AND origin = 'domestic'`);
    await q.query(`DROP INDEX products_certificate_expiry`);
    await q.query(`CREATE INDEX products_certificate_expiry ON products (tkdn_certificate_expires_on) WHERE pdn_tier IN ('top', 'pdn', 'low')`);
    await q.query(
      `
      WITH p AS (SELECT gen_random_uuid() AS event_id, * FROM products)
      INSERT INTO outbox (event_id, topic, message_key, event_type, payload, bucket)
      SELECT p.event_id, $1, p.id::text, $2,
             json_build_object('specversion', '1.0', 'id', p.event_id, 'source', '/serapan/catalog', 'type', $2::text, 'subject', p.id,
                               'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'datacontenttype', 'application/json', 'data', json_strip_nulls(json_build_object(
                                 'productId', p.id, 'vendorId', p.vendor_id, 'vendorName', p.vendor_name, 'vendorUmk', p.vendor_umk,
                                 'sku', p.sku, 'name', p.name, 'categoryCode', p.category_code, 'unit', p.unit,
                                 'priceIdr', p.price_idr::text, 'stock', p.stock, 'origin', p.origin, 'pdnTier', p.pdn_tier,
                                 'tkdnCertificateExpiresOn', to_char(p.tkdn_certificate_expires_on, 'YYYY-MM-DD'),
                                 'status', p.status, 'version', p.version))),
             hashtext(p.id::text) & ${OUTBOX_BUCKETS - 1}
        FROM p
       ORDER BY p.id`,
      [Topics.product, EventTypes.productUpdated],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP CONSTRAINT products_pdn_tier_check`);
    await q.query(`UPDATE products SET pdn_tier = 'none', version = version + 1 WHERE pdn_tier IN ('import', 'uncertified')`);
    await q.query(`ALTER TABLE products ADD CONSTRAINT products_pdn_tier_check CHECK (pdn_tier IN ('top', 'pdn', 'low', 'none'))`);
    await q.query(`DROP INDEX products_domestic_by_price`);
    await q.query(`CREATE INDEX products_domestic_by_price ON products (price_idr, id) WHERE status = 'active' AND pdn_tier IN ('top', 'pdn')`);
    await q.query(`DROP INDEX products_certificate_expiry`);
    await q.query(`CREATE INDEX products_certificate_expiry ON products (tkdn_certificate_expires_on) WHERE pdn_tier <> 'none'`);
    await q.query(`ALTER TABLE products DROP COLUMN origin`);
  }
}
