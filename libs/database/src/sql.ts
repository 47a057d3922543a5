import { DataSource, EntityManager } from 'typeorm';

/** Where a statement runs: a transaction's EntityManager, or a DataSource (a connection from its pool). */
export type SqlExecutor = EntityManager | DataSource;

/**
 * Runs one statement and returns its rows, typed. The one place that knows
 * TypeORM's raw result shapes (rows for SELECT, `[rows, count]` for UPDATE).
 */
export async function sql<Row extends object = Record<string, unknown>>(db: SqlExecutor, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, params as unknown[], true);
    return (result.records ?? []) as Row[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** The first row of a statement, or undefined. */
export async function sqlOne<Row extends object = Record<string, unknown>>(db: SqlExecutor, text: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await sql<Row>(db, text, params))[0];
}

/** `$n::type[]` placeholders for parallel arrays passed to `unnest(...)`, starting at `$first`. */
export function arrayParams(first: number, types: readonly string[]): string {
  return types.map((type, i) => `$${first + i}::${type}[]`).join(', ');
}
