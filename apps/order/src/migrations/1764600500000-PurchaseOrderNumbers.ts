import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase-order numbers (nomor surat pesanan), SP-<satker>-<year>-<sequence>:
 * one counter per satker and fiscal year, and the number on the order,
 * unique (it names its satker and year). The SP2D import finds orders by it.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_purchase_order_number`);
    await q.query(`ALTER TABLE orders DROP COLUMN purchase_order_number`);
    await q.query(`DROP TABLE purchase_order_counters`);
  }
}
