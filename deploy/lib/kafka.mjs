// The local Kafka cluster: Apache Kafka 3.9.1 jars from Maven Central, KRaft
// mode, KAFKA_NODES (1 by default, 3 for a cluster) combined broker+controller
// nodes on 127.0.0.1. KAFKA_BROKERS set → use that cluster instead.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import kafkajs from 'kafkajs';
import { log, waitFor } from './log.mjs';
import { cacheDir, root } from './paths.mjs';
import { adopt, portAnswers, stopChild } from './processes.mjs';
import { envInteger, envPort } from './env.mjs';

const KAFKA_VERSION = '3.9.1';
const libsDir = join(cacheDir, 'kafka', 'libs');

export function ensureKafkaJars() {
  if (existsSync(join(libsDir, `kafka_2.13-${KAFKA_VERSION}.jar`))) return;
  log('kafka', `fetching Apache Kafka ${KAFKA_VERSION} jars with Maven into .cache/kafka/libs (once)…`);
  for (const tool of ['java', 'mvn']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error) {
      throw new Error(`${tool} was not found: install JDK 17+ and Maven, or set KAFKA_BROKERS to an existing cluster`);
    }
  }
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-f', join(root, 'deploy', 'kafka', 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libsDir}`, '-DincludeScope=runtime'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('Maven could not fetch the Kafka jars (see its output above); check access to Maven Central and run again');
  log('kafka', `${readdirSync(libsDir).length} jars ready`);
}

const quietClient = (brokers) =>
  new kafkajs.Kafka({ clientId: 'serapan-launcher', brokers, logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3000 });

/**
 * Whether the cluster at `brokers` is ready for the services: all `nodes`
 * brokers registered, a group coordinator loaded (consumers join without
 * errors) and the transaction coordinator loaded (an idempotent producer gets
 * its id). On a fresh cluster the coordinators take a few seconds to load;
 * waiting here keeps their "coordinator is loading" answers out of the
 * services' logs.
 */
async function brokerAnswers(brokers, nodes = 1, nodeId = undefined) {
  const client = quietClient(brokers);
  const admin = client.admin();
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1, initialRetryTime: 100 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    // after a restart, the node restarted is what counts: another one may be down meanwhile
    if (nodeId === undefined ? cluster.brokers.length < nodes : !cluster.brokers.some((b) => b.nodeId === nodeId)) return false;
    await admin.describeGroups(['serapan-launcher']);
    await producer.connect();
    return true;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/** Ports of node `index` (0-based) are KAFKA_PORT and KAFKA_CONTROLLER_PORT plus 10 per node. */
const NODE_PORT_STEP = 10;

/** The `cluster.id` a formatted log folder belongs to, if it is formatted. */
function clusterIdOf(logDir) {
  const meta = join(logDir, 'meta.properties');
  return existsSync(meta) ? /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1] : undefined;
}

/** server.properties of one combined broker+controller node of an `n`-node cluster. */
function nodeProperties({ id, port, controllerPort, logDir }, voters, n) {
  const replicas = Math.min(3, n);
  const minInSync = Math.min(2, replicas);
  return [
    'process.roles=broker,controller',
    `node.id=${id}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=6',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'offsets.topic.num.partitions=1',
    `offsets.topic.replication.factor=${replicas}`,
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minInSync}`,
    `default.replication.factor=${replicas}`,
    `min.insync.replicas=${minInSync}`,
    // a node that stops heartbeating is fenced after 3 s (9 s by default), so its partitions get new leaders sooner
    ...(n > 1 ? ['broker.session.timeout.ms=3000', 'broker.heartbeat.interval.ms=500'] : []),
    'log.cleaner.dedupe.buffer.size=33554432',
    'message.max.bytes=2097152',
    '',
  ].join('\n');
}

/**
 * One node's process: `start()` spawns it (again, after it died), `stop()`
 * asks it to shut down cleanly. Its output is appended to `<dir>/broker.log`.
 */
function brokerNode(spec, properties, heap) {
  const logFile = join(spec.dir, 'broker.log');
  let child;
  let exited = true;
  const node = {
    ...spec,
    logFile,
    get pid() {
      return child?.pid;
    },
    get process() {
      return child;
    },
    get running() {
      return !exited;
    },
    start() {
      const out = openSync(logFile, 'a');
      child = spawn(
        'java',
        [
          `-Xmx${heap}`,
          `-Xms${heap}`,
          '-XX:+UseG1GC',
          // KAFKA_JMX_PORT: the first node's metrics over JMX on 127.0.0.1, for profiling
          ...(process.env.KAFKA_JMX_PORT && spec.id === 1
            ? [
                `-Dcom.sun.management.jmxremote.port=${process.env.KAFKA_JMX_PORT}`,
                '-Dcom.sun.management.jmxremote.authenticate=false',
                '-Dcom.sun.management.jmxremote.ssl=false',
                '-Djava.rmi.server.hostname=127.0.0.1',
              ]
            : []),
          `-Dlog4j.configuration=file:${join(root, 'deploy', 'kafka', 'log4j.properties')}`,
          '-cp',
          `${libsDir}/*`,
          'kafka.Kafka',
          properties,
        ],
        // its own process group: Ctrl-C reaches the launcher only, which stops the services before the broker
        { stdio: ['ignore', out, out], detached: true },
      );
      closeSync(out);
      adopt(child);
      exited = false;
      child.once('exit', () => (exited = true));
      return child;
    },
    async stop() {
      if (exited) return;
      await stopChild(child, 20_000);
    },
  };
  return node;
}

/**
 * Starts the broker, or with `nodes` > 1 a cluster of that many nodes
 * (formatting their storage on first use), and resolves when every node is
 * registered and the coordinators have loaded. Returns the broker list, the
 * node handles and a stop function. `fresh` starts from an empty log (for
 * fresh databases), and so will not reuse a broker that is already running.
 * One node keeps its data in `dir`, a cluster in `<dir>-<n>nodes/node-<id>`.
 */
export async function startKafka({
  port = envPort('KAFKA_PORT', 9092),
  controllerPort = envPort('KAFKA_CONTROLLER_PORT', 9093),
  nodes = envInteger('KAFKA_NODES', 1, { max: 5 }),
  dir = join(root, '.data', 'kafka'),
  heap = nodes > 1 ? '384m' : '512m',
  fresh = false,
} = {}) {
  if (process.env.KAFKA_BROKERS) {
    const brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    log('kafka', `using KAFKA_BROKERS=${brokers.join(',')}`);
    await waitFor('Kafka at KAFKA_BROKERS', () => brokerAnswers(brokers), { timeoutMs: 30_000 });
    return { brokers, nodes: [], stop: async () => undefined };
  }
  const clusterDir = nodes === 1 ? dir : `${dir}-${nodes}nodes`;
  const specs = Array.from({ length: nodes }, (_, i) => {
    const nodeDir = nodes === 1 ? dir : join(clusterDir, `node-${i + 1}`);
    return { id: i + 1, port: port + i * NODE_PORT_STEP, controllerPort: controllerPort + i * NODE_PORT_STEP, dir: nodeDir, logDir: join(nodeDir, 'logs') };
  });
  const brokers = specs.map((s) => `127.0.0.1:${s.port}`);
  const label = nodes === 1 ? 'broker' : `${nodes}-node cluster`;
  if (fresh && (await portAnswers(port))) {
    throw new Error(`a Kafka broker is already running on port ${port}, and this run needs a fresh one; stop it (is "npm start" running?) or set KAFKA_PORT`);
  }
  if (fresh) for (const spec of specs) rmSync(spec.logDir, { recursive: true, force: true });
  if (await portAnswers(port)) {
    if (await brokerAnswers(brokers, nodes).catch(() => false)) {
      log('kafka', `reusing the ${label} already running on ${brokers.join(',')}`);
      return { brokers, dir: clusterDir, nodes: [], stop: async () => undefined };
    }
    throw new Error(`port ${port} is taken by something that is not a Kafka ${label}; stop it or set KAFKA_PORT`);
  }
  for (const spec of specs.slice(1)) {
    if (await portAnswers(spec.port)) throw new Error(`port ${spec.port} (Kafka node ${spec.id}) is taken; stop what uses it or set KAFKA_PORT`);
  }
  ensureKafkaJars();
  const voters = specs.map((s) => `${s.id}@127.0.0.1:${s.controllerPort}`).join(',');
  // every node of a cluster is formatted with the same id: one already formatted gives it to the others
  const clusterId = specs.map((s) => clusterIdOf(s.logDir)).find(Boolean) ?? randomBytes(16).toString('base64url');
  const handles = specs.map((spec) => {
    mkdirSync(spec.dir, { recursive: true });
    const properties = join(spec.dir, 'server.properties');
    writeFileSync(properties, nodeProperties(spec, voters, nodes));
    if (!clusterIdOf(spec.logDir)) {
      log('kafka', `formatting KRaft storage${nodes > 1 ? ` of node ${spec.id}` : ''}`);
      // base64url may begin with "-": given as --cluster-id=…, the tool cannot take it for an option
      const format = spawnSync('java', ['-cp', `${libsDir}/*`, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties, '-g'], {
        encoding: 'utf8',
      });
      if (format.status !== 0) throw new Error(`formatting Kafka storage failed:\n${format.stdout}${format.stderr}`);
    }
    return brokerNode(spec, properties, heap);
  });
  const stop = async () => {
    if (!handles.some((node) => node.running)) return;
    await Promise.all(handles.map((node) => node.stop()));
    log('kafka', 'stopped');
  };
  for (const node of handles) {
    node.start();
    log('kafka', `starting ${nodes > 1 ? `node ${node.id}` : 'broker'} (pid ${node.pid}, log ${relative(root, node.logFile)})…`);
  }
  try {
    await waitFor(
      `Kafka ${label}`,
      async () => {
        const dead = handles.find((node) => !node.running);
        if (dead) throw Object.assign(new Error(`Kafka node ${dead.id} exited; see ${relative(root, dead.logFile)}`), { fatal: true });
        return brokerAnswers(brokers, nodes);
      },
      { timeoutMs: 90_000 * Math.max(1, nodes / 2), intervalMs: 500, onWait: () => log('kafka', 'still starting…') },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log('kafka', `ready on ${brokers.join(',')}`);
  return {
    brokers,
    dir: clusterDir,
    nodes: handles,
    /** The first node's pid (the only one's, with one node). */
    get pid() {
      return handles[0].pid;
    },
    /** Starts node `id` again (after it died) and resolves once the cluster has all its nodes again. */
    async restart(id) {
      const node = handles.find((n) => n.id === id);
      if (node.running) return node;
      node.start();
      log('kafka', `restarting ${nodes > 1 ? `node ${id}` : 'broker'} (pid ${node.pid})…`);
      await waitFor(
        `Kafka node ${id}`,
        async () => {
          if (!node.running) throw Object.assign(new Error(`Kafka node ${id} exited again; see ${relative(root, node.logFile)}`), { fatal: true });
          return brokerAnswers(brokers, 1, id);
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      log('kafka', `${nodes > 1 ? `node ${id}` : 'broker'} is back`);
      return node;
    },
    stop,
  };
}
