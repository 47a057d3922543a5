import { MigrationInterface, QueryRunner } from 'typeorm';

const TIERS = ['top', 'pdn', 'low', 'uncertified', 'import'];

/**
 * Term payments and addenda (docs/domain.md, "Term payments and addenda in
 * the budget"). An order now moves its line in several steps: each term's
 * payment realises what was paid and releases its penalty, each addendum
 * reserves or releases its change. So:
 * - `reservation_steps`: each step of an order the budget has decided, once
 *   (a step re-sent under another event id finds its row and changes nothing);
 * - ledger entries name their step (`order` for the order as a whole: its
 *   placement, cancellation or payment in one; `term N`; `addendum N`), one
 *   entry per order, kind and step; an addendum's entry is of kind `amend`,
 *   its amounts signed (an addendum may raise one part and lower another);
 *   a penalty's release is dated by the SP2D like the realisation beside it;
 * - a committed reservation holds what the order still has committed (less
 *   the terms paid, plus or minus the addenda), never below zero.
 * Every existing entry is of step `order`, every reservation still holds
 * what it did: nothing else changes.
 */
export class TermPaymentsAndAddenda1765100100000 implements MigrationInterface {
  name = 'TermPaymentsAndAddenda1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reservation_steps (
        order_id uuid NOT NULL,
        step text NOT NULL CONSTRAINT step_named CHECK (step ~ '^(term|addendum) [1-9][0-9]*$'),
        event_id text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (order_id, step)
      )`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN step text NOT NULL DEFAULT 'order'`);
    await q.query(
      `ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_order_id_kind_key, ADD CONSTRAINT one_entry_per_step UNIQUE (order_id, kind, step)`,
    );
    await q.query(`
      ALTER TABLE ledger_entries
        DROP CONSTRAINT ledger_entries_kind_check,
        ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('reserve', 'release', 'realise', 'amend')),
        ADD CONSTRAINT step_of_kind CHECK (CASE kind WHEN 'amend' THEN step ~ '^addendum [1-9][0-9]*$'
                                                     WHEN 'reserve' THEN step = 'order'
                                                     ELSE step ~ '^(order|term [1-9][0-9]*)$' END),
        DROP CONSTRAINT ledger_entries_amount_idr_check,
        ADD CONSTRAINT signed_only_when_amending CHECK (amount_idr >= 0 OR kind = 'amend'),
        DROP CONSTRAINT realised_on_realise,
        ADD CONSTRAINT dated_by_sp2d CHECK (realised_on IS NULL OR kind IN ('realise', 'release'))`);
    await q.query(`
      ALTER TABLE reservations ADD CONSTRAINT held_not_negative
        CHECK (status <> 'committed' OR (amount_idr >= 0 AND pdn_idr >= 0 AND umk_idr >= 0 AND ${TIERS.map((t) => `${t}_tier_idr >= 0`).join(' AND ')}))`);
  }

  /** Fails while an order has several entries of one kind (terms paid one by one), or a penalty release is dated: the old schema cannot hold them. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reservations DROP CONSTRAINT held_not_negative`);
    await q.query(`
      ALTER TABLE ledger_entries
        DROP CONSTRAINT dated_by_sp2d,
        ADD CONSTRAINT realised_on_realise CHECK (realised_on IS NULL OR kind = 'realise'),
        DROP CONSTRAINT signed_only_when_amending,
        ADD CONSTRAINT ledger_entries_amount_idr_check CHECK (amount_idr >= 0),
        DROP CONSTRAINT step_of_kind,
        DROP CONSTRAINT ledger_entries_kind_check,
        ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('reserve', 'release', 'realise'))`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT one_entry_per_step, ADD CONSTRAINT ledger_entries_order_id_kind_key UNIQUE (order_id, kind)`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN step`);
    await q.query(`DROP TABLE reservation_steps`);
  }
}
