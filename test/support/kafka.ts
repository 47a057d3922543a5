import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { CloudEvent, decodeEvent } from '#serapan/contracts';
import { testEnv, uniqueId } from './env.js';

/** A kafkajs client of the test broker, as its admin (a super user). */
export const testKafka = (): Kafka =>
  new Kafka({ clientId: `test-${uniqueId()}`, brokers: testEnv.brokers, sasl: testEnv.kafkaSasl, logLevel: logLevel.NOTHING });

/**
 * Reads a topic from the beginning with a fresh group and keeps every message
 * (and every event among them, decoded), so a test can wait for the one it caused.
 */
export class TopicRecorder {
  readonly messages: KafkaMessage[] = [];
  private readonly decoded: { event: CloudEvent; message: KafkaMessage }[] = [];
  private consumer?: Consumer;

  constructor(private readonly topic: string) {}

  async start(): Promise<this> {
    this.consumer = testKafka().consumer({ groupId: `test-recorder-${uniqueId()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        this.messages.push(message);
        const event = eventIn(message);
        if (event) this.decoded.push({ event, message });
        return Promise.resolve();
      },
    });
    return this;
  }

  /**
   * The messages recorded so far that are events of the contract, decoded and
   * validated as a consumer would, in the order they came; `T` names the data
   * of the events the caller looks for. Other messages are left out.
   */
  events<T = unknown>(): { event: CloudEvent<T>; message: KafkaMessage }[] {
    return this.decoded as { event: CloudEvent<T>; message: KafkaMessage }[];
  }

  /** Stops reading; safe to call again. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }
}

function eventIn(message: KafkaMessage): CloudEvent | undefined {
  try {
    return decodeEvent(message.value);
  } catch {
    return undefined;
  }
}

const run = promisify(execFile);

/** kcat's (librdkafka's) settings for logging in to the test broker as its admin. */
function kcatLogin(): string[] {
  const { username, password } = testEnv.kafkaSasl as { username: string; password: string };
  return ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanisms=SCRAM-SHA-512', `sasl.username=${username}`, `sasl.password=${password}`].flatMap((setting) => [
    '-X',
    setting,
  ]);
}

/** The fields of kcat's JSON envelope (-J) that the tests read; headers alternate names and values. */
export interface KcatMessage {
  key: string | null;
  payload: string | null;
  headers?: string[];
}

/** Reads a topic with kcat (a non-Node Kafka client) as JSON lines: all of it, or the `last` messages of each partition. */
export async function kcatRead(topic: string, { last }: { last?: number } = {}): Promise<KcatMessage[]> {
  const offset = last ? `-${last}` : 'beginning';
  const { stdout } = await run('kcat', ['-C', '-b', testEnv.brokers[0], ...kcatLogin(), '-t', topic, '-o', offset, '-e', '-J', '-q'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as KcatMessage);
}

/** Produces one raw message with kcat, exactly as given: bytes need not be JSON. */
export async function kcatProduce(topic: string, key: string, value: string): Promise<void> {
  const produced = run('kcat', ['-P', '-b', testEnv.brokers[0], ...kcatLogin(), '-t', topic, '-K', '\t']);
  produced.child.stdin!.end(`${key}\t${value}\n`);
  await produced;
}
