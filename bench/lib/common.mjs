// What the benchmark, chaos and fuzz drivers share: flags, the stack (started
// or attached), an HTTP client with keep-alive, statistics, RSS, consumer lag
// and dead letters.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { Pool } from 'undici';
import { TokenMinter } from '../../dist/libs/auth/src/testing/index.js';
import { localKeyFiles } from '../../deploy/lib/keys.mjs';
import { log, sleep } from '../../deploy/lib/log.mjs';
import { root } from '../../deploy/lib/paths.mjs';
import { databaseUrl, query, startPostgres } from '../../deploy/lib/postgres.mjs';
import { httpStatus, pidListeningOn } from '../../deploy/lib/processes.mjs';
import { SERVICES, startStack } from '../../deploy/lib/stack.mjs';
import { stackKafka } from '../../deploy/lib/running-stack.mjs';
import { kafkajsConfig } from '../../deploy/lib/kafka.mjs';

export { log, sleep };

/** The services' own consumer groups (not the per-run groups of watchers and live feeds). */
export const isServiceGroup = (groupId) => /^serapan-(catalog|order|budget)$/.test(groupId);

/** `--rate 100 --duration=60 --ci` → `{ rate: '100', duration: '60', ci: true }`. */
export function flags(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument ${argv[i]}`);
    const [, name, inline] = match;
    if (inline !== undefined) out[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[name] = argv[++i];
    else out[name] = true;
  }
  return out;
}

export const machine = () => ({ cores: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) });
export const loadLine = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1/5/15 min) on ${cpus().length} cores`;

/**
 * Starts the stack on its own databases (`<prefix>_<service>`), or with
 * SERAPAN_ATTACH=1 finds a running one on the configured ports (services'
 * pids from the listening sockets). Tokens are signed with the key in .data/secrets either way.
 * `query(service, sql, params)` runs one statement on a service's database.
 */
export async function bringUp({ prefix, fresh = false, replicas = 1, serviceEnv = {} }) {
  const keys = localKeyFiles();
  const minter = new TokenMinter(keys);
  if (process.env.SERAPAN_ATTACH === '1') {
    const postgres = await startPostgres();
    const client = stackKafka();
    const { brokers } = client;
    const attachPrefix = process.env.SERAPAN_DATABASE_PREFIX ?? 'serapan';
    const services = Object.fromEntries(SERVICES.map(({ name, port }) => [name, { name, url: `http://127.0.0.1:${port}`, pid: pidListeningOn(port) }]));
    for (const s of Object.values(services)) {
      if ((await httpStatus(`${s.url}/health`)) !== 200) throw new Error(`SERAPAN_ATTACH=1 but ${s.name} does not answer at ${s.url}/health`);
    }
    log('bench', `attached to the running stack (databases ${attachPrefix}_*)`);
    const databases = Object.fromEntries(SERVICES.map((s) => [s.name, databaseUrl(postgres.url, `${attachPrefix}_${s.name}`)]));
    return {
      attached: true,
      brokers,
      client,
      serverUrl: postgres.url,
      databases,
      query: queryOn(databases),
      services,
      replicas: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, [s]])),
      minter,
      stop: async () => undefined,
    };
  }
  const stack = await startStack({
    databasePrefix: prefix,
    fresh,
    publicKeyFiles: keys.publicKeyFiles,
    privateKeyFile: keys.privateKeyFile,
    serviceEnv,
    quiet: true,
    replicas,
  });
  const databases = Object.fromEntries(Object.entries(stack.databases).map(([n, db]) => [n, databaseUrl(stack.postgres.url, db)]));
  return {
    attached: false,
    stack,
    kafka: stack.kafka,
    brokers: stack.kafka.brokers,
    /** Kafka client settings as the broker's admin (`{ brokers, sasl, tls }`). */
    client: stack.kafka.client,
    serverUrl: stack.postgres.url,
    databases,
    query: queryOn(databases),
    services: stack.services,
    replicas: stack.replicas,
    minter,
    stop: stack.stop,
  };
}

const queryOn = (databases) => (service, sql, params) => query(databases[service], sql, params);

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function ownCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return 0;
  }
}

/**
 * CPU seconds (user + system) a process has used so far; with `children`,
 * also its live child processes' (PostgreSQL's backends).
 */
export function cpuSecondsOf(pid, { children = false } = {}) {
  if (!pid) return null;
  let total = ownCpuSeconds(pid);
  if (children) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid)) total += ownCpuSeconds(entry);
      } catch {
        // gone meanwhile
      }
    }
  }
  return total;
}

/** Peak and current resident memory of a process, in MB (VmHWM, VmRSS). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return { peakMb: null, rssMb: null };
  }
}

/** A keep-alive HTTP/1.1 client for 127.0.0.1 that resolves `{ status, body, ms }` and never throws on a status. */
export function httpClient(maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const request = (url, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) =>
    new Promise((resolve) => {
      const started = performance.now();
      const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const req = http.request(
        url,
        {
          method,
          agent,
          headers: { ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode, headers: res.headers, body: json, text, ms: performance.now() - started });
          });
          res.on('error', (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  return { request, close: () => agent.destroy() };
}

/**
 * A lean client for the load itself (undici's pool: much less CPU per request
 * than node:http, which matters when the driver shares two cores with the
 * system it measures). Resolves `{ status, body, ms }` for JSON answers.
 */
export function loadClient(origin, connections = 64) {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const request = async (path, { method = 'GET', headers = {}, body } = {}) => {
    const started = performance.now();
    try {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const answer = await pool.request({
        path,
        method,
        headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: payload,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const text = await answer.body.text();
      let json;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: answer.statusCode, body: json, text, ms: performance.now() - started };
    } catch (error) {
      return { status: 0, error: error.message, ms: performance.now() - started };
    }
  };
  return { request, close: () => pool.close() };
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
export function summary(values) {
  const sorted = Float64Array.from(values).sort();
  const r = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  return { n: sorted.length, p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)), max: r(sorted.at(-1) ?? null) };
}

/** Committed offsets of the services' consumer groups against the topics' end offsets. */
export async function consumerLag(admin) {
  const { groups } = await admin.listGroups();
  const result = {};
  for (const { groupId } of groups.filter((g) => isServiceGroup(g.groupId))) {
    const committed = await admin.fetchOffsets({ groupId });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      if (partitions.every((p) => p.offset === '-1')) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of partitions) {
        const end = BigInt(ends.find((e) => e.partition === p.partition)?.high ?? '0');
        const at = p.offset === '-1' ? 0n : BigInt(p.offset);
        lag += Number(end - at);
      }
    }
    result[groupId] = lag;
  }
  return result;
}

/** kcat's (librdkafka's) settings to log in as `client` (its SASL and TLS), after `-b <broker>`. */
export function kcatLogin(client) {
  const protocol = `${client.sasl ? 'SASL_' : ''}${client.tls ? 'SSL' : 'PLAINTEXT'}`;
  const sasl = client.sasl
    ? [`sasl.mechanisms=${client.sasl.mechanism.toUpperCase()}`, `sasl.username=${client.sasl.username}`, `sasl.password=${client.sasl.password}`]
    : [];
  return [`security.protocol=${protocol}`, ...sasl].flatMap((setting) => ['-X', setting]);
}

/** Runs kcat and returns what it printed; throws when it fails. */
export function kcat(argv, input) {
  const out = spawnSync('kcat', argv, { encoding: 'utf8', timeout: 30_000, input });
  // (without the sasl.password kcatLogin put there)
  if (out.status !== 0) throw new Error(`kcat ${argv.filter((a) => !a.startsWith('sasl.password=')).join(' ')} failed: ${out.stderr || out.error?.message}`);
  return out.stdout;
}

/**
 * What reached a dead-letter topic's partition from `offset` on (read with
 * kcat): each message's raw headers, consumer group and dlq-reason.
 */
export function deadLetters(client, topic, partition, offset) {
  return kcat(['-C', '-b', client.brokers[0], ...kcatLogin(client), '-t', topic, '-p', String(partition), '-o', String(offset), '-e', '-q', '-f', '%h\\n'])
    .split('\n')
    .filter(Boolean)
    .map((headers) => ({ headers, group: /dlq-consumer-group=([^,]+)/.exec(headers)?.[1] ?? '?', reason: /dlq-reason=([^,]*)/.exec(headers)?.[1] }));
}

/** An admin client of `client` (`{ brokers, sasl, tls }`, bringUp's `client`). */
export function kafkaAdmin(client) {
  return new kafkajs.Kafka(kafkajsConfig(client, 'serapan-bench', { logLevel: kafkajs.logLevel.NOTHING })).admin();
}

/** Writes `bench/results/<name>-<timestamp>.json` and returns its path. */
export function saveResult(name, data) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** A markdown table from rows of equal keys. */
export function table(rows) {
  const keys = Object.keys(rows[0]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(keys), line(keys.map(() => '---')), ...rows.map((row) => line(keys.map((k) => String(row[k] ?? ''))))].join('\n');
}

/** A seeded random generator, so two runs order the same things. */
export function seededRandom(seed) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
