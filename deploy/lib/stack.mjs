// Brings up the whole system: Kafka, PostgreSQL and the services. Used by
// `npm start`, the tests and the benchmarks alike.
import { Topics } from '../../dist/libs/contracts/src/index.js';
import { provisionTopics } from '../../dist/libs/messaging/src/index.js';
import { join } from 'node:path';
import { startKafka } from './kafka.mjs';
import { log } from './log.mjs';
import { databaseUrl, dropDatabases, startPostgres } from './postgres.mjs';
import { dataDir } from './paths.mjs';
import { httpStatus } from './processes.mjs';
import { startService } from './services.mjs';
import { envInteger, envPort } from './env.mjs';

const env = process.env;
env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export const SERVICES = [
  { name: 'gateway', port: envPort('GATEWAY_PORT', 3000) },
  { name: 'catalog', port: envPort('CATALOG_PORT', 3001) },
  { name: 'order', port: envPort('ORDER_PORT', 3002) },
  { name: 'budget', port: envPort('BUDGET_PORT', 3003) },
];

const serviceUrl = (name) => `http://127.0.0.1:${SERVICES.find((s) => s.name === name).port}`;

/** What only the gateway gets: the signing key, where the services are, the demo users. */
const gatewayEnv = (privateKey) => ({
  JWT_PRIVATE_KEY: privateKey,
  CATALOG_URL: serviceUrl('catalog'),
  ORDER_URL: serviceUrl('order'),
  BUDGET_URL: serviceUrl('budget'),
  SEED_DEMO_USERS: 'true',
});

/** Refuses to start (or to recreate databases) while services of another run still answer. */
async function assertPortsFree() {
  for (const { name, port } of SERVICES) {
    if (await httpStatus(`http://127.0.0.1:${port}/health`)) {
      throw new Error(`port ${port} is already answering (a ${name} service of another run?); stop it or set ${name.toUpperCase()}_PORT`);
    }
  }
}
/** Creates the services' topics and their dead-letter topics where missing (the broker does not create topics on use). */
export async function provisionServiceTopics(brokers) {
  const partitions = envInteger('KAFKA_PARTITIONS', 6);
  await provisionTopics({ brokers, clientId: 'serapan-launcher', partitions }, Object.values(Topics));
  log('kafka', `topics ready (${partitions} partitions each, with dead-letter topics)`);
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

/**
 * Starts what is missing and returns handles (and `logDir`, where the services'
 * log files are) plus `stop()`, which stops only
 * what this call started, in reverse order. With `replicas` > 1 each backend
 * service (not the gateway) runs that many instances in one consumer group;
 * `replicas[name]` lists their handles and `launch(name, index)` starts one
 * again (after a crash) with the same settings.
 */
export async function startStack({ databasePrefix = 'serapan', fresh = false, publicKey, privateKey, serviceEnv = {}, quiet = false, replicas = 1 } = {}) {
  const stops = [];
  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      for (const fn of [...stops].reverse()) await fn().catch((error) => log('stack', `stop failed: ${error.message}`));
      running.delete(stop);
    })());
  running.add(stop);
  try {
    await assertPortsFree();
    // each kind of run keeps its own broker log, as it keeps its own databases: fresh databases get a fresh log
    const ownDir = (kind) => join(dataDir, databasePrefix === 'serapan' ? kind : `${kind}-${databasePrefix.replace(/^serapan_/, '')}`);
    const kafkaDir = ownDir('kafka');
    // and its own service logs: .data/logs for npm start, .data/logs-test for the tests
    const logDir = ownDir('logs');
    const kafka = await startKafka({ dir: kafkaDir, fresh });
    stops.push(kafka.stop);
    await provisionServiceTopics(kafka.brokers);
    const postgres = await startPostgres();
    stops.push(postgres.stop);
    const databases = Object.fromEntries(SERVICES.map((s) => [s.name, `${databasePrefix}_${s.name}`]));
    if (fresh) await dropDatabases(postgres.url, Object.values(databases));

    const services = {};
    const instances = {};
    const launch = async (name, index = 0) => {
      const port = replicaPort(SERVICES.find((s) => s.name === name).port, index);
      log(name, `starting on port ${port}…`);
      const handle = await startService(name, {
        port,
        index,
        quiet,
        logDir,
        env: {
          DATABASE_URL: databaseUrl(postgres.url, databases[name]),
          KAFKA_BROKERS: kafka.brokers.join(','),
          JWT_PUBLIC_KEY: publicKey,
          // development and tests check every outgoing event against its contract; the bench turns it off, as production has it
          VALIDATE_OUTGOING_EVENTS: 'true',
          ...(name === 'gateway' ? gatewayEnv(privateKey) : {}),
          ...serviceEnv,
        },
      });
      stops.push(handle.stop);
      instances[name][index] = handle;
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
    return { kafka, postgres, services, replicas: instances, launch, databases, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
