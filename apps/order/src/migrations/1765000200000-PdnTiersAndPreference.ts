import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PDN tiers per Perpres 46/2025 (docs/domain.md "PDN tiers" and "Preference
 * cascade"): the catalog read model keeps each product's category, origin and
 * certificate expiry (the cascade compares a category's products, and a
 * certificate that expires demotes its product at once); `none` becomes
 * `import` in the read model and in placed orders' line snapshots; an order
 * keeps the officer's justification for ordering below a better tier.
 * Category, origin and expiry arrive with the catalog's republished snapshots.
 */
export class PdnTiersAndPreference1765000200000 implements MigrationInterface {
  name = 'PdnTiersAndPreference1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog_products ADD COLUMN category_code text, ADD COLUMN origin text, ADD COLUMN tkdn_certificate_expires_on date`);
    await q.query(`
      UPDATE catalog_products SET origin = CASE pdn_tier WHEN 'none' THEN 'import' ELSE 'domestic' END,
                                  pdn_tier = CASE pdn_tier WHEN 'none' THEN 'import' ELSE pdn_tier END`);
    await q.query(`ALTER TABLE catalog_products ALTER COLUMN origin SET NOT NULL`);
    await q.query(`CREATE INDEX catalog_products_listed_by_category ON catalog_products (category_code) INCLUDE (pdn_tier, tkdn_certificate_expires_on, stock)
                   WHERE status = 'active'`);
    await q.query(`UPDATE order_lines SET pdn_tier = 'import' WHERE pdn_tier = 'none'`);
    await q.query(`
      UPDATE orders o SET lines_snapshot = (
        SELECT json_agg(CASE WHEN l->>'pdnTier' = 'none' THEN jsonb_set(l::jsonb, '{pdnTier}', '"import"')::json ELSE l END ORDER BY i)
          FROM json_array_elements(o.lines_snapshot) WITH ORDINALITY AS x (l, i))
       WHERE EXISTS (SELECT 1 FROM json_array_elements(o.lines_snapshot) l WHERE l->>'pdnTier' = 'none')`);
    await q.query(`ALTER TABLE orders ADD COLUMN justification text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN justification`);
    await q.query(`DROP INDEX catalog_products_listed_by_category`);
    await q.query(`UPDATE catalog_products SET pdn_tier = 'none' WHERE pdn_tier IN ('import', 'uncertified')`);
    await q.query(`ALTER TABLE catalog_products DROP COLUMN category_code, DROP COLUMN origin, DROP COLUMN tkdn_certificate_expires_on`);
  }
}
