import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open-data feed pages through the timeline in (at, id) order from a
 * given instant (docs/open-data.md), and a bulk file through one fiscal
 * year's orders by id: an index in each order serves a page without sorting
 * the whole table.
 */
export class OpenDataReleaseOrder1765300100000 implements MigrationInterface {
  name = 'OpenDataReleaseOrder1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX order_timeline_feed ON order_timeline (at, id)`);
    await q.query(`CREATE INDEX orders_fiscal_year ON orders (fiscal_year, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_fiscal_year`);
    await q.query(`DROP INDEX order_timeline_feed`);
  }
}
