import { deadLetterTopic, Topic, TopicKeeping } from '#serapan/contracts';

/** What decides how topics are kept: the cluster and the settings. */
export interface TopicPolicySettings {
  /** Brokers in the cluster (describeCluster). */
  brokers: number;
  /** Replicas per partition; unset, the cluster's size capped at 3. */
  replicationFactor?: number;
  /** How many days order and budget events are kept; at least a fiscal year. */
  retentionDays: number;
}

/** How one topic is created and configured. */
export interface TopicPolicy {
  topic: string;
  replicationFactor: number;
  configs: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Replicas per partition: the setting, or the cluster's size capped at 3; never more than the brokers there are. */
export function replicationFactorFor(settings: Pick<TopicPolicySettings, 'brokers' | 'replicationFactor'>): number {
  const wanted = settings.replicationFactor ?? Math.min(settings.brokers, 3);
  if (wanted > settings.brokers) throw new Error(`KAFKA_REPLICATION_FACTOR ${wanted} is more than the ${settings.brokers} broker(s) in the cluster`);
  return wanted;
}

/** A write is acknowledged once two replicas hold it (one when there is only one). */
export const minInsyncReplicasFor = (replicationFactor: number): number => Math.min(2, replicationFactor);

/**
 * The configuration of a topic and of its dead-letter topic: the product
 * topic is compacted (the latest state of every product stays, so the order
 * service's read model can be rebuilt from it); order and budget topics keep
 * `retentionDays`, so a fiscal year can be replayed; dead letters are kept
 * until they are re-driven (`retention.ms=-1`).
 */
export function topicPolicies(topic: Topic, settings: TopicPolicySettings): [TopicPolicy, TopicPolicy] {
  const replicationFactor = replicationFactorFor(settings);
  const durable = { 'min.insync.replicas': String(minInsyncReplicasFor(replicationFactor)) };
  const kept: Record<string, string> =
    TopicKeeping[topic] === 'latest-per-key'
      ? { 'cleanup.policy': 'compact' }
      : { 'cleanup.policy': 'delete', 'retention.ms': String(BigInt(settings.retentionDays) * BigInt(DAY_MS)) };
  return [
    { topic, replicationFactor, configs: { ...kept, ...durable } },
    { topic: deadLetterTopic(topic), replicationFactor, configs: { 'cleanup.policy': 'delete', 'retention.ms': '-1', ...durable } },
  ];
}
