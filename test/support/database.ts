import pg, { type QueryResultRow } from 'pg';
import { testEnv } from './env.js';

/** Read access to a service's own database, to check what its API does not show. */
export class ServiceDatabase {
  private readonly pool: pg.Pool;

  constructor(service: 'catalog' | 'order' | 'budget') {
    this.pool = new pg.Pool({ connectionString: testEnv.serviceDatabaseUrl(service), max: 2 });
  }

  async query<Row extends QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, params)).rows;
  }

  /** How many of these products the order service's catalog read model holds. */
  async knownProducts(productIds: string[]): Promise<number> {
    const [row] = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_products WHERE product_id = ANY($1::uuid[])', [productIds]);
    return row.n;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
