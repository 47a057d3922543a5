import { QueryRunner } from 'typeorm';
import type { RenamedMigration } from '#serapan/database';

/**
 * Vendors, products and the stock each accepted order took. Search runs on
 * active products only, so its indexes are partial: one per sort order, one
 * per selective filter, and a trigram index for text search.
 */
export class CreateCatalog1764300300000 implements RenamedMigration {
  name = 'CreateCatalog1764300300000';
  readonly formerName = 'CreateCatalog1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE vendors (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        npwp text,
        nib text,
        umk boolean NOT NULL,
        region text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        vendor_id uuid NOT NULL REFERENCES vendors (id),
        vendor_name text NOT NULL,
        vendor_umk boolean NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        description text,
        category_code text NOT NULL,
        unit text NOT NULL,
        price_idr bigint NOT NULL CHECK (price_idr > 0),
        stock integer NOT NULL CHECK (stock >= 0),
        tkdn_percent numeric(5, 2) NOT NULL CHECK (tkdn_percent BETWEEN 0 AND 100),
        bmp_percent numeric(4, 2) NOT NULL CHECK (bmp_percent BETWEEN 0 AND 15),
        tkdn_certificate_no text,
        tkdn_certificate_expires_on date,
        catalog_type text NOT NULL CHECK (catalog_type IN ('national', 'sectoral', 'local')),
        price_region text,
        pdn_tier text NOT NULL CHECK (pdn_tier IN ('top', 'pdn', 'low', 'none')),
        status text NOT NULL CHECK (status IN ('active', 'delisted')),
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        search_text text GENERATED ALWAYS AS (lower(sku || ' ' || name || ' ' || coalesce(description, ''))) STORED,
        CONSTRAINT products_vendor_sku UNIQUE (vendor_id, sku)
      )`);
    await q.query(`CREATE INDEX products_text ON products USING gin (search_text gin_trgm_ops) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_price ON products (price_idr, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_name ON products (name, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_newest ON products (created_at DESC, id DESC) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_tkdn ON products (tkdn_percent DESC, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_category ON products (category_code, price_idr, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_by_category_newest ON products (category_code, created_at DESC, id DESC) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_domestic_by_price ON products (price_idr, id) WHERE status = 'active' AND pdn_tier IN ('top', 'pdn')`);
    await q.query(`CREATE INDEX products_umk_by_price ON products (price_idr, id) WHERE status = 'active' AND vendor_umk`);
    await q.query(`CREATE INDEX products_certificate_expiry ON products (tkdn_certificate_expires_on) WHERE pdn_tier <> 'none'`);
    await q.query(`
      CREATE TABLE stock_takes (
        order_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        quantity integer NOT NULL CHECK (quantity >= 0),
        taken_at timestamptz NOT NULL DEFAULT now(),
        restored_at timestamptz,
        PRIMARY KEY (order_id, product_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock_takes`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE vendors`);
  }
}
