import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '#serapan/contracts';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';

/**
 * Creates the topics (and their dead-letter topics) that are missing. Existing
 * topics are left as they are, so every service may call it at start.
 */
export async function provisionTopics(settings: KafkaSettings, topics: string[]): Promise<void> {
  const admin = new Kafka(kafkaClientConfig(settings, '-admin')).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    // three copies on a cluster, one on a single broker; a write needs two of three (acks=all)
    const replicationFactor = Math.min(3, (await admin.describeCluster()).brokers.length);
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))].filter((t) => !existing.has(t));
    if (wanted.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((topic) => ({
        topic,
        numPartitions: settings.partitions,
        replicationFactor,
        configEntries: [{ name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
