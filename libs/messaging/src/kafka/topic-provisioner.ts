import kafkajs, { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic, Topic } from '#serapan/contracts';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';
import { minInsyncReplicasFor, TopicPolicy, topicPolicies, TopicPolicySettings } from './topic-policy.js';

// enums that Node's named-export detection does not find in kafkajs's CommonJS
const { ConfigResourceTypes, ConfigSource } = kafkajs;

/** How topics are kept, as configured (the cluster's size comes from the cluster). */
export type TopicKeepingSettings = Omit<TopicPolicySettings, 'brokers'>;

/** What provisioning did. */
export interface ProvisionReport {
  created: string[];
  /** Existing topics whose configuration was brought up to date. */
  updated: string[];
  /** Existing topics with fewer replicas than the policy asks for (a replica reassignment adds them; provisioning does not). */
  underReplicated: string[];
}

/**
 * Creates the topics (and their dead-letter topics) that are missing, with
 * the policy of `topicPolicies`, and brings the configuration of existing
 * ones up to date: a topic created by an earlier version gets compaction or
 * its retention without being recreated. Idempotent, so the launcher and
 * every service call it at start.
 */
export async function provisionTopics(settings: KafkaSettings, topics: Topic[], keeping: TopicKeepingSettings): Promise<ProvisionReport> {
  const admin = new Kafka(kafkaClientConfig(settings, '-admin')).admin();
  await admin.connect();
  try {
    const { brokers } = await admin.describeCluster();
    const existing = new Set(await admin.listTopics());
    // describeCluster lists the brokers that are up: only a topic created now must fit them; one that exists
    // keeps its replicas, so a restart while a broker is down is not refused
    const policies = [...new Set(topics)].flatMap((topic) => {
      const exists = existing.has(topic) && existing.has(deadLetterTopic(topic));
      return topicPolicies(topic, { ...keeping, brokers: exists ? Math.max(brokers.length, keeping.replicationFactor ?? 0) : brokers.length });
    });
    const missing = policies.filter((p) => !existing.has(p.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((p) => ({
          topic: p.topic,
          numPartitions: settings.partitions,
          replicationFactor: p.replicationFactor,
          configEntries: entries(p.configs),
        })),
      });
    }
    return {
      created: missing.map((p) => p.topic),
      ...(await bringUpToDate(
        admin,
        policies.filter((p) => existing.has(p.topic)),
      )),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Alters the configuration of existing topics where it differs from their
 * policy. `min.insync.replicas` follows the replicas a topic has, not the ones
 * it should have: more than it has would refuse every write. Dynamic settings
 * the policy does not name are kept (alterConfigs replaces the whole set).
 */
async function bringUpToDate(admin: Admin, policies: TopicPolicy[]): Promise<Omit<ProvisionReport, 'created'>> {
  if (policies.length === 0) return { updated: [], underReplicated: [] };
  const { topics } = await admin.fetchTopicMetadata({ topics: policies.map((p) => p.topic) });
  const replicas = new Map(topics.map((t) => [t.name, Math.min(...t.partitions.map((p) => p.replicas.length))]));
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: policies.map((p) => ({ type: ConfigResourceTypes.TOPIC, name: p.topic })),
  });
  const current = new Map(resources.map((r) => [r.resourceName, r.configEntries]));
  const changes = policies.flatMap((policy) => {
    const has = replicas.get(policy.topic) ?? policy.replicationFactor;
    const wanted = { ...policy.configs, 'min.insync.replicas': String(minInsyncReplicasFor(has)) };
    const configs = current.get(policy.topic) ?? [];
    const differs = Object.entries(wanted).some(([name, value]) => configs.find((c) => c.configName === name)?.configValue !== value);
    if (!differs) return [];
    const dynamic = Object.fromEntries(configs.filter((c) => c.configSource === ConfigSource.TOPIC_CONFIG).map((c) => [c.configName, c.configValue]));
    return [{ type: ConfigResourceTypes.TOPIC, name: policy.topic, configEntries: entries({ ...dynamic, ...wanted }) }];
  });
  if (changes.length > 0) await admin.alterConfigs({ validateOnly: false, resources: changes });
  return {
    updated: changes.map((c) => c.name),
    underReplicated: policies.filter((p) => (replicas.get(p.topic) ?? p.replicationFactor) < p.replicationFactor).map((p) => p.topic),
  };
}

const entries = (configs: Record<string, string>) => Object.entries(configs).map(([name, value]) => ({ name, value }));
