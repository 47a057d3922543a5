import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's lines and timeline entries are written only in the statements
 * that write or move the order itself, so the foreign keys (a row lock on the
 * order for every child row) buy nothing and cost every placement.
 */
export class ChildrenWrittenWithTheirOrder1764500300000 implements MigrationInterface {
  name = 'ChildrenWrittenWithTheirOrder1764500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_id_fkey`);
    await q.query(`ALTER TABLE order_timeline DROP CONSTRAINT order_timeline_order_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)`);
    await q.query(`ALTER TABLE order_timeline ADD CONSTRAINT order_timeline_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)`);
  }
}
