import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { deadLetterTopic, SERVICE_NAMES, Topics, topicsOwnedBy, TopicsReadBy } from '#serapan/contracts';

// The deployment files checked without a cluster or a container engine: they parse, and they say what the code says.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const deployDir = join(root, 'deploy');

/** What these checks read of each kind of document; the rest of a document is left unread. */
interface Manifest {
  kind?: string;
  metadata: { name: string; labels?: Record<string, string> };
}
interface KafkaTopic extends Manifest {
  spec: { topicName: string; partitions: number; replicas: number; config: Record<string, unknown> };
}
interface Acl {
  resource: { type: 'topic' | 'group' | 'cluster'; name: string; patternType: 'literal' | 'prefix' };
  operations: string[];
}
interface KafkaUser extends Manifest {
  spec: { authorization: { acls: Acl[] } };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
  env: EnvVar[];
}
interface Deployment extends Manifest {
  spec: { replicas?: number; template: { spec: { containers: Container[]; volumes?: { name: string; secret?: { secretName: string } }[] } } };
}
interface Autoscaler extends Manifest {
  spec: { scaleTargetRef: { name: string }; minReplicas: number; maxReplicas: number };
}
interface DisruptionBudget extends Manifest {
  spec: { selector: { matchLabels: Record<string, string> } };
}
interface ServiceResource extends Manifest {
  spec: { selector: Record<string, string> };
}
interface Kustomization {
  resources?: string[];
  patches?: { path?: string }[];
}
interface ComposeFile {
  services: Record<string, { environment?: Record<string, string | number>; depends_on?: Record<string, unknown>; command?: string[]; secrets?: string[] }>;
  secrets?: Record<string, { file: string }>;
}
interface PrometheusConfig {
  scrape_configs: { static_configs: { targets: string[] }[] }[];
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(entry) ? [path] : [];
  });
}

function parseYaml(text: string, where: string): unknown[] {
  // compose files share settings with merge keys (<<: *service)
  return parseAllDocuments(text, { merge: true }).map((document, index) => {
    assert.deepEqual(
      document.errors.map((error) => error.message),
      [],
      `${where}, document ${index + 1} does not parse`,
    );
    return document.toJS() as unknown;
  });
}

const yamlFiles = filesUnder(deployDir, /\.ya?ml$/);
const manifests = yamlFiles.map((file) => ({ file: relative(root, file), docs: parseYaml(readFileSync(file, 'utf8'), relative(root, file)).filter(Boolean) }));
const k8sDocs = manifests.filter(({ file }) => file.startsWith('deploy/k8s/base/')).flatMap(({ docs }) => docs as Manifest[]);
const ofKind = <T extends Manifest>(kind: string): T[] => k8sDocs.filter((doc) => doc.kind === kind) as T[];
const onlyDocument = <T>(file: string): T => manifests.find((manifest) => manifest.file === file)!.docs[0] as T;
const compose = onlyDocument<ComposeFile>('deploy/compose.yaml');
const userOf = (service: string) => ofKind<KafkaUser>('KafkaUser').find((user) => user.metadata.name === `serapan-${service}`)!;
const autoscalerOf = (service: string) => ofKind<Autoscaler>('HorizontalPodAutoscaler').find((hpa) => hpa.spec.scaleTargetRef.name === service)!;

const DAY_MS = 24 * 3600 * 1000;
const contractTopics = Object.values(Topics);
const everyTopic = [...contractTopics, ...contractTopics.map(deadLetterTopic)].sort();

/** The policy a topic must have wherever it is created: products compacted, history kept a fiscal year, dead letters forever. */
function assertTopicPolicy(topic: string, config: Record<string, unknown>, where: string): void {
  const retention = Number(config['retention.ms']);
  if (topic.endsWith('.dlq')) {
    assert.equal(config['cleanup.policy'], 'delete', `${where}: ${topic} is deleted by retention, never compacted`);
    assert.equal(retention, -1, `${where}: ${topic} keeps its dead letters until they are re-driven`);
  } else if (topic === Topics.product) {
    assert.equal(config['cleanup.policy'], 'compact', `${where}: ${topic} keeps the latest event of each product`);
  } else {
    assert.equal(config['cleanup.policy'], 'delete', `${where}: ${topic}`);
    assert.ok(retention >= 366 * DAY_MS, `${where}: ${topic} must keep a fiscal year of events (retention.ms ${retention})`);
  }
}

/** Secrets come from secretKeyRef; an env entry named like one never carries its value inline. */
const SECRET_NAME = /KEY(?!_FILES?$)|PASSWORD|SECRET|TOKEN|DATABASE_URL/;
/** Key material is passed as a file path (`…_KEY_FILE`, `…_KEY_FILES`), never as a value. */
const KEY_FILE_NAME = /_KEY_FILES?$/;

/** Every `{ name, value }` pair in a document tree, also inside patches written as YAML text. */
function namedValues(node: unknown): { name: string; value: unknown }[] {
  if (typeof node === 'string') return node.includes('\n') && /^\s*-?\s*op:/m.test(node) ? parseYaml(node, 'a patch').flatMap(namedValues) : [];
  if (Array.isArray(node)) return node.flatMap(namedValues);
  if (node === null || typeof node !== 'object') return [];
  const own = 'name' in node && 'value' in node && typeof node.name === 'string' ? [{ name: node.name, value: node.value }] : [];
  return [...own, ...Object.values(node).flatMap(namedValues)];
}

async function launcherServices(): Promise<string[]> {
  const stack = (await import(pathToFileURL(join(deployDir, 'lib', 'stack.mjs')).href)) as { SERVICES: { name: string }[] };
  return stack.SERVICES.map(({ name }) => name);
}

describe('deployment manifests', () => {
  test('every YAML file under deploy/ parses, every document of it', () => {
    assert.ok(yamlFiles.length >= 10, `only ${yamlFiles.length} YAML files found under deploy/`);
    for (const { file, docs } of manifests) assert.ok(docs.length > 0, `${file} holds no document`);
  });

  test('the KafkaTopics are the contracts’ topics and their dead-letter topics, replicated three times with the retention policy', () => {
    const topics = ofKind<KafkaTopic>('KafkaTopic');
    assert.deepEqual(topics.map((topic) => topic.spec.topicName).sort(), everyTopic);
    for (const { metadata, spec } of topics) {
      assert.equal(metadata.labels?.['strimzi.io/cluster'], 'serapan', metadata.name);
      assert.equal(spec.replicas, 3, metadata.name);
      assert.equal(spec.config['min.insync.replicas'], 2, metadata.name);
      assertTopicPolicy(spec.topicName, spec.config, 'KafkaTopic');
    }
  });

  test('the compose file creates the same topics with the same policy before the services start', () => {
    const script = (compose.services.topics.command ?? []).join('\n');
    const created = [...script.matchAll(/^\s*create (\S+)(.*)$/gm)].map(([, topic, options]) => ({
      topic,
      config: Object.fromEntries([...options.matchAll(/--config ([\w.]+)=(\S+)/g)].map(([, key, value]) => [key, value])),
    }));
    assert.deepEqual(created.map(({ topic }) => topic).sort(), everyTopic);
    for (const { topic, config } of created) assertTopicPolicy(topic, config, 'compose');
    for (const name of SERVICE_NAMES) assert.ok(compose.services[name].depends_on?.topics, `${name} waits for the topics`);
  });

  test('each service’s KafkaUser writes only its own topics and dead letters, creates nothing, and joins its own group', () => {
    assert.deepEqual(
      ofKind<KafkaUser>('KafkaUser')
        .map((user) => user.metadata.name)
        .sort(),
      SERVICE_NAMES.map((name) => `serapan-${name}`).sort(),
    );
    for (const name of SERVICE_NAMES) {
      const { acls } = userOf(name).spec.authorization;
      const topicsWith = (operation: string) =>
        acls.filter((acl) => acl.resource.type === 'topic' && acl.operations.includes(operation)).map((acl) => acl.resource.name);
      const written = topicsWith('Write');
      assert.deepEqual(written.filter((topic) => !topic.endsWith('.dlq')).sort(), topicsOwnedBy(name).sort(), `${name} writes`);
      for (const { resource, operations } of acls) {
        assert.ok(resource.type === 'group' || resource.patternType === 'literal', `${name}: topics are named one by one`);
        for (const forbidden of ['All', 'Create', 'Delete', 'Alter', 'AlterConfigs'])
          assert.ok(!operations.includes(forbidden), `${name} may not ${forbidden}`);
      }
      for (const topic of topicsWith('Read')) assert.ok(written.includes(deadLetterTopic(topic)), `${name} dead-letters what it reads from ${topic}`);
      // the same topics the local broker's ACLs let the service read (deploy/lib/kafka.mjs)
      assert.deepEqual(topicsWith('Read').sort(), [...TopicsReadBy[name]].sort(), `${name} reads what TopicsReadBy says`);
      const groups = acls.filter((acl) => acl.resource.type === 'group').map((acl) => acl.resource.name);
      assert.deepEqual(groups, [`serapan-${name}`]);
    }
  });

  test('no consumer group can grow past the partitions of the topics it reads', () => {
    const partitions = new Map(ofKind<KafkaTopic>('KafkaTopic').map(({ spec }) => [spec.topicName, spec.partitions]));
    for (const name of SERVICE_NAMES) {
      // a service reads its own topics, if at all, with a group per instance (the budget's live streams): they bound nothing
      const consumed = userOf(name)
        .spec.authorization.acls.filter((acl) => acl.resource.type === 'topic' && acl.operations.includes('Read'))
        .map((acl) => acl.resource.name)
        .filter((topic) => !(topicsOwnedBy(name) as string[]).includes(topic));
      assert.ok(consumed.length > 0, `${name} consumes something`);
      const { maxReplicas } = autoscalerOf(name).spec;
      for (const topic of consumed)
        assert.ok(maxReplicas <= partitions.get(topic)!, `${name} may scale to ${maxReplicas} replicas, ${topic} has ${partitions.get(topic)} partitions`);
    }
  });

  test('every Deployment has readiness and liveness probes, resource limits, a disruption budget and an autoscaler', async () => {
    const deployments = ofKind<Deployment>('Deployment');
    assert.deepEqual(deployments.map((deployment) => deployment.metadata.name).sort(), (await launcherServices()).sort());
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      for (const container of deployment.spec.template.spec.containers) {
        assert.equal(container.readinessProbe?.httpGet?.path, '/health', `${name} is ready when its database answers`);
        assert.equal(container.livenessProbe?.httpGet?.path, '/health/live', `${name} is alive while its process answers`);
        assert.ok(container.resources?.limits?.cpu && container.resources.limits.memory, `${name} has CPU and memory limits`);
        assert.ok(container.resources.requests?.cpu && container.resources.requests.memory, `${name} has CPU and memory requests`);
        assert.ok(
          container.env.some((env) => env.name === 'HOST' && env.value === '0.0.0.0'),
          `${name} listens beyond the loopback`,
        );
        assert.ok(
          container.env.some((env) => env.name === 'SERVICE' && env.value === name),
          `${name} runs its own entry point`,
        );
        if (name !== 'gateway') {
          assert.ok(
            container.env.some((env) => env.name === 'PROVISION_TOPICS' && env.value === 'false'),
            `${name} leaves its topics to the KafkaTopic resources: its user may not describe or alter topic configs`,
          );
        }
      }
      const budgets = ofKind<DisruptionBudget>('PodDisruptionBudget');
      assert.ok(
        budgets.some((budget) => budget.spec.selector.matchLabels['app.kubernetes.io/name'] === name),
        `${name} has a PodDisruptionBudget`,
      );
      assert.ok(autoscalerOf(name)?.spec.minReplicas >= 2, `${name} has an autoscaler keeping two replicas at least`);
      // the autoscaler owns the count: a replicas field would set it back on every apply
      assert.equal(deployment.spec.replicas, undefined, `${name} leaves its replica count to its autoscaler`);
      const services = ofKind<ServiceResource>('Service');
      assert.ok(
        services.some((service) => service.spec.selector['app.kubernetes.io/name'] === name),
        `${name} has a Service`,
      );
    }
  });

  test('no secret is written inline: keys, passwords and database URLs come from Secrets', () => {
    const offending = manifests
      .filter(({ file }) => file.startsWith('deploy/k8s/'))
      .flatMap(({ file, docs }) => namedValues(docs).map((pair) => ({ file, ...pair })))
      .filter(({ name }) => SECRET_NAME.test(name));
    assert.deepEqual(offending, []);
    const secretVariables = ofKind<Deployment>('Deployment').flatMap((deployment) =>
      deployment.spec.template.spec.containers.flatMap((container) => container.env.filter((env) => SECRET_NAME.test(env.name))),
    );
    // (the token keys are files, checked below)
    assert.ok(secretVariables.length >= 4, 'the services read their passwords and database URLs');
    for (const env of secretVariables) assert.ok(env.valueFrom?.secretKeyRef?.name && env.valueFrom.secretKeyRef.key, `${env.name} comes from a secretKeyRef`);
    assert.equal(ofKind('Secret').length, 0, 'the base holds no Secret');
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        if (SECRET_NAME.test(variable)) assert.match(String(value), /\$\{[A-Z_]+:\?/, `compose ${name}: ${variable} is taken from the environment`);
      }
    }
  });

  test('token keys are files from a Secret mounted read-only, in Kubernetes and in compose, never environment values', () => {
    for (const deployment of ofKind<Deployment>('Deployment')) {
      const pod = deployment.spec.template.spec;
      for (const container of pod.containers) {
        const keyFiles = container.env.filter((env) => KEY_FILE_NAME.test(env.name));
        assert.ok(
          keyFiles.some((env) => env.name === 'JWT_PUBLIC_KEY_FILES'),
          `${deployment.metadata.name} reads its public keys from files`,
        );
        for (const env of keyFiles) {
          const mount = container.volumeMounts?.find((m) => String(env.value).startsWith(`${m.mountPath}/`));
          assert.ok(mount?.readOnly, `${deployment.metadata.name}: ${env.name} is in a read-only mount`);
          assert.ok(pod.volumes?.find((v) => v.name === mount.name)?.secret?.secretName, `${deployment.metadata.name}: ${env.name} comes from a Secret`);
        }
      }
    }
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        if (!KEY_FILE_NAME.test(variable)) continue;
        const secret = /^\/run\/secrets\/(.+)$/.exec(String(value))?.[1];
        assert.ok(secret && service.secrets?.includes(secret), `compose ${name}: ${variable} is a compose secret it is given`);
        assert.match(compose.secrets?.[secret]?.file ?? '', /\$\{[A-Z_]+:\?/, `compose secret ${secret} is a file named by the environment`);
      }
    }
  });

  test('every path a kustomization names exists', () => {
    const kustomizations = manifests.filter(({ file }) => file.endsWith('kustomization.yaml'));
    assert.ok(kustomizations.length >= 3);
    for (const { file } of kustomizations) {
      const kustomization = onlyDocument<Kustomization>(file);
      const paths = [...(kustomization.resources ?? []), ...(kustomization.patches ?? []).flatMap((patch) => (patch.path ? [patch.path] : []))];
      assert.ok(paths.length > 0, `${file} names something`);
      for (const path of paths) {
        const target = join(root, dirname(file), path);
        const exists = existsSync(target) && (statSync(target).isFile() || existsSync(join(target, 'kustomization.yaml')));
        assert.ok(exists, `${file} names ${path}, which is missing`);
      }
    }
  });

  test('the compose file runs every service the launcher runs, with Kafka, PostgreSQL and Prometheus scraping each', async () => {
    const services = await launcherServices();
    assert.ok(services.length >= 4);
    for (const name of [...services, 'kafka', 'postgres', 'prometheus']) assert.ok(compose.services[name], `compose has no ${name}`);
    for (const name of services) {
      assert.equal(compose.services[name].environment?.SERVICE, name);
      assert.equal(compose.services[name].environment?.HOST, '0.0.0.0');
    }
    const prometheus = onlyDocument<PrometheusConfig>('deploy/prometheus/prometheus.yml');
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets));
    assert.deepEqual(targets.map((target) => target.split(':')[0]).sort(), [...services].sort());
  });

  test('the image is built in stages and runs as a user other than root', () => {
    const dockerfile = readFileSync(join(deployDir, 'Dockerfile'), 'utf8');
    assert.ok([...dockerfile.matchAll(/^FROM /gm)].length >= 2, 'a build stage and a runtime stage');
    const users = [...dockerfile.matchAll(/^USER (\S+)/gm)].map(([, user]) => user);
    assert.ok(users.length > 0 && !['root', '0'].includes(users.at(-1)!), `runs as ${users.at(-1) ?? 'root'}`);
    assert.match(dockerfile, /npm ci --omit=dev/, 'the runtime holds production dependencies only');
    assert.match(dockerfile, /dist\/apps\/\$\{SERVICE/, 'SERVICE chooses the service');
  });
});
