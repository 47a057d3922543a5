// Raw baselines on the same broker and database server as the pipeline, so its
// figures can be read as a fraction of what the infrastructure does bare.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { databaseUrl, query } from '../../deploy/lib/postgres.mjs';
import { kafkajsConfig } from '../../deploy/lib/kafka.mjs';
import { log, sleep } from './common.mjs';

const TOPIC = 'bench.roundtrip.v1';
const BATCH_TOPIC = 'bench.batch.v1';
const PARTITIONS = 6;

/**
 * kafkajs produce → consume round trips per second: `inFlight` messages
 * circulate; each is produced alone with acks=all by an idempotent producer
 * (as the relay does) and the next is sent when the consumer has it.
 */
export async function kafkaBaseline(client, admin, { seconds = 10, inFlight = 64 } = {}) {
  const { producer, consumer } = await kafkaPair(client, admin, TOPIC);
  const waiting = new Map();
  await startConsuming(consumer, async ({ batch }) => {
    for (const m of batch.messages) waiting.get(m.key.toString())?.();
  });
  const rate = await stepsPerSecond(seconds, inFlight, async (lane, { running, count }) => {
    for (let n = 0; running(); n++) {
      const key = `${lane}-${n}`;
      const arrived = new Promise((resolve) => waiting.set(key, resolve));
      await producer.send({ topic: TOPIC, acks: -1, messages: [{ key, value: 'x'.repeat(600) }] });
      await Promise.race([arrived, sleep(10_000)]);
      waiting.delete(key);
      count();
    }
  });
  await consumer.disconnect();
  await producer.disconnect();
  log('bench', `baseline: kafkajs produce→consume ${rate} round trips/s (${inFlight} in flight, 600-byte messages, acks=all, ${seconds} s)`);
  return rate;
}

/**
 * Messages per second when both ends batch, as the relay and the consumers
 * do: one idempotent producer sends `perSend` event-sized JSON messages per
 * request (acks=all), one after another; a consumer takes them with
 * eachBatch and parses every value. Counts what was produced in the window
 * and how long the consumer took to have all of it.
 */
export async function kafkaBatchBaseline(client, admin, { seconds = 10, perSend = 500 } = {}) {
  const { producer, consumer } = await kafkaPair(client, admin, BATCH_TOPIC);
  const run = randomUUID();
  let consumed = 0;
  await startConsuming(consumer, async ({ batch }) => {
    for (const m of batch.messages) if (JSON.parse(m.value.toString()).source === run) consumed += 1;
  });
  const event = (key) =>
    JSON.stringify({
      specversion: '1.0',
      id: randomUUID(),
      source: run,
      type: 'bench.batched',
      subject: key,
      time: new Date().toISOString(),
      data: { note: 'x'.repeat(400) },
    });
  const started = performance.now();
  let produced = 0;
  const producedPerSecond = await stepsPerSecond(seconds, 1, async (_, { running, count }) => {
    while (running()) {
      const messages = Array.from({ length: perSend }, (_, i) => {
        const key = `${produced + i}`;
        return { key, value: event(key) };
      });
      await producer.send({ topic: BATCH_TOPIC, acks: -1, messages });
      produced += perSend;
      count(perSend);
    }
  });
  const deadline = performance.now() + 30_000;
  while (consumed < produced && performance.now() < deadline) await sleep(5);
  const throughPerSecond = Math.round(consumed / ((performance.now() - started) / 1000));
  await consumer.disconnect();
  await producer.disconnect();
  log(
    'bench',
    `baseline: kafkajs batched ${producedPerSecond} messages/s produced (${perSend} per send, ≈ 600 bytes, acks=all, idempotent), ${throughPerSecond}/s produced and consumed (eachBatch + JSON.parse)${consumed < produced ? `; ${produced - consumed} never arrived` : ''}`,
  );
  return { producedPerSecond, throughPerSecond };
}

/** Single-row UPDATE transactions per second (BEGIN; UPDATE; COMMIT) from `clients` connections. */
export async function postgresBaseline(serverUrl, { seconds = 10, clients = 16, rows = 4_000 } = {}) {
  if ((await query(serverUrl, `SELECT 1 FROM pg_database WHERE datname = 'serapan_bench_baseline'`)).length === 0)
    await query(serverUrl, 'CREATE DATABASE serapan_bench_baseline');
  const pool = new pg.Pool({ connectionString: databaseUrl(serverUrl, 'serapan_bench_baseline'), max: clients });
  await pool.query('CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, value bigint NOT NULL)');
  await pool.query('INSERT INTO counters SELECT g, 0 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING', [rows]);
  const rate = await stepsPerSecond(seconds, clients, async (_, { running, count }) => {
    const client = await pool.connect();
    try {
      while (running()) {
        await client.query('BEGIN');
        await client.query('UPDATE counters SET value = value + 1 WHERE id = $1', [1 + Math.floor(Math.random() * rows)]);
        await client.query('COMMIT');
        count();
      }
    } finally {
      client.release();
    }
  });
  await pool.end();
  log('bench', `baseline: PostgreSQL ${rate} single-row UPDATE transactions/s (${clients} connections, synchronous_commit=on, ${seconds} s)`);
  return rate;
}

/**
 * Runs `lanes` copies of `lane` for `seconds` and returns what they counted
 * per second in that window; work still under way when it closes finishes
 * but is not counted.
 */
async function stepsPerSecond(seconds, lanes, lane) {
  let done = 0;
  let stop = false;
  const controls = { running: () => !stop, count: (n = 1) => (done += n) };
  const started = performance.now();
  const running = Array.from({ length: lanes }, (_, i) => lane(i, controls));
  await sleep(seconds * 1000);
  stop = true;
  const counted = done;
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(running);
  return Math.round(counted / elapsed);
}

/** An idempotent producer and a connected consumer of a new group on `topic` (created when missing). */
async function kafkaPair(client, admin, topic) {
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
  }
  const kafka = new kafkajs.Kafka(kafkajsConfig(client, 'serapan-bench-baseline', { logLevel: kafkajs.logLevel.NOTHING }));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `serapan-bench-baseline-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  return { producer, consumer };
}

/** Runs `eachBatch` and resolves once the consumer has joined and fetched past the current end. */
async function startConsuming(consumer, eachBatch) {
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({ partitionsConsumedConcurrently: PARTITIONS, eachBatch });
  await joined;
  await sleep(1000);
}
