import type { DataSourceOptions, MigrationInterface, MixedList } from 'typeorm';

/** A TypeORM entity class. */
export type EntityClass = new () => object;

/** A migration class, as TypeORM runs it. */
export type MigrationClass = new () => MigrationInterface;

/**
 * TypeORM options every service shares: PostgreSQL, never `synchronize`;
 * migrations are run by `migrate` (under a lock), not on connect. bigint
 * columns come back as strings (money stays exact).
 */
export function postgresOptions(url: string, entities: MixedList<EntityClass>, migrations: MixedList<MigrationClass>, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // the migrations create the extensions they use; a service's runtime role may not (uuids come from gen_random_uuid())
    installExtensions: false,
    logging: ['error', 'warn'],
    extra: { max: poolSize },
  };
}
