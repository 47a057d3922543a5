// Brings up the whole system: Kafka, PostgreSQL and the services. Used by
// `npm start`, the tests and the benchmarks alike.
import exitHook from 'async-exit-hook';
import { RetentionDays, Topics } from '../../dist/libs/contracts/src/index.js';
import { provisionTopics } from '../../dist/libs/messaging/src/index.js';
import { join, relative } from 'node:path';
import { demoSwitch } from './demo.mjs';
import { startKafka } from './kafka.mjs';
import { startPrometheus } from './prometheus.mjs';
import { log, waitFor } from './log.mjs';
import { dropDatabases, startPostgres } from './postgres.mjs';
import { provisionDatabaseRoles } from './database-roles.mjs';
import { dataDir, root } from './paths.mjs';
import { httpStatus, stopStragglers } from './processes.mjs';
import { startService } from './services.mjs';
import { envInteger, envPort } from './env.mjs';
import { supervise } from './supervisor.mjs';

const env = process.env;
env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export const SERVICES = [
  { name: 'gateway', port: envPort('GATEWAY_PORT', 3000) },
  { name: 'catalog', port: envPort('CATALOG_PORT', 3001) },
  { name: 'order', port: envPort('ORDER_PORT', 3002) },
  { name: 'budget', port: envPort('BUDGET_PORT', 3003) },
];

const serviceUrl = (name) => `http://127.0.0.1:${SERVICES.find((s) => s.name === name).port}`;

/** What only the gateway gets: the signing key's file, where the services are, its address, whether to make the demo users. */
const gatewayEnv = (privateKeyFile, { demo, host }) => ({
  JWT_PRIVATE_KEY_FILE: privateKeyFile,
  CATALOG_URL: serviceUrl('catalog'),
  ORDER_URL: serviceUrl('order'),
  BUDGET_URL: serviceUrl('budget'),
  HOST: host,
  SEED_DEMO_USERS: String(demo),
});

/**
 * What only the order service gets: the base of the open-data export's links,
 * the gateway (where the public reaches it), unless the operator set one, so
 * the links never come from a request's Host header.
 */
const orderEnv = () => ({ OCDS_PUBLIC_BASE_URL: env.OCDS_PUBLIC_BASE_URL || serviceUrl('gateway') });

/**
 * How a service reaches Kafka: as its own SCRAM user on the local broker,
 * allowed only its own topics (kafka.mjs, serviceAcls), without provisioning
 * topics (the launcher did). On a cluster given by KAFKA_BROKERS, the
 * services inherit the launcher's KAFKA_SASL_* and KAFKA_TLS. The gateway
 * does not use Kafka.
 */
function kafkaEnv(name, kafka) {
  if (name === 'gateway') return {};
  const own = kafka.serviceClient(name);
  return {
    PROVISION_TOPICS: 'false',
    ...(own ? { KAFKA_SASL_USERNAME: own.sasl.username, KAFKA_SASL_PASSWORD: own.sasl.password, KAFKA_SASL_MECHANISM: own.sasl.mechanism } : {}),
  };
}

/** Refuses to start (or to recreate databases) while services of another run still answer. */
async function assertPortsFree() {
  for (const { name, port } of SERVICES) {
    if (await httpStatus(`http://127.0.0.1:${port}/health`)) {
      throw new Error(`port ${port} is already answering (a ${name} service of another run?); stop it or set ${name.toUpperCase()}_PORT`);
    }
  }
}
/**
 * How topics are kept, from the same variables the services read
 * (KAFKA_REPLICATION_FACTOR, TOPIC_RETENTION_DAYS), so the launcher and the
 * services provision alike.
 */
export const topicKeeping = () => ({
  replicationFactor: process.env.KAFKA_REPLICATION_FACTOR ? envInteger('KAFKA_REPLICATION_FACTOR', 1, { max: 16 }) : undefined,
  retentionDays: envInteger('TOPIC_RETENTION_DAYS', RetentionDays.default, { min: RetentionDays.least }),
});

/**
 * Creates the services' topics and their dead-letter topics where missing
 * (the broker does not create topics on use), and brings the configuration
 * of topics left by earlier runs up to date. `client` is startKafka's
 * (`{ brokers, sasl, tls }`, the admin): the services themselves may not
 * create topics, and start with PROVISION_TOPICS=false.
 */
export async function provisionServiceTopics(client) {
  const { brokers, sasl, tls } = client;
  const partitions = envInteger('KAFKA_PARTITIONS', 6);
  const keeping = topicKeeping();
  // on a fresh cluster a broker may not know a new topic's leaders yet for a moment: those errors are retried
  const report = await waitFor(
    'the topics',
    () => provisionTopics({ brokers, sasl, tls, clientId: 'serapan-launcher', partitions }, Object.values(Topics), keeping),
    {
      timeoutMs: 60_000,
      intervalMs: 1000,
    },
  );
  log('kafka', `topics ready (${partitions} partitions each, with dead-letter topics; order and budget events kept ${keeping.retentionDays} days)`);
  if (report.created.length > 0) log('kafka', `created ${report.created.join(', ')}`);
  if (report.updated.length > 0) log('kafka', `brought up to date: ${report.updated.join(', ')}`);
  if (report.underReplicated.length > 0) log('kafka', `fewer replicas than the cluster allows (reassign to add them): ${report.underReplicated.join(', ')}`);
}

/** Port of replica `index` (0 = the service's own port): REPLICA_PORT_STEP (10) apart. */
export const replicaPort = (port, index) => port + index * envInteger('REPLICA_PORT_STEP', 10);

/** The stop functions of every stack this process is starting or has started. */
const running = new Set();

/**
 * Stops what every stack of this process has started so far, also one still
 * starting: an exit hook calls it when a start fails halfway.
 */
export const stopStarted = () => Promise.all([...running].map((stop) => stop()));

let exitHooked = false;
/**
 * Ctrl-C, SIGTERM, an exit or an error nothing catches stops what was started
 * (the services, then PostgreSQL and Kafka) before the process ends. The
 * children run in process groups of their own, so the terminal's Ctrl-C
 * reaches only this process and the order is kept.
 */
function stopOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  // longer than the slowest orderly stop: services 10 s, Prometheus 10 s, PostgreSQL 30 s, Kafka 20 s
  exitHook.forceExitTimeout(100_000);
  // (on a plain process.exit the hook runs without a callback)
  exitHook((done) => {
    if (running.size > 0) log('stack', 'stopping…');
    // then whatever was still starting when the stop came
    void stopStarted()
      .then(stopStragglers)
      .finally(() => done?.());
  });
  exitHook.uncaughtExceptionHandler((error) => log('stack', `could not go on: ${error.stack ?? error.message}`));
}

/**
 * Starts what is missing and returns handles (and `logDir`, where the services'
 * log files are) plus `stop()`, which stops only
 * what this call started: the services, then PostgreSQL, then Kafka. With `replicas` > 1 each backend
 * service (not the gateway) runs that many instances in one consumer group;
 * `replicas[name]` lists their handles and `launch(name, index)` starts one
 * again (after a crash) with the same settings. `databaseUrls[name]` is
 * `{ url, migrationUrl }`: the service's database as its runtime and owner roles. With `supervised`, a service
 * instance or Kafka node that dies is restarted alone, with backoff (supervisor.mjs).
 * With `prometheus` (true, or
 * `{ scrapeInterval }`) a Prometheus server scrapes every instance launched,
 * on PROMETHEUS_PORT (9090). `publicKeyFiles` (paths) and `privateKeyFile`
 * are the token keys: every service gets JWT_PUBLIC_KEY_FILES, the gateway also JWT_PRIVATE_KEY_FILE.
 * `demo` in the result says whether the gateway
 * makes the demo users (SERAPAN_DEMO, refused beyond the loopback: demo.mjs).
 */
export async function startStack({
  databasePrefix = 'serapan',
  fresh = false,
  publicKeyFiles,
  privateKeyFile,
  serviceEnv = {},
  quiet = false,
  replicas = 1,
  supervised = false,
  prometheus: withPrometheus = false,
} = {}) {
  const stops = [];
  const serviceStops = [];
  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      const stopOne = (fn) => fn().catch((error) => log('stack', `stop failed: ${error.message}`));
      // the services together first (they flush their work to Kafka and PostgreSQL), then what they use
      await Promise.all(serviceStops.map(stopOne));
      for (const fn of [...stops].reverse()) await stopOne(fn);
      running.delete(stop);
    })());
  const stopping = () => stopped !== undefined;
  running.add(stop);
  stopOnExit();
  try {
    const demo = demoSwitch();
    await assertPortsFree();
    // each kind of run keeps its own broker log, as it keeps its own databases: fresh databases get a fresh log
    const ownDir = (kind) => join(dataDir, databasePrefix === 'serapan' ? kind : `${kind}-${databasePrefix.replace(/^serapan_/, '')}`);
    const kafkaDir = ownDir('kafka');
    // and its own service logs: .data/logs for npm start, .data/logs-test for the tests
    const logDir = ownDir('logs');
    const kafka = await startKafka({ dir: kafkaDir, fresh });
    stops.push(kafka.stop);
    if (supervised) {
      for (const node of kafka.nodes) {
        const part = kafka.nodes.length > 1 ? `kafka-${node.id}` : 'kafka';
        supervise({
          part,
          logFile: relative(root, node.logFile),
          process: node.process,
          restart: async () => (await kafka.restart(node.id)).process,
          stopping,
        });
      }
    }
    await provisionServiceTopics(kafka.client);
    const postgres = await startPostgres();
    stops.push(postgres.stop);
    const databases = Object.fromEntries(SERVICES.map((s) => [s.name, `${databasePrefix}_${s.name}`]));
    if (fresh) await dropDatabases(postgres.url, Object.values(databases));
    // the superuser only makes the roles and databases; each service signs in as its own roles
    const databaseUrls = await provisionDatabaseRoles(postgres.url, databases, { embedded: !process.env.DATABASE_URL });
    const prometheus = withPrometheus
      ? await startPrometheus({
          dir: ownDir('prometheus'),
          port: envPort('PROMETHEUS_PORT', 9090),
          fresh,
          logFile: join(logDir, 'prometheus.log'),
          ...(typeof withPrometheus === 'object' ? withPrometheus : {}),
        })
      : undefined;
    if (prometheus) stops.push(prometheus.stop);
    /** Every instance launched so far, as Prometheus's targets. */
    const scrapeTargets = () =>
      Object.entries(instances).flatMap(([service, handles]) =>
        handles.flatMap((handle, replica) => (handle ? [{ service, replica, port: Number(new URL(handle.url).port) }] : [])),
      );

    const services = {};
    const instances = {};
    const startInstance = async (name, index) => {
      const port = replicaPort(SERVICES.find((s) => s.name === name).port, index);
      log(name, `starting on port ${port}…`);
      const handle = await startService(name, {
        port,
        index,
        quiet,
        logDir,
        onSpawn: (stopIt) => serviceStops.push(stopIt),
        env: {
          DATABASE_URL: databaseUrls[name].url,
          DATABASE_MIGRATION_URL: databaseUrls[name].migrationUrl,
          KAFKA_BROKERS: kafka.brokers.join(','),
          ...kafkaEnv(name, kafka),
          JWT_PUBLIC_KEY_FILES: publicKeyFiles.join(','),
          // development and tests check every outgoing event against its contract; the bench turns it off, as production has it
          VALIDATE_OUTGOING_EVENTS: 'true',
          ...(name === 'gateway' ? gatewayEnv(privateKeyFile, demo) : {}),
          ...(name === 'order' ? orderEnv() : {}),
          ...serviceEnv,
        },
      });
      instances[name][index] = handle;
      prometheus?.setTargets(scrapeTargets());
      return handle;
    };
    const launch = async (name, index = 0) => {
      const handle = await startInstance(name, index);
      if (supervised) {
        const restart = async () => (await startInstance(name, index)).process;
        supervise({ part: handle.label, logFile: relative(root, handle.logFile), process: handle.process, restart, stopping });
      }
      return handle;
    };
    await Promise.all(
      SERVICES.map(async ({ name }) => {
        instances[name] = [];
        services[name] = await launch(name, 0);
        // replicas start one after another, so two never run the migrations at once
        for (let index = 1; index < (name === 'gateway' ? 1 : replicas); index++) await launch(name, index);
      }),
    );
    return { kafka, postgres, prometheus, services, replicas: instances, launch, databases, databaseUrls, logDir, stop, demo: demo.demo };
  } catch (error) {
    await stop();
    throw error;
  }
}
