import pg from 'pg';
import { DataSource } from 'typeorm';
import { type EntityClass, ensureDatabase, migrate, type MigrationClass, postgresOptions } from '#serapan/database';
import { MESSAGING_MIGRATIONS } from '#serapan/messaging';
import { testEnv } from './env.js';

/**
 * A database of the test's own, dropped and migrated afresh, with the outbox
 * and inbox every service has: for the middle tier, one service's code on the
 * real PostgreSQL without Kafka or HTTP.
 */
export async function ownDatabase(name: string, entities: EntityClass[], migrations: MigrationClass[]): Promise<DataSource> {
  const admin = new pg.Client({ connectionString: testEnv.databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const url = testEnv.databaseUrl(name);
  await ensureDatabase(url);
  const db = await new DataSource(postgresOptions(url, entities, [...MESSAGING_MIGRATIONS, ...migrations], 2)).initialize();
  await migrate(db);
  return db;
}
