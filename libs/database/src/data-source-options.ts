import type { DataSourceOptions, MixedList } from 'typeorm';

/**
 * TypeORM options every service shares: PostgreSQL, never `synchronize`;
 * migrations are run by `migrate` (under a lock), not on connect. bigint
 * columns come back as strings (money stays exact).
 */
export function postgresOptions(url: string, entities: MixedList<Function>, migrations: MixedList<Function>, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    extra: { max: poolSize },
  };
}
