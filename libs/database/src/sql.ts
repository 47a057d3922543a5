import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** Where a statement runs: a transaction's EntityManager, or a DataSource (a connection from its pool). */
export type SqlExecutor = EntityManager | DataSource;

const names = new Map<string, string>();

/** A prepared statement's name, the same for the same text in every process. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one statement and returns its rows, typed. Each text is prepared once
 * per connection (PostgreSQL parses and plans it once, not on every call).
 * The one place that reaches through TypeORM to its driver's connection: in a
 * transaction, the transaction's; otherwise one from the pool, given back after.
 */
export async function sql<Row extends object = Record<string, unknown>>(db: SqlExecutor, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const result = await client.query<Row>({ name: statementName(text), text, values: params as unknown[] });
    return result.rows;
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** The first row of a statement, or undefined. */
export async function sqlOne<Row extends object = Record<string, unknown>>(
  db: SqlExecutor,
  text: string,
  params: readonly unknown[] = [],
): Promise<Row | undefined> {
  return (await sql<Row>(db, text, params))[0];
}

/** `$n::type[]` placeholders for parallel arrays passed to `unnest(...)`, starting at `$first`. */
export function arrayParams(first: number, types: readonly string[]): string {
  return types.map((type, i) => `$${first + i}::${type}[]`).join(', ');
}
