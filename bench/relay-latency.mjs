// Relay latency: commit of an outbox row → applied by a consumer (inbox), on the
// local broker and database. Usage: npm run build && node bench/relay-latency.mjs [events] [perSecond]
import 'reflect-metadata';
import { startKafka } from '../deploy/lib/kafka.mjs';
import { log, sleep } from '../deploy/lib/log.mjs';
import { startPostgres } from '../deploy/lib/postgres.mjs';
import { EventTypes } from '../dist/libs/contracts/src/index.js';
import { OutboxService } from '../dist/libs/messaging/src/index.js';
import { provisionServiceTopics } from '../deploy/lib/stack.mjs';

const total = Number(process.argv[2] ?? 2000);
const perSecond = Number(process.argv[3] ?? 200);

const kafka = await startKafka();
const postgres = await startPostgres();
process.env.KAFKA_BROKERS = kafka.brokers.join(',');
// the harness logs in as the tests do
process.env.TEST_KAFKA_SASL_USERNAME = kafka.client.sasl?.username ?? '';
process.env.TEST_KAFKA_SASL_PASSWORD = kafka.client.sasl?.password ?? '';
process.env.TEST_DATABASE_SERVER_URL = postgres.url;
await provisionServiceTopics(kafka.client);
const { DataSource } = await import('typeorm');
const { productData, startHarness } = await import('../dist/test/fixtures/messaging-harness.js');

const app = await startHarness({ groupId: `relay-bench-${Date.now()}` });
const db = app.get(DataSource);
const outbox = app.get(OutboxService);
const marker = `bench-${Date.now()}`;
// A new group reads the topic from the beginning: warm up on every partition until the history is behind it.
const warmUp = Array.from({ length: 120 }, () => productData(`${marker}-warm`));
await db.transaction((m) =>
  outbox.add(
    m,
    warmUp.map((data) => ({ type: EventTypes.productListed, key: data.productId, data })),
  ),
);
log('bench', 'warming up (the consumer catches up with the topic history)…');
while ((await db.query(`SELECT count(*)::int AS n FROM received WHERE marker = $1`, [`${marker}-warm`]))[0].n < warmUp.length) await sleep(100);

log('bench', `writing ${total} events, one transaction each, at ${perSecond}/s`);
const committedAt = new Map();
const started = Date.now();
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / perSecond;
  const wait = due - Date.now();
  if (wait > 0) await sleep(wait);
  const data = productData(marker);
  const [envelope] = await db.transaction((m) => outbox.add(m, [{ type: EventTypes.productListed, key: data.productId, data }]));
  committedAt.set(envelope.id, Date.now());
  if (i % perSecond === 0) log('bench', `${i}/${total}`);
}
for (let n = 0; n < total;) {
  n = (await db.query(`SELECT count(*)::int AS n FROM received WHERE marker = $1`, [marker]))[0].n;
  await sleep(200);
}
const rows = await db.query(`SELECT event_id, received_at FROM received WHERE marker = $1`, [marker]);
const latencies = rows.map((r) => r.received_at.getTime() - committedAt.get(r.event_id)).sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
if (process.env.RELAY_BENCH_TRACE) {
  const ordered = rows.map((r) => [committedAt.get(r.event_id) - started, r.received_at.getTime() - committedAt.get(r.event_id)]).sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < ordered.length; i += Math.ceil(ordered.length / 40)) console.log(`t=${ordered[i][0]}ms latency=${ordered[i][1]}ms`);
}
const result = {
  events: total,
  perSecond,
  p50Ms: at(0.5),
  p95Ms: at(0.95),
  p99Ms: at(0.99),
  maxMs: latencies.at(-1),
  loadAverage: (await import('node:os')).loadavg()[0],
};
console.log(JSON.stringify(result));
await app.close();
await postgres.stop();
await kafka.stop();
process.exit(0);
