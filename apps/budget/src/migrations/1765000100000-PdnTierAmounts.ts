import { MigrationInterface, QueryRunner } from 'typeorm';

const TIERS = ['top', 'pdn', 'low', 'uncertified', 'import'];
const columns = (table: string) => `ALTER TABLE ${table} ${TIERS.map((t) => `ADD COLUMN ${t}_tier_idr bigint NOT NULL DEFAULT 0`).join(', ')}`;

/**
 * Spending per PDN tier (docs/domain.md "PDN tiers") on lines (committed +
 * realised), reservations and the ledger, and whether an order was placed
 * with a preference justification. Orders decided before this migration
 * carried no tiers the budget kept: what they counted as PDN (TKDN ≥ 25 %)
 * is put in the `pdn` tier, the rest in none; replaying the order topic into
 * a fresh budget database gives their exact tiers.
 */
export class PdnTierAmounts1765000100000 implements MigrationInterface {
  name = 'PdnTierAmounts1765000100000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['budget_lines', 'reservations', 'ledger_entries']) await q.query(columns(table));
    await q.query(`ALTER TABLE reservations ADD COLUMN justified boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE reservations SET pdn_tier_idr = pdn_idr WHERE pdn_idr <> 0`);
    await q.query(`ALTER TABLE ledger_entries DISABLE RULE ledger_no_update`);
    await q.query(`UPDATE ledger_entries SET pdn_tier_idr = pdn_idr WHERE pdn_idr <> 0`);
    await q.query(`ALTER TABLE ledger_entries ENABLE RULE ledger_no_update`);
    await q.query(`UPDATE budget_lines SET pdn_tier_idr = committed_pdn_idr + realised_pdn_idr WHERE committed_pdn_idr + realised_pdn_idr <> 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reservations DROP COLUMN justified`);
    for (const table of ['budget_lines', 'reservations', 'ledger_entries']) {
      await q.query(`ALTER TABLE ${table} ${TIERS.map((t) => `DROP COLUMN ${t}_tier_idr`).join(', ')}`);
    }
  }
}
