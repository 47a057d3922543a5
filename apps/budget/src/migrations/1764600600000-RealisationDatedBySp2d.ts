import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A realisation is dated by the treasury's payment order (SP2D), not by when
 * the budget processed it: its ledger entry keeps the SP2D number and date and
 * the BAST date, for the report card's weeks and its days to payment. Entries
 * from before have none; the report dates those by when they were recorded.
 */
export class RealisationDatedBySp2d1764600600000 implements MigrationInterface {
  name = 'RealisationDatedBySp2d1764600600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN sp2d_number text, ADD COLUMN realised_on date, ADD COLUMN received_on date`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT realised_on_realise CHECK (realised_on IS NULL OR kind = 'realise')`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT paid_after_receipt CHECK (realised_on >= received_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT paid_after_receipt, DROP CONSTRAINT realised_on_realise`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN received_on, DROP COLUMN realised_on, DROP COLUMN sp2d_number`);
  }
}
