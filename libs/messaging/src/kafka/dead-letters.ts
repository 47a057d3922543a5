import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '#serapan/contracts';
import { AcknowledgedProducer } from './acknowledged-producer.js';
import { KafkaSettings, kafkaClientConfig } from './kafka-config.js';
import { readTopic } from './topic-reader.js';

/** The headers a dead letter carries besides the original message's own; re-driving removes them. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

const DEAD_LETTER_HEADER = /^dlq-/;

/** A dead letter as an operator reads it. */
export interface DeadLetter {
  /** Where it sits in the dead-letter topic. */
  partition: number;
  offset: string;
  /** Where it came from. */
  sourceTopic: string;
  sourcePartition: string;
  sourceOffset: string;
  key: string | null;
  /** The `ce_type` header: the event's type, when the message named one. */
  type: string | null;
  reason: string;
  consumerGroup: string | null;
  failedAt: string | null;
  /** Sent back to its topic already by a re-drive. */
  redriven: boolean;
}

/** The consumer group of the re-drives of `topic`'s dead letters: its offsets say how far they got. */
export const redriveGroupOf = (topic: string): string => `serapan-redrive-${topic}`;

/** Every dead letter of `topic` (read from `<topic>.dlq`), oldest first per partition. */
export async function listDeadLetters(settings: KafkaSettings, topic: string): Promise<DeadLetter[]> {
  const redriven = await redriveOffsets(settings, topic);
  const letters: DeadLetter[] = [];
  await readTopic(settings, deadLetterTopic(topic), {
    onBatch: ({ partition, messages }) => {
      letters.push(...messages.map((m) => describeLetter(topic, partition, m, BigInt(m.offset) < (redriven.get(partition) ?? 0n))));
      return Promise.resolve();
    },
  });
  return letters;
}

/**
 * Sends the dead letters of `topic` that no re-drive has sent yet back to
 * `topic`, with their key, value and headers (without the dead-letter ones),
 * and commits how far it got in a group of its own after each batch: a second
 * re-drive sends only what was dead-lettered since. A crash between sending
 * and committing sends a batch twice; consumers' inboxes apply it once.
 * Returns the letters sent.
 */
export async function redriveDeadLetters(
  settings: KafkaSettings,
  topic: string,
  onSent: (letters: DeadLetter[]) => void = () => undefined,
): Promise<DeadLetter[]> {
  const sender = new AcknowledgedProducer(new Kafka(kafkaClientConfig(settings, '-redrive')));
  await sender.producer.connect();
  const sent: DeadLetter[] = [];
  try {
    await readTopic(settings, deadLetterTopic(topic), {
      groupId: redriveGroupOf(topic),
      onBatch: async ({ partition, messages }) => {
        const resent = messages.map((m) => ({ key: m.key, value: m.value, headers: withoutDeadLetterHeaders(m.headers) }));
        await sender.sendBatch({ acks: -1, topicMessages: [{ topic, messages: resent }] });
        const letters = messages.map((m) => describeLetter(topic, partition, m, true));
        sent.push(...letters);
        onSent(letters);
      },
    });
    return sent;
  } finally {
    await sender.producer.disconnect();
  }
}

/** Per partition of `<topic>.dlq`, the offset up to which re-drives have sent its letters. */
async function redriveOffsets(settings: KafkaSettings, topic: string): Promise<Map<number, bigint>> {
  const admin = new Kafka(kafkaClientConfig(settings, '-admin')).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: redriveGroupOf(topic), topics: [deadLetterTopic(topic)] });
    return new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

function withoutDeadLetterHeaders(headers: IHeaders = {}): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_HEADER.test(name)));
}

function describeLetter(topic: string, partition: number, message: KafkaMessage, redriven: boolean): DeadLetter {
  const header = (name: string) => message.headers?.[name]?.toString() ?? null;
  return {
    partition,
    offset: message.offset,
    sourceTopic: header(DeadLetterHeaders.originalTopic) ?? topic,
    sourcePartition: header(DeadLetterHeaders.originalPartition) ?? '?',
    sourceOffset: header(DeadLetterHeaders.originalOffset) ?? '?',
    key: message.key?.toString() ?? null,
    type: header('ce_type'),
    reason: header(DeadLetterHeaders.reason) ?? '(no reason given)',
    consumerGroup: header(DeadLetterHeaders.consumerGroup),
    failedAt: header(DeadLetterHeaders.failedAt),
    redriven,
  };
}
