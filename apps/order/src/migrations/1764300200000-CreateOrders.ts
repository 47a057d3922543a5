import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1764300200000 implements MigrationInterface {
  name = 'CreateOrders1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_products (
        product_id uuid PRIMARY KEY,
        vendor_id uuid NOT NULL,
        vendor_name text NOT NULL,
        vendor_umk boolean NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        unit text NOT NULL,
        price_idr bigint NOT NULL,
        stock int NOT NULL,
        pdn_tier text NOT NULL,
        status text NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        status text NOT NULL,
        satker_code char(6) NOT NULL,
        kl_code char(3) NOT NULL,
        vendor_id uuid NOT NULL,
        vendor_name text NOT NULL,
        fiscal_year int NOT NULL,
        account_code char(6) NOT NULL,
        rup_code text,
        shipping_fee_idr bigint NOT NULL DEFAULT 0,
        total_idr bigint NOT NULL,
        pdn_idr bigint NOT NULL,
        umk_idr bigint NOT NULL,
        stock_taken boolean NOT NULL DEFAULT false,
        placed_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        vendor_deadline_at timestamptz,
        bast_number text,
        received_on date,
        sp2d_number text,
        paid_on date,
        reason text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (placed_by, idempotency_key)
      )`);
    await q.query(`CREATE INDEX orders_satker ON orders (satker_code, created_at DESC)`);
    await q.query(`CREATE INDEX orders_vendor ON orders (vendor_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_deadline ON orders (vendor_deadline_at) WHERE status = 'AWAITING_VENDOR'`);
    await q.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (id),
        line_no int NOT NULL,
        product_id uuid NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        unit text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_idr bigint NOT NULL,
        subtotal_idr bigint NOT NULL,
        pdn_tier text NOT NULL,
        vendor_umk boolean NOT NULL,
        PRIMARY KEY (order_id, line_no)
      )`);
    await q.query(`
      CREATE TABLE order_timeline (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        cause text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX order_timeline_order ON order_timeline (order_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['order_timeline', 'order_lines', 'orders', 'catalog_products']) await q.query(`DROP TABLE ${table}`);
  }
}
