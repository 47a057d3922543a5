import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pagu from the DIPA (docs/domain.md, rules 13–15): blocked funds (blokir) per
 * line, kept with each pagu revision, and the satker → K/L registry, filled
 * from the lines that exist.
 */
export class DipaBlokirSatkers1764400300000 implements MigrationInterface {
  name = 'DipaBlokirSatkers1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budget_lines ADD COLUMN blokir_idr bigint NOT NULL DEFAULT 0 CONSTRAINT blokir_not_negative CHECK (blokir_idr >= 0)`);
    await q.query(`ALTER TABLE budget_lines ADD CONSTRAINT blokir_within_pagu CHECK (blokir_idr <= pagu_idr)`);
    await q.query(`ALTER TABLE budget_lines DROP CONSTRAINT within_pagu`);
    await q.query(`ALTER TABLE budget_lines ADD CONSTRAINT within_pagu CHECK (committed_idr + realised_idr <= pagu_idr - blokir_idr)`);
    await q.query(
      `ALTER TABLE pagu_revisions ADD COLUMN blokir_idr bigint NOT NULL DEFAULT 0, ADD COLUMN previous_blokir_idr bigint, ADD COLUMN dipa_number text`,
    );
    await q.query(`
      CREATE TABLE satkers (
        code char(6) PRIMARY KEY,
        kl_code char(3) NOT NULL,
        name text,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `INSERT INTO satkers (code, kl_code) SELECT DISTINCT ON (satker_code) satker_code, kl_code FROM budget_lines ORDER BY satker_code, fiscal_year DESC`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE satkers`);
    await q.query(`ALTER TABLE pagu_revisions DROP COLUMN blokir_idr, DROP COLUMN previous_blokir_idr, DROP COLUMN dipa_number`);
    await q.query(`ALTER TABLE budget_lines DROP CONSTRAINT within_pagu`);
    await q.query(`ALTER TABLE budget_lines DROP CONSTRAINT blokir_within_pagu, DROP COLUMN blokir_idr`);
    await q.query(`ALTER TABLE budget_lines ADD CONSTRAINT within_pagu CHECK (committed_idr + realised_idr <= pagu_idr)`);
  }
}
