import { Kafka, PartitionerArgs, Partitioners, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { PRODUCER_OPTIONS } from './kafka-config.js';

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** The partitions, of those a batch was sent to, that Kafka's answer does not acknowledge. */
export function unacknowledgedPartitions(targeted: Iterable<string>, acknowledged: Pick<RecordMetadata, 'topicName' | 'partition'>[]): string[] {
  const answered = new Set(acknowledged.map(({ topicName, partition }) => partitionKey(topicName, partition)));
  return [...targeted].filter((target) => !answered.has(target)).map((target) => target.replace('\u0000', '/'));
}

/**
 * A producer (idempotent, acks=all) whose `sendBatch` resolves only when Kafka
 * acknowledged every partition the batch was sent to.
 *
 * kafkajs 2.2 can resolve a batch that spans several brokers without writing
 * all of it: when one broker's request fails and that broker's partitions get
 * a new leader that had already answered for its own partitions, the retry
 * skips it, and the moved partitions' messages are never sent. A partition
 * missing from the answer is therefore an error here, so the caller rolls back
 * and sends the batch again (the consumers' inbox drops what arrives twice).
 * Sends are taken one at a time: the partitioner records where each went.
 */
export class AcknowledgedProducer {
  readonly producer: Producer;
  private readonly targeted = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      ...PRODUCER_OPTIONS,
      createPartitioner: () => {
        const choose = Partitioners.DefaultPartitioner();
        return (args: PartitionerArgs) => {
          const partition = choose(args);
          this.targeted.add(partitionKey(args.topic, partition));
          return partition;
        };
      },
    });
  }

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    const sent = this.queue.then(() => this.sendWhole(batch));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  private async sendWhole(batch: ProducerBatch): Promise<RecordMetadata[]> {
    this.targeted.clear();
    const acknowledged = await this.producer.sendBatch(batch);
    const missing = unacknowledgedPartitions(this.targeted, acknowledged);
    if (missing.length > 0) throw new Error(`Kafka did not acknowledge partitions ${missing.join(', ')} of the batch; it is sent again`);
    return acknowledged;
  }
}
