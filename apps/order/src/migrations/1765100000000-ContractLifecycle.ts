import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-Katalog v6 contract lifecycle (docs/domain.md, rules 21–26):
 * - on orders: who approved the purchase order and whether its officer was a
 *   PPK, the negotiation's deadline, the agreed delivery date, the contract's
 *   version (one more per addendum applied) and the penalties deducted;
 * - on lines: the listed price at opening (a negotiated price never passes it);
 * - payment terms, one row each, with their quantities per line, their own
 *   BAST, penalty and SP2D;
 * - every offer of a negotiation, and every addendum with the order before and after it.
 * Orders placed before this are approved as placed (by their officer) and get
 * one term holding all their quantities, in the step the order had reached,
 * due 14 days after placement. Child rows carry no foreign key, as lines and
 * timeline do not: they are written only with their order.
 */
export class ContractLifecycle1765100000000 implements MigrationInterface {
  name = 'ContractLifecycle1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN placed_by_ppk boolean NOT NULL DEFAULT false,
        ADD COLUMN approved_by text,
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN negotiation_deadline_at timestamptz,
        ADD COLUMN delivery_date date,
        ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version > 0),
        ADD COLUMN penalty_idr bigint NOT NULL DEFAULT 0 CHECK (penalty_idr >= 0)`);
    await q.query(`
      UPDATE orders SET approved_by = placed_by, approved_at = created_at,
                        delivery_date = (created_at AT TIME ZONE 'Asia/Jakarta')::date + 14`);
    await q.query(`ALTER TABLE orders ALTER COLUMN delivery_date SET NOT NULL`);
    await q.query(`CREATE INDEX orders_awaiting_approval ON orders (satker_code, created_at) WHERE status = 'AWAITING_APPROVAL'`);
    await q.query(`CREATE INDEX orders_negotiation_deadline ON orders (negotiation_deadline_at) WHERE status = 'NEGOTIATING'`);

    await q.query(`ALTER TABLE order_lines ADD COLUMN list_price_idr bigint, ADD COLUMN shipping_idr bigint NOT NULL DEFAULT 0 CHECK (shipping_idr >= 0)`);
    await q.query(`UPDATE order_lines SET list_price_idr = unit_price_idr`);
    await q.query(`ALTER TABLE order_lines ALTER COLUMN list_price_idr SET NOT NULL, ADD CHECK (unit_price_idr <= list_price_idr)`);

    await q.query(`
      CREATE TABLE order_terms (
        order_id uuid NOT NULL,
        term_no int NOT NULL CHECK (term_no > 0),
        status text NOT NULL DEFAULT 'PLANNED',
        delivery_date date NOT NULL,
        quantities jsonb NOT NULL,
        value_idr bigint NOT NULL CHECK (value_idr >= 0),
        shipped_at timestamptz,
        bast_number text,
        received_on date,
        days_late int CHECK (days_late >= 0),
        penalty_idr bigint NOT NULL DEFAULT 0 CHECK (penalty_idr >= 0 AND penalty_idr <= value_idr),
        sp2d_number text,
        paid_on date,
        PRIMARY KEY (order_id, term_no)
      )`);
    await q.query(`
      INSERT INTO order_terms (order_id, term_no, status, delivery_date, quantities, value_idr, shipped_at, bast_number, received_on, days_late, sp2d_number, paid_on)
      SELECT o.id, 1,
             CASE o.status WHEN 'SHIPPED' THEN 'SHIPPED' WHEN 'RECEIVED' THEN 'RECEIVED' WHEN 'COMPLETED' THEN 'PAID' ELSE 'PLANNED' END,
             o.delivery_date,
             coalesce((SELECT jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'quantity', l.quantity) ORDER BY l.line_no)
                         FROM order_lines l WHERE l.order_id = o.id), '[]'),
             o.total_idr,
             CASE WHEN o.status IN ('SHIPPED', 'RECEIVED', 'COMPLETED') THEN o.updated_at END,
             o.bast_number, o.received_on, CASE WHEN o.received_on IS NOT NULL THEN 0 END, o.sp2d_number, o.paid_on
        FROM orders o`);

    await q.query(`
      CREATE TABLE order_offers (
        order_id uuid NOT NULL,
        round int NOT NULL CHECK (round > 0),
        party text NOT NULL CHECK (party IN ('officer', 'vendor')),
        actor text NOT NULL,
        lines jsonb NOT NULL,
        total_idr bigint NOT NULL CHECK (total_idr >= 0),
        note text,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (order_id, round)
      )`);

    await q.query(`
      CREATE TABLE order_addenda (
        order_id uuid NOT NULL,
        number int NOT NULL CHECK (number > 0),
        status text NOT NULL,
        reason text NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_by text,
        decided_at timestamptz,
        outcome text,
        request jsonb NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        change_idr bigint NOT NULL,
        PRIMARY KEY (order_id, number)
      )`);
    await q.query(`CREATE UNIQUE INDEX order_addenda_one_open ON order_addenda (order_id) WHERE status IN ('PROPOSED', 'PENDING_BUDGET')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_addenda`);
    await q.query(`DROP TABLE order_offers`);
    await q.query(`DROP TABLE order_terms`);
    await q.query(`ALTER TABLE order_lines DROP COLUMN list_price_idr, DROP COLUMN shipping_idr`);
    await q.query(`DROP INDEX orders_negotiation_deadline`);
    await q.query(`DROP INDEX orders_awaiting_approval`);
    await q.query(`
      ALTER TABLE orders DROP COLUMN placed_by_ppk, DROP COLUMN approved_by, DROP COLUMN approved_at, DROP COLUMN negotiation_deadline_at,
                         DROP COLUMN delivery_date, DROP COLUMN version, DROP COLUMN penalty_idr`);
  }
}
