import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBudget1764300100000 implements MigrationInterface {
  name = 'CreateBudget1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_lines (
        fiscal_year int NOT NULL,
        satker_code char(6) NOT NULL,
        account_code char(6) NOT NULL,
        kl_code char(3) NOT NULL,
        pagu_idr bigint NOT NULL CHECK (pagu_idr >= 0),
        committed_idr bigint NOT NULL DEFAULT 0 CHECK (committed_idr >= 0),
        realised_idr bigint NOT NULL DEFAULT 0 CHECK (realised_idr >= 0),
        committed_pdn_idr bigint NOT NULL DEFAULT 0,
        realised_pdn_idr bigint NOT NULL DEFAULT 0,
        committed_umk_idr bigint NOT NULL DEFAULT 0,
        realised_umk_idr bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fiscal_year, satker_code, account_code),
        CONSTRAINT within_pagu CHECK (committed_idr + realised_idr <= pagu_idr),
        CONSTRAINT account_group CHECK (account_code ~ '^5[23][0-9]{4}$')
      )`);
    await q.query(`CREATE INDEX budget_lines_kl ON budget_lines (fiscal_year, kl_code)`);
    await q.query(`
      CREATE TABLE pagu_revisions (
        id bigserial PRIMARY KEY,
        fiscal_year int NOT NULL,
        satker_code char(6) NOT NULL,
        account_code char(6) NOT NULL,
        previous_pagu_idr bigint,
        pagu_idr bigint NOT NULL,
        revised_by text NOT NULL,
        revised_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX pagu_revisions_line ON pagu_revisions (fiscal_year, satker_code, account_code, revised_at)`);
    await q.query(`
      CREATE TABLE reservations (
        order_id uuid PRIMARY KEY,
        fiscal_year int NOT NULL,
        satker_code char(6) NOT NULL,
        kl_code char(3) NOT NULL,
        account_code char(6) NOT NULL,
        amount_idr bigint NOT NULL,
        pdn_idr bigint NOT NULL,
        umk_idr bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('committed', 'rejected', 'released', 'realised')),
        placed_at timestamptz NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        settled_at timestamptz
      )`);
    await q.query(`CREATE INDEX reservations_satker ON reservations (fiscal_year, satker_code)`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL,
        event_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reserve', 'release', 'realise')),
        fiscal_year int NOT NULL,
        satker_code char(6) NOT NULL,
        account_code char(6) NOT NULL,
        amount_idr bigint NOT NULL CHECK (amount_idr >= 0),
        pdn_idr bigint NOT NULL,
        umk_idr bigint NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (order_id, kind)
      )`);
    await q.query(`CREATE INDEX ledger_line ON ledger_entries (fiscal_year, satker_code, account_code, recorded_at)`);
    await q.query(`CREATE RULE ledger_no_update AS ON UPDATE TO ledger_entries DO INSTEAD NOTHING`);
    await q.query(`CREATE RULE ledger_no_delete AS ON DELETE TO ledger_entries DO INSTEAD NOTHING`);
    await q.query(`
      CREATE TABLE weekly_reports (
        week_ending date NOT NULL,
        satker_code char(6) NOT NULL,
        fiscal_year int NOT NULL,
        card jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (week_ending, satker_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['weekly_reports', 'ledger_entries', 'reservations', 'pagu_revisions', 'budget_lines']) await q.query(`DROP TABLE ${table}`);
  }
}
