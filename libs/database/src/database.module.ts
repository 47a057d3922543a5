import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { type EntityClass, type MigrationClass, postgresOptions } from './data-source-options.js';
import { ensureDatabase } from './ensure-database.js';
import { migrate } from './migrate.js';
import { reportPool } from './pool-metrics.js';

export interface DatabaseOptions {
  /** The service's own database; created when missing. */
  url: string;
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
    const { url, entities, migrations = [], poolSize, name } = options;
    return TypeOrmModule.forRootAsync({
      ...(name ? { name } : {}),
      useFactory: async () => {
        await ensureDatabase(url);
        return postgresOptions(url, entities, migrations, poolSize);
      },
      dataSourceFactory: async (dataSourceOptions) => {
        const dataSource = await new DataSource(dataSourceOptions!).initialize();
        if (migrations.length > 0) await migrate(dataSource);
        reportPool(name ?? 'default', dataSource);
        return dataSource;
      },
    });
  }
}
