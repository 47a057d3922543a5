import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase-order numbers (nomor surat pesanan), SP-<satker>-<year>-<sequence>:
 * one counter per satker and fiscal year, and the number on the order,
 * unique (it names its satker and year). The SP2D import finds orders by it,
 * so orders the budget confirmed before this migration are numbered here, per
 * satker and fiscal year in placement order, and the counters start after
 * them. Confirmed means past PENDING_BUDGET and not REJECTED; a cancelled
 * order counts only if its timeline shows it reached AWAITING_VENDOR (one
 * cancelled while pending was never confirmed, as assignPurchaseOrderNumbers
 * would not number it either).
 */
export class PurchaseOrderNumbers1764600500000 implements MigrationInterface {
  name = 'PurchaseOrderNumbers1764600500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase_order_counters (
        satker_code char(6) NOT NULL,
        fiscal_year int NOT NULL,
        last_number int NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (satker_code, fiscal_year)
      )`);
    await q.query(`ALTER TABLE orders ADD COLUMN purchase_order_number text`);
    await q.query(`CREATE UNIQUE INDEX orders_purchase_order_number ON orders (purchase_order_number)`);
    await q.query(`
      WITH confirmed AS (
        SELECT o.id, 'SP-' || o.satker_code || '-' || o.fiscal_year || '-' ||
               lpad((row_number() OVER (PARTITION BY o.satker_code, o.fiscal_year ORDER BY o.created_at, o.id))::text, 6, '0') AS number
          FROM orders o
         WHERE o.status NOT IN ('PENDING_BUDGET', 'REJECTED')
           AND (o.status <> 'CANCELLED' OR EXISTS (SELECT 1 FROM order_timeline t WHERE t.order_id = o.id AND t.to_status = 'AWAITING_VENDOR')))
      UPDATE orders o SET purchase_order_number = c.number FROM confirmed c WHERE o.id = c.id`);
    await q.query(`
      INSERT INTO purchase_order_counters (satker_code, fiscal_year, last_number)
      SELECT satker_code, fiscal_year, count(*) FROM orders WHERE purchase_order_number IS NOT NULL GROUP BY satker_code, fiscal_year`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_purchase_order_number`);
    await q.query(`ALTER TABLE orders DROP COLUMN purchase_order_number`);
    await q.query(`DROP TABLE purchase_order_counters`);
  }
}
