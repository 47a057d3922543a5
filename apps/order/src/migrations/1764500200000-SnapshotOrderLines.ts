import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every order event carries the order's lines; keeping them on the order row as
 * they were snapshotted at placement lets a transition publish its event from
 * the row it updated, without reading the lines again.
 */
export class SnapshotOrderLines1764500200000 implements MigrationInterface {
  name = 'SnapshotOrderLines1764500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN lines_snapshot json`);
    await q.query(`
      UPDATE orders o SET lines_snapshot = (
        SELECT json_agg(json_build_object('productId', l.product_id, 'quantity', l.quantity, 'unitPriceIdr', l.unit_price_idr::text,
                                          'subtotalIdr', l.subtotal_idr::text, 'pdnTier', l.pdn_tier, 'vendorUmk', l.vendor_umk) ORDER BY l.line_no)
          FROM order_lines l WHERE l.order_id = o.id)`);
    await q.query(`ALTER TABLE orders ALTER COLUMN lines_snapshot SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN lines_snapshot`);
  }
}
