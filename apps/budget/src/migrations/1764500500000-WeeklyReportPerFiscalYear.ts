import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The week that spans 31 December / 1 January has a card per satker for each
 * fiscal year its days belong to (docs/domain.md, "The first week of January").
 */
export class WeeklyReportPerFiscalYear1764500500000 implements MigrationInterface {
  name = 'WeeklyReportPerFiscalYear1764500500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE weekly_reports DROP CONSTRAINT weekly_reports_pkey, ADD PRIMARY KEY (week_ending, satker_code, fiscal_year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM weekly_reports w WHERE w.fiscal_year < (SELECT max(fiscal_year) FROM weekly_reports x WHERE (x.week_ending, x.satker_code) = (w.week_ending, w.satker_code))`,
    );
    await q.query(`ALTER TABLE weekly_reports DROP CONSTRAINT weekly_reports_pkey, ADD PRIMARY KEY (week_ending, satker_code)`);
  }
}
