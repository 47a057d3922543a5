import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase, migrate, postgresOptions } from '#serapan/database';
import { MESSAGING_MIGRATIONS } from '#serapan/messaging';
import { CreateCatalog1764300300000 } from '../../apps/catalog/src/migrations/1764300300000-CreateCatalog.js';
import { testEnv, uniqueId } from '../support/index.js';

const CATALOG_MIGRATIONS = [...MESSAGING_MIGRATIONS, CreateCatalog1764300300000];

describe('migrations on a real database', { timeout: 120_000 }, () => {
  const databases: string[] = [];

  /** A fresh, empty database and a DataSource (its own pool) on it. */
  async function freshDatabase(): Promise<string> {
    const name = `serapan_test_migrate_${uniqueId()}`;
    databases.push(name);
    await ensureDatabase(testEnv.databaseUrl(name));
    return testEnv.databaseUrl(name);
  }

  const dataSourceOn = (url: string) => new DataSource(postgresOptions(url, [], CATALOG_MIGRATIONS, 4)).initialize();

  after(async () => {
    const admin = new pg.Client({ connectionString: testEnv.databaseServerUrl });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('two replicas starting together run each migration once', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([dataSourceOn(url), dataSourceOn(url)]);
    try {
      await Promise.all([migrate(first), migrate(second)]);
      const recorded: { name: string }[] = await first.query(`SELECT name FROM migrations ORDER BY id`);
      assert.deepEqual(
        recorded.map((m) => m.name),
        CATALOG_MIGRATIONS.map((m) => new m().name).sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13))),
      );
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  test('a migration renamed after it ran is recognised by its former name and not run again', async () => {
    const url = await freshDatabase();
    const db = await dataSourceOn(url);
    try {
      await migrate(db);
      // as a database migrated before the rename records it
      await db.query(`UPDATE migrations SET name = 'CreateCatalog1764400000000', timestamp = 1764400000000 WHERE name = 'CreateCatalog1764300300000'`);
      await migrate(db);
      const names: { name: string }[] = await db.query(`SELECT name FROM migrations WHERE name LIKE 'CreateCatalog%'`);
      assert.deepEqual(names, [{ name: 'CreateCatalog1764300300000' }]);
    } finally {
      await db.destroy();
    }
  });
});
