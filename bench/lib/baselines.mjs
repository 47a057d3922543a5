// Raw baselines on the same broker and database server as the pipeline, so its
// figures can be read as a fraction of what the infrastructure does bare.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { log, sleep } from './common.mjs';

const TOPIC = 'bench.roundtrip.v1';

/**
 * kafkajs produce → consume round trips per second: `inFlight` messages
 * circulate; each is produced alone with acks=all by an idempotent producer
 * (as the relay does) and the next is sent when the consumer has it.
 */
export async function kafkaBaseline(brokers, admin, { seconds = 10, inFlight = 64 } = {}) {
  if (!(await admin.listTopics()).includes(TOPIC)) {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 6, replicationFactor: 1 }] });
  }
  const kafka = new kafkajs.Kafka({ clientId: 'serapan-bench-baseline', brokers, logLevel: kafkajs.logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `serapan-bench-baseline-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: false });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  const waiting = new Map();
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) waiting.get(m.key.toString())?.();
    },
  });
  await joined;
  await sleep(1000);
  let done = 0;
  let stop = false;
  const loop = async (lane) => {
    for (let n = 0; !stop; n++) {
      const key = `${lane}-${n}`;
      const arrived = new Promise((resolve) => waiting.set(key, resolve));
      await producer.send({ topic: TOPIC, acks: -1, messages: [{ key, value: 'x'.repeat(600) }] });
      await Promise.race([arrived, sleep(10_000)]);
      waiting.delete(key);
      done += 1;
    }
  };
  const started = performance.now();
  const lanes = Array.from({ length: inFlight }, (_, i) => loop(i));
  await sleep(seconds * 1000);
  stop = true;
  const counted = done;
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(lanes);
  await consumer.disconnect();
  await producer.disconnect();
  const rate = Math.round(counted / elapsed);
  log('bench', `baseline: kafkajs produce→consume ${rate} round trips/s (${inFlight} in flight, 600-byte messages, acks=all, ${seconds} s)`);
  return rate;
}

/** Single-row UPDATE transactions per second (BEGIN; UPDATE; COMMIT) from `clients` connections. */
export async function postgresBaseline(serverUrl, { seconds = 10, clients = 16, rows = 4_000 } = {}) {
  const url = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  if ((await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'serapan_bench_baseline'`)).rowCount === 0) await admin.query('CREATE DATABASE serapan_bench_baseline');
  await admin.end();
  url.pathname = '/serapan_bench_baseline';
  const pool = new pg.Pool({ connectionString: url.toString(), max: clients });
  await pool.query('CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, value bigint NOT NULL)');
  await pool.query('INSERT INTO counters SELECT g, 0 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING', [rows]);
  let done = 0;
  let stop = false;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (!stop) {
        await client.query('BEGIN');
        await client.query('UPDATE counters SET value = value + 1 WHERE id = $1', [1 + Math.floor(Math.random() * rows)]);
        await client.query('COMMIT');
        done += 1;
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  const workers = Array.from({ length: clients }, worker);
  await sleep(seconds * 1000);
  stop = true;
  const counted = done;
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(workers);
  await pool.end();
  const rate = Math.round(counted / elapsed);
  log('bench', `baseline: PostgreSQL ${rate} single-row UPDATE transactions/s (${clients} connections, synchronous_commit=on, ${seconds} s)`);
  return rate;
}
