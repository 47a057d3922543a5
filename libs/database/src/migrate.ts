import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/** Advisory-lock key of the migrations (any constant; locks are per database). */
const MIGRATION_LOCK = 0x5e7a_0001;

/** A migration renamed after it ran somewhere names its former name, so it is not run twice. */
export interface RenamedMigration extends MigrationInterface {
  readonly formerName?: string;
}

/**
 * Runs the pending migrations of `dataSource`, each in its own transaction,
 * while holding a PostgreSQL advisory lock: replicas that start together take
 * turns, and the second finds nothing left to run. `afterwards` runs under
 * the same lock once they are done (grants, which two sessions must not
 * change at once).
 */
export async function migrate(dataSource: DataSource, afterwards?: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const [{ recorded }] = (await runner.query(`SELECT to_regclass('migrations') IS NOT NULL AS recorded`)) as { recorded: boolean }[];
      if (recorded) {
        for (const migration of dataSource.migrations as RenamedMigration[]) {
          if (!migration.formerName || !migration.name) continue;
          const timestamp = Number(/(\d{13})$/.exec(migration.name)?.[1]);
          await runner.query(`UPDATE migrations SET name = $1, timestamp = $2 WHERE name = $3`, [migration.name, timestamp, migration.formerName]);
        }
      }
      await dataSource.runMigrations({ transaction: 'each' });
      if (afterwards) {
        // one transaction: no one sees the grants half made (an append-only table briefly writable)
        await runner.startTransaction();
        try {
          await afterwards(runner);
          await runner.commitTransaction();
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      }
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
