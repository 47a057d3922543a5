import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList, type QueryRunner } from 'typeorm';
import { type EntityClass, type MigrationClass, postgresOptions } from './data-source-options.js';
import { ensureDatabase } from './ensure-database.js';
import { migrate } from './migrate.js';
import { reportPool } from './pool-metrics.js';
import { grantRuntimeAccess } from './runtime-grants.js';

export interface DatabaseOptions {
  /** The service's own database, as its runtime role; created when missing. */
  url: string;
  /**
   * The same database as its owner, who runs the migrations and then grants
   * the runtime role of `url` its rights (see `grantRuntimeAccess`). Unset,
   * `url`'s role runs the migrations itself and owns what they make.
   */
  migrationUrl?: string;
  /** Tables the runtime role may only read and add to (with `migrationUrl`); `audit_log` always is. */
  appendOnly?: readonly string[];
  entities: MixedList<EntityClass>;
  /** Run at start, under a lock; none for a second pool of the same database. */
  migrations?: MigrationClass[];
  poolSize: number;
  /** A named DataSource (a second pool), or the default one. */
  name?: string;
}

/** A service's PostgreSQL database through TypeORM: created if missing, migrated at start; its pool's usage is a metric. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    const { url, migrationUrl, appendOnly, entities, migrations = [], poolSize, name } = options;
    return TypeOrmModule.forRootAsync({
      ...(name ? { name } : {}),
      useFactory: async () => {
        await ensureDatabase(migrationUrl ?? url);
        return postgresOptions(url, entities, migrations, poolSize);
      },
      dataSourceFactory: async (dataSourceOptions) => {
        if (migrations.length > 0 && migrationUrl) await migrateAsOwner(migrationUrl, migrations, runtimeRole(url), appendOnly);
        const dataSource = await new DataSource(dataSourceOptions!).initialize();
        if (migrations.length > 0 && !migrationUrl) await migrate(dataSource);
        reportPool(name ?? 'default', dataSource);
        return dataSource;
      },
    });
  }
}

const runtimeRole = (url: string) => decodeURIComponent(new URL(url).username);

/** Migrates as the owner, on a connection of its own, then grants the runtime role its rights (every start: new tables too). */
async function migrateAsOwner(url: string, migrations: MigrationClass[], role: string, appendOnly?: readonly string[]): Promise<void> {
  const owner = await new DataSource(postgresOptions(url, [], migrations, 2)).initialize();
  try {
    const grants = role && role !== runtimeRole(url) ? (runner: QueryRunner) => grantRuntimeAccess(runner, role, appendOnly) : undefined;
    await migrate(owner, grants);
  } finally {
    await owner.destroy();
  }
}
