// The local Kafka broker: Apache Kafka 3.9.1 jars from Maven Central, one
// combined broker+controller in KRaft mode. KAFKA_BROKERS set → use that instead.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import kafkajs from 'kafkajs';
import { log, waitFor } from './log.mjs';
import { cacheDir, root } from './paths.mjs';
import { portAnswers, stopChild } from './processes.mjs';
import { envPort } from './env.mjs';

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

async function brokerAnswers(brokers) {
  const admin = new kafkajs.Kafka({ clientId: 'serapan-launcher', brokers, logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    // and its group coordinator has loaded, so the services' consumers join without errors
    await admin.describeGroups(['serapan-launcher']);
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Starts the broker (formatting its storage on first use) and resolves when it
 * answers metadata requests and can coordinate consumer groups. Returns the broker list and a stop function.
 * `fresh` starts from an empty log (for fresh databases), and so will not
 * reuse a broker that is already running.
 */
export async function startKafka({
  port = envPort('KAFKA_PORT', 9092),
  controllerPort = envPort('KAFKA_CONTROLLER_PORT', 9093),
  dir = join(root, '.data', 'kafka'),
  heap = '512m',
  fresh = false,
} = {}) {
  if (process.env.KAFKA_BROKERS) {
    const brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    log('kafka', `using KAFKA_BROKERS=${brokers.join(',')}`);
    await waitFor('Kafka at KAFKA_BROKERS', () => brokerAnswers(brokers), { timeoutMs: 30_000 });
    return { brokers, stop: async () => undefined };
  }
  const brokers = [`127.0.0.1:${port}`];
  if (fresh && (await portAnswers(port))) {
    throw new Error(`a Kafka broker is already running on port ${port}, and this run needs a fresh one; stop it (is "npm start" running?) or set KAFKA_PORT`);
  }
  if (fresh) rmSync(join(dir, 'logs'), { recursive: true, force: true });
  if (await portAnswers(port)) {
    if (await brokerAnswers(brokers).catch(() => false)) {
      log('kafka', `reusing the broker already running on 127.0.0.1:${port}`);
      return { brokers, dir, stop: async () => undefined };
    }
    throw new Error(`port ${port} is taken by something that is not a Kafka broker; stop it or set KAFKA_PORT`);
  }
  ensureKafkaJars();
  mkdirSync(dir, { recursive: true });
  const logDir = join(dir, 'logs');
  const properties = join(dir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
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
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'log.cleaner.dedupe.buffer.size=33554432',
      'message.max.bytes=2097152',
      '',
    ].join('\n'),
  );
  const classpath = `${libsDir}/*`;
  if (!existsSync(join(logDir, 'meta.properties'))) {
    log('kafka', 'formatting KRaft storage');
    // base64url may begin with "-": given as --cluster-id=…, the tool cannot take it for an option
    const clusterId = randomBytes(16).toString('base64url');
    const format = spawnSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties, '-g'], {
      encoding: 'utf8',
    });
    if (format.status !== 0) throw new Error(`formatting Kafka storage failed:\n${format.stdout}${format.stderr}`);
  }
  const out = openSync(join(dir, 'broker.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xmx${heap}`,
      `-Xms${heap}`,
      '-XX:+UseG1GC',
      // KAFKA_JMX_PORT: the broker's metrics over JMX on 127.0.0.1, for profiling
      ...(process.env.KAFKA_JMX_PORT
        ? [
            `-Dcom.sun.management.jmxremote.port=${process.env.KAFKA_JMX_PORT}`,
            '-Dcom.sun.management.jmxremote.authenticate=false',
            '-Dcom.sun.management.jmxremote.ssl=false',
            '-Djava.rmi.server.hostname=127.0.0.1',
          ]
        : []),
      `-Dlog4j.configuration=file:${join(root, 'deploy', 'kafka', 'log4j.properties')}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      properties,
    ],
    { stdio: ['ignore', out, out] },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  log('kafka', `starting broker (pid ${child.pid}, log ${relative(root, join(dir, 'broker.log'))})…`);
  await waitFor(
    'Kafka broker',
    async () => {
      if (exited) throw Object.assign(new Error(`the broker exited; see ${relative(root, join(dir, 'broker.log'))}`), { fatal: true });
      return brokerAnswers(brokers);
    },
    { timeoutMs: 90_000, intervalMs: 500, onWait: () => log('kafka', 'still starting…') },
  );
  log('kafka', `ready on ${brokers[0]}`);
  return {
    brokers,
    dir,
    pid: child.pid,
    stop: async () => {
      if (exited) return;
      await stopChild(child, 20_000);
      log('kafka', 'stopped');
    },
  };
}
