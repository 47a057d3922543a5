import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The preference cascade's look-up reads, per category, the few best listed
 * products in stock. The stored tier's rank becomes a column so one index
 * serves it in order and the look-up stops after the first few rows, however
 * many products a category lists.
 */
export class CascadeLookupIndex1765000400000 implements MigrationInterface {
  name = 'CascadeLookupIndex1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog_products ADD COLUMN pdn_tier_rank smallint
        GENERATED ALWAYS AS (array_position(ARRAY['top', 'pdn', 'low', 'uncertified', 'import']::text[], pdn_tier)) STORED`);
    await q.query(`DROP INDEX catalog_products_listed_by_category`);
    await q.query(`CREATE INDEX catalog_products_cascade ON catalog_products (category_code, pdn_tier_rank, name, product_id)
                   INCLUDE (pdn_tier, tkdn_certificate_expires_on) WHERE status = 'active' AND stock > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog_products_cascade`);
    await q.query(`ALTER TABLE catalog_products DROP COLUMN pdn_tier_rank`);
    await q.query(`CREATE INDEX catalog_products_listed_by_category ON catalog_products (category_code) INCLUDE (pdn_tier, tkdn_certificate_expires_on, stock)
                   WHERE status = 'active'`);
  }
}
