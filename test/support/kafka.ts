import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { testEnv, uniqueId } from './env.js';

export const testKafka = (): Kafka => new Kafka({ clientId: `test-${uniqueId()}`, brokers: testEnv.brokers, logLevel: logLevel.NOTHING });

/**
 * Reads a topic from the beginning with a fresh group and keeps what matches,
 * so a test can wait for the message it caused.
 */
export class TopicRecorder {
  readonly messages: KafkaMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly topic: string) {}

  async start(): Promise<this> {
    this.consumer = testKafka().consumer({ groupId: `test-recorder-${uniqueId()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message }) => void this.messages.push(message) });
    return this;
  }

  find(predicate: (message: KafkaMessage, value: any) => boolean): KafkaMessage | undefined {
    return this.messages.find((message) => predicate(message, safeJson(message.value)));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function safeJson(value: Buffer | null): any {
  try {
    return value ? JSON.parse(value.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

const run = promisify(execFile);

/** Reads a topic with kcat (a non-Node Kafka client) as JSON lines: all of it, or the `last` messages of each partition. */
export async function kcatRead(topic: string, { last }: { last?: number } = {}): Promise<{ key: string | null; payload: string | null; headers?: string[] }[]> {
  const offset = last ? `-${last}` : 'beginning';
  const { stdout } = await run('kcat', ['-C', '-b', testEnv.brokers[0], '-t', topic, '-o', offset, '-e', '-J', '-q'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** Produces one raw message with kcat, exactly as given: bytes need not be JSON. */
export async function kcatProduce(topic: string, key: string, value: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = execFile('kcat', ['-P', '-b', testEnv.brokers[0], '-t', topic, '-K', '\t'], (error) => (error ? reject(error) : resolve()));
    child.stdin!.end(`${key}\t${value}\n`);
  });
}
