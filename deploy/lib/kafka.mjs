// The local Kafka cluster: Apache Kafka 3.9.1 jars from Maven Central, KRaft
// mode, KAFKA_NODES (1 by default, 3 for a cluster) combined broker+controller
// nodes on 127.0.0.1, which authenticate every client (SASL/SCRAM-SHA-512) and
// authorize it by ACLs. KAFKA_BROKERS set → use that cluster instead, as
// KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD (and KAFKA_TLS) say.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import kafkajs from 'kafkajs';
import { consumerGroupOf, deadLetterTopic, SERVICE_NAMES, topicsOwnedBy, TopicsReadBy } from '../../dist/libs/contracts/src/index.js';
import { log, waitFor } from './log.mjs';
import { cacheDir, root } from './paths.mjs';
import { adopt, portAnswers, stopChild } from './processes.mjs';
import { envInteger, envPort } from './env.mjs';
import { secret } from './secrets.mjs';

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

/** The super user of the local broker: the launcher, the tools and the tests act as it. */
export const KAFKA_ADMIN = 'admin';

/** The local broker's SCRAM user of a service (the name its Strimzi KafkaUser has too). */
export const kafkaUserOf = (service) => `serapan-${service}`;

/** SCRAM-SHA-512 credentials of a local user, its password generated once into .data/secrets/kafka-<user>. */
export const localCredentials = (username) => ({ mechanism: 'scram-sha-512', username, password: secret(`kafka-${username}`) });

/**
 * The settings of a Kafka client of `client` (`{ brokers, sasl, tls }`, as
 * startKafka and stackKafka give them) for kafkajs.
 */
export const kafkajsConfig = (client, clientId, extra = {}) => ({
  clientId,
  brokers: client.brokers,
  ...(client.sasl ? { sasl: client.sasl } : {}),
  ssl: client.tls ?? false,
  ...extra,
});

/**
 * The launcher's own client of a cluster it did not start (KAFKA_BROKERS):
 * SASL from KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD (KAFKA_SASL_MECHANISM,
 * scram-sha-512 by default), TLS when KAFKA_TLS is true; the same variables
 * the services read.
 */
export function clientFromEnv(brokers) {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_MECHANISM: mechanism = 'scram-sha-512', KAFKA_TLS: tls } = process.env;
  if (username && !password) throw new Error('KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_USERNAME');
  if (tls && !['true', 'false', '1', '0', 'yes', 'no'].includes(tls.trim().toLowerCase())) throw new Error('KAFKA_TLS must be true or false');
  return {
    brokers,
    ...(username ? { sasl: { mechanism, username, password } } : {}),
    tls: ['true', '1', 'yes'].includes((tls ?? '').trim().toLowerCase()),
  };
}

const quietClient = (client) =>
  new kafkajs.Kafka(kafkajsConfig(client, 'serapan-launcher', { logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3000 }));

/**
 * Whether the cluster at `brokers` is ready for the services: all `nodes`
 * brokers registered, a group coordinator loaded (consumers join without
 * errors) and the transaction coordinator loaded (an idempotent producer gets
 * its id). On a fresh cluster the coordinators take a few seconds to load;
 * waiting here keeps their "coordinator is loading" answers out of the
 * services' logs.
 */
async function brokerAnswers(client, nodes = 1, nodeId = undefined) {
  const kafka = quietClient(client);
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1, initialRetryTime: 100 } });
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

/**
 * The JAAS line of a listener's PLAIN login: the node logs in as the admin
 * (to the controllers, to the other brokers) and accepts only the admin. The
 * password is a JAAS string literal: base64url has nothing to escape.
 */
const plainLogin = (password) =>
  `org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_ADMIN}" password="${password}" user_${KAFKA_ADMIN}="${password}";`;

/**
 * server.properties of one combined broker+controller node of an `n`-node
 * cluster. Clients authenticate on CLIENT with SCRAM-SHA-512 (users stored in
 * the cluster's metadata); the nodes among themselves (CONTROLLER, and
 * replication on CLIENT) with PLAIN as the admin, whose password is in this
 * file only, so replication never waits for a SCRAM user to exist. Every
 * request is authorized by the ACLs (allowActions); the admin is the one super user.
 */
function nodeProperties({ id, port, controllerPort, logDir }, voters, n, adminPassword) {
  const replicas = Math.min(3, n);
  const minInSync = Math.min(2, replicas);
  return [
    'process.roles=broker,controller',
    `node.id=${id}`,
    `controller.quorum.voters=${voters}`,
    `listeners=CLIENT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=CLIENT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name=CLIENT',
    'sasl.mechanism.inter.broker.protocol=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN',
    `listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
    `listener.name.client.plain.sasl.jaas.config=${plainLogin(adminPassword)}`,
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${plainLogin(adminPassword)}`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${KAFKA_ADMIN}`,
    'allow.everyone.if.no.acl.found=false',
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

const { AclOperationTypes: Op, AclPermissionTypes, AclResourceTypes: Resource, ResourcePatternTypes: Pattern } = kafkajs;

/**
 * What a service may do on the broker: write (and describe) its own topics,
 * read the topics it consumes and write their dead-letter topics, and use the
 * consumer groups that begin with its group's name. Nothing else: no topic
 * creation or configuration, no other service's topics.
 */
export function serviceAcls(service) {
  const principal = `User:${kafkaUserOf(service)}`;
  const allow = (resourceType, resourceName, resourcePatternType, operation) => ({
    resourceType,
    resourceName,
    resourcePatternType,
    principal,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  const topic = (name, operations) => operations.map((operation) => allow(Resource.TOPIC, name, Pattern.LITERAL, operation));
  const acls = [
    ...topicsOwnedBy(service).flatMap((name) => topic(name, [Op.WRITE, Op.DESCRIBE])),
    ...TopicsReadBy[service].flatMap((name) => [...topic(name, [Op.READ, Op.DESCRIBE]), ...topic(deadLetterTopic(name), [Op.WRITE, Op.DESCRIBE])]),
    // DELETE: a one-off reader (a read model's rebuild) removes its own group when it is done
    ...[Op.READ, Op.DELETE].map((operation) => allow(Resource.GROUP, consumerGroupOf(service), Pattern.PREFIXED, operation)),
  ];
  return [...new Map(acls.map((acl) => [aclKey(acl), acl])).values()];
}

const aclKey = (acl) => [acl.principal, acl.resourceType, acl.resourcePatternType, acl.resourceName, acl.operation, acl.permissionType, acl.host].join('|');

/** Makes the services' ACLs what serviceAcls says: adds what is missing, removes what a service may no longer do. */
async function applyServiceAcls(client) {
  const admin = quietClient(client).admin();
  await admin.connect();
  try {
    for (const service of SERVICE_NAMES) {
      const wanted = serviceAcls(service);
      const { resources } = await admin.describeAcls({
        resourceType: Resource.ANY,
        resourcePatternType: Pattern.ANY,
        principal: wanted[0].principal,
        operation: Op.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const present = resources.flatMap(({ resourceType, resourceName, resourcePatternType, acls }) =>
        acls.map((acl) => ({ resourceType, resourceName, resourcePatternType, ...acl })),
      );
      const presentKeys = new Set(present.map(aclKey));
      const wantedKeys = new Set(wanted.map(aclKey));
      const missing = wanted.filter((acl) => !presentKeys.has(aclKey(acl)));
      const stale = present.filter((acl) => !wantedKeys.has(aclKey(acl)));
      if (missing.length > 0) await admin.createAcls({ acl: missing });
      if (stale.length > 0) await admin.deleteAcls({ filters: stale });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Whether `credentials` log in to the cluster at `brokers` (false when the broker refuses them). */
async function logsIn(brokers, credentials) {
  const admin = quietClient({ brokers, sasl: credentials }).admin();
  try {
    await admin.connect();
    return true;
  } catch (error) {
    if (error.name === 'KafkaJSSASLAuthenticationError') return false;
    throw error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Makes sure every SCRAM user logs in with the password in .data/secrets.
 * Storage formatted now got them at format time; storage formatted by an
 * earlier run (or secrets made anew) gets them set here, with Kafka's
 * ConfigCommand logged in as the admin over PLAIN (whose password goes
 * through a file readable by its owner only). The tool takes a SCRAM password
 * on its command line only, so on this rare path it is visible to local
 * users' `ps` for a second or two.
 */
function setScramUsers(dir, bootstrap, adminPassword, users) {
  const commandConfig = join(dir, 'admin-client.properties');
  writePrivate(commandConfig, ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=PLAIN', `sasl.jaas.config=${plainLogin(adminPassword)}`, ''].join('\n'));
  try {
    for (const { username, password } of users) {
      const result = spawnSync(
        'java',
        [
          '-cp',
          `${libsDir}/*`,
          'kafka.admin.ConfigCommand',
          '--bootstrap-server',
          bootstrap,
          '--command-config',
          commandConfig,
          '--alter',
          '--entity-type',
          'users',
          '--entity-name',
          username,
          '--add-config',
          `SCRAM-SHA-512=[iterations=4096,password=${password}]`,
        ],
        { encoding: 'utf8' },
      );
      const said = withoutPasswords(`${result.stdout}${result.stderr}`, [...users, { password: adminPassword }]);
      if (result.status !== 0) throw new Error(`could not set the Kafka user ${username}:\n${said}`);
      log('kafka', `SCRAM user ${username} set`);
    }
  } finally {
    rmSync(commandConfig, { force: true });
  }
}

/** A tool's output as it may be shown: the passwords it may echo blanked out. */
const withoutPasswords = (text, users) => users.reduce((shown, { password }) => shown.replaceAll(password, '…'), text);

/** Writes `text` to `path`, readable and writable by its owner only (also when the file was there before). */
function writePrivate(path, text) {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * The users of the local cluster (the admin and one per service) log in, and
 * the services' ACLs are in place.
 */
async function secureCluster(dir, brokers, admin, users) {
  const refused = [];
  for (const user of users) if (!(await logsIn(brokers, user))) refused.push(user);
  if (refused.length > 0) {
    setScramUsers(dir, brokers[0], admin.password, refused);
    // a user set through the controller reaches every broker's metadata a moment later
    for (const user of refused) await waitFor(`the Kafka user ${user.username}`, () => logsIn(brokers, user), { timeoutMs: 30_000, intervalMs: 300 });
  }
  await applyServiceAcls({ brokers, sasl: admin });
}

/**
 * Starts the broker, or with `nodes` > 1 a cluster of that many nodes
 * (formatting their storage on first use), and resolves when every node is
 * registered and the coordinators have loaded, the SCRAM users log in and the
 * services' ACLs are set. Returns the broker list, `client` (brokers and the
 * admin's SASL settings, for the launcher's and the tools' clients),
 * `serviceClient(name)` (a service's own, undefined on a cluster given by
 * KAFKA_BROKERS), the node handles and a stop function. `fresh` starts from
 * an empty log (for fresh databases), and so will not reuse a broker that is
 * already running. One node keeps its data in `dir`, a cluster in
 * `<dir>-<n>nodes/node-<id>`.
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
    const client = clientFromEnv(brokers);
    log('kafka', `using KAFKA_BROKERS=${brokers.join(',')}${client.sasl ? ` as ${client.sasl.username}` : ''}${client.tls ? ' over TLS' : ''}`);
    await waitFor('Kafka at KAFKA_BROKERS', () => brokerAnswers(client), { timeoutMs: 30_000 });
    return { brokers, client, serviceClient: () => undefined, nodes: [], stop: async () => undefined };
  }
  const clusterDir = nodes === 1 ? dir : `${dir}-${nodes}nodes`;
  const specs = Array.from({ length: nodes }, (_, i) => {
    const nodeDir = nodes === 1 ? dir : join(clusterDir, `node-${i + 1}`);
    return { id: i + 1, port: port + i * NODE_PORT_STEP, controllerPort: controllerPort + i * NODE_PORT_STEP, dir: nodeDir, logDir: join(nodeDir, 'logs') };
  });
  const brokers = specs.map((s) => `127.0.0.1:${s.port}`);
  const admin = localCredentials(KAFKA_ADMIN);
  const users = [admin, ...SERVICE_NAMES.map((name) => localCredentials(kafkaUserOf(name)))];
  const client = { brokers, sasl: admin, tls: false };
  const serviceClient = (name) => ({ brokers, sasl: localCredentials(kafkaUserOf(name)), tls: false });
  // how the launcher asks whether the nodes are up: as the admin over PLAIN, which needs no SCRAM user yet
  const nodeClient = { brokers, sasl: { mechanism: 'plain', username: KAFKA_ADMIN, password: admin.password } };
  const secure = () => secureCluster(clusterDir, brokers, admin, users);
  const label = nodes === 1 ? 'broker' : `${nodes}-node cluster`;
  if (fresh && (await portAnswers(port))) {
    throw new Error(`a Kafka broker is already running on port ${port}, and this run needs a fresh one; stop it (is "npm start" running?) or set KAFKA_PORT`);
  }
  if (fresh) for (const spec of specs) rmSync(spec.logDir, { recursive: true, force: true });
  if (await portAnswers(port)) {
    if (await brokerAnswers(nodeClient, nodes).catch(() => false)) {
      log('kafka', `reusing the ${label} already running on ${brokers.join(',')}`);
      await secure();
      return { brokers, client, serviceClient, dir: clusterDir, nodes: [], stop: async () => undefined };
    }
    throw new Error(
      `port ${port} is taken by something that is not a Kafka ${label} that lets the admin of .data/secrets in (a broker of an older run?); stop it or set KAFKA_PORT`,
    );
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
    // it holds the admin's password
    writePrivate(properties, nodeProperties(spec, voters, nodes, admin.password));
    if (!clusterIdOf(spec.logDir)) {
      log('kafka', `formatting KRaft storage${nodes > 1 ? ` of node ${spec.id}` : ''}, with its SCRAM users`);
      const scramUsers = users.flatMap(({ username, password }) => ['--add-scram', `SCRAM-SHA-512=[name=${username},iterations=4096,password=${password}]`]);
      // base64url may begin with "-": given as --cluster-id=…, the tool cannot take it for an option
      const format = spawnSync(
        'java',
        ['-cp', `${libsDir}/*`, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties, '-g', ...scramUsers],
        { encoding: 'utf8' },
      );
      if (format.status !== 0) throw new Error(`formatting Kafka storage failed:\n${withoutPasswords(`${format.stdout}${format.stderr}`, users)}`);
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
        return brokerAnswers(nodeClient, nodes);
      },
      { timeoutMs: 90_000 * Math.max(1, nodes / 2), intervalMs: 500, onWait: () => log('kafka', 'still starting…') },
    );
    await secure();
  } catch (error) {
    await stop();
    throw error;
  }
  log('kafka', `ready on ${brokers.join(',')} (SASL/SCRAM-SHA-512, ACLs; users in .data/secrets/kafka-*)`);
  return {
    brokers,
    client,
    serviceClient,
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
          return brokerAnswers(nodeClient, 1, id);
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      log('kafka', `${nodes > 1 ? `node ${id}` : 'broker'} is back`);
      return node;
    },
    stop,
  };
}
