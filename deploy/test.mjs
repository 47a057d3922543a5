// npm test: starts Kafka, PostgreSQL and the services with fresh test databases,
// runs every compiled spec with node's test runner (TEST_CONCURRENCY files at once, 4 by default),
// then stops what it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { writeKeyPair } from './lib/keys.mjs';
import { log } from './lib/log.mjs';
import { root } from './lib/paths.mjs';
import { startStack } from './lib/stack.mjs';
import { PROMETHEUS_BINARY } from './lib/prometheus.mjs';
import { envInteger } from './lib/env.mjs';
import { SERVICE_NAMES } from '../dist/libs/contracts/src/index.js';

function specs(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return specs(path);
    return /\.(spec|int-spec|e2e-spec)\.js$/.test(entry) ? [path] : [];
  });
}

// node deploy/test.mjs [part-of-path…]: only the spec files whose path contains one of them
const filters = process.argv.slice(2);
// the suites that cross services take longest, so they start first; the unit specs fill the gaps
const files = ['test', 'apps', 'libs'].flatMap((dir) =>
  specs(join(root, 'dist', dir))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort(),
);
log('test', `${files.length} spec files`);

// what the specs use besides Node: say what to install before anything starts
const missing = [
  ['kcat', ['-V'], 'kcat (Debian package kcat), which some specs use to read and inject raw Kafka messages'],
  ['/usr/bin/chromium', ['--version'], 'Chromium (Debian package chromium) at /usr/bin/chromium, for the browser tests'],
  [PROMETHEUS_BINARY, ['--version'], `Prometheus (Debian package prometheus) at ${PROMETHEUS_BINARY}, which the launcher runs for the metrics spec`],
].filter(([program, args]) => spawnSync(program, args, { stdio: 'ignore' }).error);
if (missing.length > 0) {
  for (const [, , what] of missing) log('test', `missing: ${what}`);
  log('test', `install them (for example: sudo apt-get install ${missing.map(([program]) => basename(program)).join(' ')}) and run again`);
  process.exit(1);
}

/** TEST_KAFKA_SASL_USERNAME/PASSWORD (the admin) and TEST_KAFKA_<SERVICE>_SASL_USERNAME/PASSWORD. */
function kafkaLogins(kafka) {
  const login = (prefix, sasl) => (sasl ? { [`${prefix}_USERNAME`]: sasl.username, [`${prefix}_PASSWORD`]: sasl.password } : {});
  return Object.assign(
    login('TEST_KAFKA_SASL', kafka.client.sasl),
    ...SERVICE_NAMES.map((name) => login(`TEST_KAFKA_${name.toUpperCase()}_SASL`, kafka.serviceClient(name)?.sasl)),
  );
}

// a fresh signing pair for this run, in a folder only this user may enter (mkdtemp makes it 0700)
const keyDir = mkdtempSync(join(tmpdir(), 'serapan-test-keys-'));
const keys = writeKeyPair(keyDir);
const removeKeys = () => rmSync(keyDir, { recursive: true, force: true });
let stack;
const testEnv = {
  CONSUMER_RETRY_DELAY_MS: '50',
  RELAY_POLL_INTERVAL_MS: '200',
  // the gateway reads revoked sessions and disabled users this often, so the sessions suite need not wait 30 s
  SESSION_CHECK_INTERVAL_MS: '500',
  // the specs read the public figures right after changing them
  PUBLIC_ANSWER_CACHE_SECONDS: '0',
};
stack = await startStack({
  databasePrefix: 'serapan_test',
  fresh: true,
  publicKeyFiles: keys.publicKeyFiles,
  privateKeyFile: keys.privateKeyFile,
  serviceEnv: testEnv,
  quiet: true,
  // scraped every second, so the metrics suite sees what it just did
  prometheus: { scrapeInterval: '1s' },
}).catch((error) => {
  log('test', `could not start the stack: ${error.message}`);
  removeKeys();
  process.exit(1);
});

// A second budget replica in the same consumer group: the budget suite races orders across both.
await stack.launch('budget', 1).catch(async (error) => {
  log('test', `could not start a second budget replica: ${error.message}`);
  await stack.stop();
  removeKeys();
  process.exit(1);
});

const child = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--import',
    'reflect-metadata',
    '--test',
    // a spec that leaves a connection open after its tests are done must not hold the run
    '--test-force-exit',
    `--test-concurrency=${envInteger('TEST_CONCURRENCY', 4)}`,
    '--test-reporter=spec',
    ...files.map((f) => relative(root, f)),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      // the broker lets no client in without a user: the specs act as its admin, and as a service where they say so
      ...kafkaLogins(stack.kafka),
      TEST_DATABASE_SERVER_URL: stack.postgres.url,
      TEST_LOG_DIR: stack.logDir,
      TEST_JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      TEST_JWT_PUBLIC_KEY_FILE: keys.publicKeyFiles[0],
      ...Object.fromEntries(Object.values(stack.services).map((s) => [`TEST_${s.name.toUpperCase()}_URL`, s.url])),
      ...Object.fromEntries(Object.entries(stack.databases).map(([name, db]) => [`TEST_${name.toUpperCase()}_DATABASE`, db])),
      ...Object.fromEntries(Object.entries(stack.databaseUrls).map(([name, { url }]) => [`TEST_${name.toUpperCase()}_RUNTIME_DATABASE_URL`, url])),
      ...(stack.prometheus ? { TEST_PROMETHEUS_URL: stack.prometheus.url } : {}),
      TEST_BUDGET_REPLICA_URL: stack.replicas.budget[1].url,
      ...testEnv,
    },
  },
);
const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
await stack.stop();
removeKeys();
process.exit(code);
