import type pg from 'pg';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The DataSources whose pools are reported, by the name of the pool. */
const pools = new Map<string, DataSource>();

/** The node-postgres pool under a TypeORM DataSource (the PostgreSQL driver's `master`). */
const poolOf = (dataSource: DataSource): pg.Pool | undefined =>
  dataSource.isInitialized ? (dataSource.driver as unknown as { master?: pg.Pool }).master : undefined;

/** A gauge of one figure of every reported pool, read at scrape time. */
function poolGauge(name: string, help: string, figure: (pool: pg.Pool) => number): Gauge<'pool'> {
  return new Gauge({
    name,
    help,
    labelNames: ['pool'],
    collect() {
      this.reset();
      for (const [label, dataSource] of pools) {
        const pool = poolOf(dataSource);
        if (pool) this.set({ pool: label }, figure(pool));
      }
    },
  });
}

poolGauge('serapan_db_pool_connections', 'Open connections of a database pool', (pool) => pool.totalCount);
poolGauge('serapan_db_pool_idle_connections', 'Open connections of a database pool that no one is using', (pool) => pool.idleCount);
poolGauge('serapan_db_pool_waiting_clients', 'Callers waiting for a connection of a database pool', (pool) => pool.waitingCount);
poolGauge('serapan_db_pool_max_connections', 'Most connections a database pool opens', (pool) => pool.options.max);

/** Reports the pool of `dataSource` as `pool` ("default" for HTTP and jobs, "events" for the consumers). */
export function reportPool(pool: string, dataSource: DataSource): void {
  pools.set(pool, dataSource);
}
