// npm run bench -- [--rate 100] [--duration 60] [--concurrency 64] [--satkers N] [--via gateway] [--fresh] [--skip-baselines]
//
// Order pipeline benchmark (issue 7). Starts the stack on serapan_bench_*
// databases (or attaches to a running one with SERAPAN_ATTACH=1), seeds 34 K/L,
// 2,000 satkers with budget lines, 500 vendors and 100,000 products, measures
// raw Kafka and PostgreSQL baselines on the same broker and server, then places
// orders over HTTP at --rate for --duration seconds with at most --concurrency
// in flight, from the first --satkers satkers, and follows every order on
// Kafka to its budget decision and on the live absorption stream until its
// line shows it. See bench/README.md.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import kafkajs from 'kafkajs';
import { kafkajsConfig } from '../deploy/lib/kafka.mjs';
import pg from 'pg';
import { kafkaBaseline, kafkaBatchBaseline, postgresBaseline } from './lib/baselines.mjs';
import {
  bringUp,
  consumerLag,
  cpuSecondsOf,
  flags,
  isServiceGroup,
  loadClient,
  kafkaAdmin,
  loadLine,
  log,
  machine,
  memoryOf,
  saveResult,
  seededRandom,
  sleep,
  summary,
  table,
} from './lib/common.mjs';
import { absorptionFollower, openEventStream } from './lib/event-stream.mjs';
import { ACCOUNTS, awaitReadModel, ensureHeadroom, MAX_ORDER_IDR, orderableProducts, orderBody, satkers, seedBudget, seedCatalog } from './lib/seed.mjs';

const args = flags();
const RATE = Number(args.rate ?? 100);
const DURATION_S = Number(args.duration ?? 60);
/** Seconds at the full rate before measuring: JIT compilation, pools and caches fill first. */
const WARMUP_S = Number(args.warmup ?? 10);
/** When the measured part of the run begins (after the warm-up). */
let measuredFrom = Infinity;
const CONCURRENCY = Number(args.concurrency ?? 64);
/** The satkers the data set holds; --satkers N sends every order from the first N of them. */
const SEEDED_SATKERS = 2_000;
const SATKERS = Number(args.satkers ?? SEEDED_SATKERS);
const PRODUCTS = Number(args['products'] ?? 100_000);
const VENDORS = Number(args['vendors'] ?? 500);
const DRAIN_S = Number(args.drain ?? 60);
const VIA = args.via === 'gateway' ? 'gateway' : 'order';
if (!Number.isFinite(WARMUP_S) || WARMUP_S < 0) throw new Error('--warmup must be a number of seconds, 0 or more');
for (const [name, value] of Object.entries({ rate: RATE, duration: DURATION_S, concurrency: CONCURRENCY })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
}
if (!Number.isInteger(SATKERS) || SATKERS < 1) throw new Error('--satkers must be a whole number, 1 or more');
if (args.via !== undefined && !['order', 'gateway'].includes(args.via)) throw new Error('--via must be order or gateway');

if (args.statements) process.env.PG_STAT_STATEMENTS = '1';
// the services run as in production: outgoing events are not checked against their contracts on every send
const serviceEnv = { VALIDATE_OUTGOING_EVENTS: 'false' };
if (args.profile) {
  serviceEnv.NODE_OPTIONS = `--import=${new URL('./lib/cpu-profile.mjs', import.meta.url).pathname}`;
  serviceEnv.BENCH_PROFILE_DIR = new URL('./results/profiles', import.meta.url).pathname;
}
// symbols for `perf record` (see bench/README.md), beside --profile's preload when both are given
if (args.perf) serviceEnv.NODE_OPTIONS = [serviceEnv.NODE_OPTIONS, '--perf-basic-prof-only-functions'].filter(Boolean).join(' ');
const profileSignal = () => args.profile && Object.values(up.services).forEach((s) => s.pid && process.kill(s.pid, 'SIGWINCH'));
const up = await bringUp({ prefix: 'serapan_bench', fresh: Boolean(args.fresh), serviceEnv });
const admin = kafkaAdmin(up.client);
const result = {
  startedAt: new Date().toISOString(),
  flags: { rate: RATE, duration: DURATION_S, warmup: WARMUP_S, concurrency: CONCURRENCY, via: VIA, satkers: SATKERS },
  machineBefore: machine(),
  calibrationMs: calibrate(),
};
let exitCode = 0;
try {
  await admin.connect();
  const seeded = satkers(Math.max(SEEDED_SATKERS, SATKERS));
  await seedBudget(up.databases.budget, seeded);
  const units = seeded.slice(0, SATKERS);
  // fewer satkers carry the whole load: room on their lines for every order of the run, were they all to land on one
  if (SATKERS < seeded.length)
    result.paguRaisedOnLines = await ensureHeadroom(up.databases.budget, units, BigInt(Math.ceil(RATE * (WARMUP_S + DURATION_S))) * MAX_ORDER_IDR);
  await seedCatalog(up.databases.catalog, { vendors: VENDORS, products: PRODUCTS });
  result.readModelEventsPerSecond = await awaitReadModel(up.databases.order, PRODUCTS);
  const catalog = await orderableProducts(up.databases.order);
  log('bench', `${catalog.reduce((n, p) => n + p.length, 0).toLocaleString('en')} orderable products (≤ Rp 25,000,000) from ${catalog.length} vendors`);

  if (!args['skip-baselines']) {
    result.baselines = {
      kafkaRoundTripsPerSecond: await kafkaBaseline(up.client, admin),
      kafkaBatched: await kafkaBatchBaseline(up.client, admin),
      postgresUpdatesPerSecond: await postgresBaseline(up.serverUrl),
    };
  }

  result.run = await drive(units, catalog);
  result.lagAfter = await consumerLag(admin);
  result.memory = Object.fromEntries(Object.values(up.services).map((s) => [s.name, memoryOf(s.pid)]));
  result.machineAfter = machine();
  report(result);
  const file = saveResult(`bench-${RATE}ps-${SATKERS}satkers-via-${VIA}`, result);
  log('bench', `results: ${file}`);
} catch (error) {
  log('bench', `failed: ${error.stack ?? error.message}`);
  exitCode = 1;
} finally {
  await admin.disconnect().catch(() => undefined);
  await up.stop();
}
process.exit(exitCode);

/** Places orders open-loop at RATE (bounded by CONCURRENCY) and follows them on Kafka and on the live absorption stream. */
async function drive(units, catalog) {
  const tokens = units.map((u) =>
    up.minter.mint({ username: `bench.officer.${u.satkerCode}`, role: 'officer', satkerCode: u.satkerCode, klCode: u.klCode, ppk: true }),
  );
  const random = seededRandom(Date.now() % 1_000_000);
  const orders = new Map(); // id → { sentAt, placedAt, decidedAt, decision, reservedAt, budgetAnswer, streamedAt }
  const early = new Map(); // events seen before the 202 came back
  const counts = {
    sent: 0,
    accepted: 0,
    failed: 0,
    confirmed: 0,
    rejected: 0,
    reserved: 0,
    reservationRejected: 0,
    streamEvents: 0,
    streamed: 0,
    statuses: {},
  };
  const httpMs = [];
  const target = VIA === 'gateway' ? up.services.gateway.url : up.services.order.url;

  const watcher = new kafkajs.Kafka(kafkajsConfig(up.client, 'serapan-bench-watch', { logLevel: kafkajs.logLevel.NOTHING })).consumer({
    groupId: `serapan-bench-watch-${randomUUID()}`,
    maxWaitTimeInMs: 50,
  });
  await watcher.connect();
  await watcher.subscribe({ topics: ['order.order.v1', 'budget.reservation.v1'], fromBeginning: false });
  const joined = new Promise((resolve) => watcher.on(watcher.events.GROUP_JOIN, resolve));
  const note = (id, field, value) => {
    const order = orders.get(id);
    if (order) order[field] ??= value;
    else early.set(id, { ...early.get(id), [field]: value });
  };

  // one satker: its finance officer's stream, as the satker would watch it; more: an auditor's, which sees every line
  const follower = absorptionFollower((id, at) => {
    counts.streamed += 1;
    note(id, 'streamedAt', at);
  });
  const [first] = units;
  const streamScope = units.length === 1 ? `finance of satker ${first.satkerCode}` : `auditor, all ${units.length.toLocaleString('en')} satkers`;
  const streamToken =
    units.length === 1
      ? up.minter.mint({ username: `bench.finance.${first.satkerCode}`, role: 'finance', satkerCode: first.satkerCode, klCode: first.klCode })
      : up.minter.mint({ username: 'bench.auditor', role: 'auditor' });
  const stream = await openEventStream(`${VIA === 'gateway' ? target : up.services.budget.url}/api/budget/absorption/stream`, {
    headers: { authorization: `Bearer ${streamToken}` },
    onEvent: (type, data, at) => {
      if (type !== 'absorption') return;
      counts.streamEvents += 1;
      follower.absorption(JSON.parse(data), at);
    },
  });
  await watcher.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const at = performance.now();
      for (const message of batch.messages) {
        const type = message.headers?.ce_type?.toString();
        if (!type || !['order.confirmed', 'order.rejected', 'budget.reserved', 'budget.reservation-rejected'].includes(type)) continue;
        const id = message.key?.toString('utf8');
        if (type === 'order.confirmed' || type === 'order.rejected') {
          counts[type === 'order.confirmed' ? 'confirmed' : 'rejected'] += 1;
          note(id, 'decidedAt', at);
          note(id, 'decision', type);
        } else {
          counts[type === 'budget.reserved' ? 'reserved' : 'reservationRejected'] += 1;
          note(id, 'reservedAt', at);
          note(id, 'budgetAnswer', type);
          if (type === 'budget.reserved') follower.reserved(JSON.parse(message.value.toString()).data);
        }
      }
    },
  });
  await joined;
  await sleep(1000); // let the watcher's first fetch pass the current end offsets

  const client = loadClient(target, CONCURRENCY);
  let inFlight = 0;
  const place = async () => {
    const i = Math.floor(random() * units.length);
    const sentAt = performance.now();
    const response = await client.request('/api/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': `bench-${randomUUID()}` },
      body: orderBody(random, catalog),
    });
    counts.statuses[response.status] = (counts.statuses[response.status] ?? 0) + 1;
    if (response.status === 202) {
      counts.accepted += 1;
      if (sentAt >= measuredFrom) httpMs.push(response.ms);
      const placedAt = performance.now();
      orders.set(response.body.id, { sentAt, placedAt, ...early.get(response.body.id) });
      early.delete(response.body.id);
    } else {
      counts.failed += 1;
      if (counts.failed <= 5) log('bench', `POST /api/orders → ${response.status} ${response.error ?? response.text?.slice(0, 200)}`);
    }
  };

  log(
    'bench',
    `placing orders from ${units.length.toLocaleString('en')} satker${units.length === 1 ? '' : 's'} at ${RATE}/s for ${WARMUP_S} s of warm-up and ${DURATION_S} s measured, at most ${CONCURRENCY} in flight, via the ${VIA} service; live stream: ${streamScope} — ${loadLine()}`,
  );
  const lagSamples = [];
  const rssPeak = {};
  profileSignal();
  const start = performance.now();
  measuredFrom = start + WARMUP_S * 1000;
  const end = measuredFrom + DURATION_S * 1000;
  let lastProgress = start;
  let lastAccepted = 0;
  let lastDecided = 0;
  let lastLag = {};
  const waits = await sampleDatabaseWaits(up.serverUrl);
  const outbox = await sampleOutboxDepth(up.databases.budget);
  let statements;
  let cpuBefore;
  const startMeasuring = async () => {
    statements = args.statements ? await statementStats(Object.values(up.databases)) : undefined;
    cpuBefore = cpuMeters();
  };
  if (WARMUP_S === 0) await startMeasuring();
  const measuring = WARMUP_S === 0 ? Promise.resolve() : sleep(WARMUP_S * 1000).then(startMeasuring);
  const sampler = setInterval(async () => {
    lastLag = await consumerLag(admin).catch(() => lastLag);
    lagSamples.push({ t: Math.round((performance.now() - start) / 1000), ...lastLag });
    for (const s of Object.values(up.services)) rssPeak[s.name] = Math.max(rssPeak[s.name] ?? 0, memoryOf(s.pid).rssMb ?? 0);
  }, 2000);
  const progress = (now) => {
    const decided = counts.confirmed + counts.rejected;
    const dt = (now - lastProgress) / 1000;
    log(
      'bench',
      `${((now - start) / 1000).toFixed(0).padStart(3)} s  sent ${counts.sent}  202 ${counts.accepted} (${((counts.accepted - lastAccepted) / dt).toFixed(0)}/s)  decided ${decided} (${((decided - lastDecided) / dt).toFixed(0)}/s)  on the stream ${counts.streamed}  in flight ${inFlight}  failed ${counts.failed}  lag ${serviceGroups(lastLag)}`,
    );
    lastProgress = now;
    lastAccepted = counts.accepted;
    lastDecided = decided;
  };

  // open loop: every tick, send what the schedule says is due, as long as a slot is free
  while (performance.now() < end) {
    const now = performance.now();
    const due = Math.floor(((now - start) / 1000) * RATE);
    while (counts.sent < due && inFlight < CONCURRENCY) {
      counts.sent += 1;
      inFlight += 1;
      place().finally(() => (inFlight -= 1));
    }
    if (now - lastProgress >= 5000) progress(now);
    await sleep(2);
  }
  const sendEnd = performance.now();
  const behind = Math.floor((WARMUP_S + DURATION_S) * RATE) - counts.sent;
  await measuring;
  while (inFlight > 0) await sleep(5);
  const acceptedEnd = performance.now();
  // drain: wait until every accepted order has its decision and reservation (or DRAIN_S passes)
  const drainDeadline = performance.now() + DRAIN_S * 1000;
  const undecided = () =>
    [...orders.values()].filter((o) => o.decidedAt === undefined || (o.decision === 'order.confirmed' && o.reservedAt === undefined)).length;
  const unstreamed = () => [...orders.values()].filter((o) => o.budgetAnswer === 'budget.reserved' && o.streamedAt === undefined).length;
  while ((undecided() > 0 || (unstreamed() > 0 && !stream.closed)) && performance.now() < drainDeadline) {
    if (performance.now() - lastProgress >= 5000) progress(performance.now());
    await sleep(50);
  }
  progress(performance.now());
  const cpuAfter = cpuMeters();
  profileSignal();
  clearInterval(sampler);
  const databaseWaits = await waits.stop();
  const outboxDepth = await outbox.stop();
  const streamClosedEarly = stream.closed;
  stream.close();
  const topStatements = await statements?.stop([...orders.values()].filter((o) => o.decidedAt !== undefined).length);
  await watcher.disconnect();
  client.close();

  const all = [...orders.values()].filter((o) => o.sentAt >= measuredFrom);
  const decided = all.filter((o) => o.decidedAt !== undefined);
  const reserved = all.filter((o) => o.budgetAnswer === 'budget.reserved');
  const lastDecision = Math.max(...decided.map((o) => o.decidedAt), measuredFrom);
  const run = {
    sent: counts.sent,
    notSentBehindSchedule: behind,
    accepted: counts.accepted,
    failed: counts.failed,
    statuses: counts.statuses,
    confirmed: all.filter((o) => o.decision === 'order.confirmed').length,
    rejected: all.filter((o) => o.decision === 'order.rejected').length,
    undecidedAfterDrain: undecided(),
    sendSeconds: round((sendEnd - start) / 1000),
    measuredOrders: all.length,
    acceptedPerSecond: round(all.length / ((acceptedEnd - measuredFrom) / 1000)),
    decidedPerSecond: round(decided.length / ((lastDecision - measuredFrom) / 1000)),
    drainSeconds: round((lastDecision - sendEnd) / 1000),
    latencyMs: {
      httpPlace: summary(httpMs),
      placedToDecision: summary(decided.map((o) => o.decidedAt - o.sentAt)),
      placedToReserved: summary(reserved.map((o) => o.reservedAt - o.sentAt)),
      placedToStream: summary(reserved.filter((o) => o.streamedAt !== undefined).map((o) => o.streamedAt - o.sentAt)),
    },
    stream: {
      scope: streamScope,
      via: VIA === 'gateway' ? 'gateway' : 'budget',
      events: counts.streamEvents,
      reservations: reserved.length,
      neverShown: reserved.filter((o) => o.streamedAt === undefined).length,
      closedEarly: streamClosedEarly,
    },
    budgetOutboxDepth: outboxDepth,
    lagSamples,
    maxLag: Object.fromEntries(Object.keys(lastLag).map((g) => [g, Math.max(0, ...lagSamples.map((s) => s[g] ?? 0))])),
    rssPeakSampledMb: rssPeak,
    databaseWaits,
    topStatements,
    cpuMsPerOrder: Object.fromEntries(
      Object.keys(cpuAfter)
        .filter((name) => cpuAfter[name] !== null && cpuBefore[name] !== null)
        .map((name) => [name, round(((cpuAfter[name] - cpuBefore[name]) * 1000) / Math.max(1, decided.length))]),
    ),
    cpuBusyPercent: round(
      ((Object.values(cpuAfter).reduce((a, b) => a + (b ?? 0), 0) - Object.values(cpuBefore).reduce((a, b) => a + (b ?? 0), 0)) /
        ((lastDecision - measuredFrom) / 1000) /
        cpus().length) *
        100,
    ),
  };
  return run;
}

function report(r) {
  const run = r.run;
  const b = r.baselines;
  const share = (v, base) => (base ? `${((v / base) * 100).toFixed(1)} %` : 'n/a');
  const shares = (base) => (base ? `${share(run.acceptedPerSecond, base)} / ${share(run.decidedPerSecond, base)}` : 'n/a');
  const lat = (s) => `${s.p50} / ${s.p95} / ${s.p99}`;
  const satkerCount = `${r.flags.satkers.toLocaleString('en')} satker${r.flags.satkers === 1 ? '' : 's'}`;
  const rows = [
    {
      figure: `accepted / decided per second (via ${r.flags.via})`,
      value: `${run.acceptedPerSecond} / ${run.decidedPerSecond}`,
      'vs PG update tx/s': shares(b?.postgresUpdatesPerSecond),
      'vs Kafka round trips/s': shares(b?.kafkaRoundTripsPerSecond),
      'vs Kafka batched msgs/s': shares(b?.kafkaBatched.throughPerSecond),
    },
    { figure: 'HTTP place p50/p95/p99 ms', value: lat(run.latencyMs.httpPlace) },
    { figure: 'placed → decision p50/p95/p99 ms', value: lat(run.latencyMs.placedToDecision) },
    { figure: 'placed → budget.reserved p50/p95/p99 ms', value: lat(run.latencyMs.placedToReserved) },
    { figure: `placed → on the live stream p50/p95/p99 ms (${run.stream.scope}, from ${run.stream.via})`, value: lat(run.latencyMs.placedToStream) },
    {
      figure: 'reservations never on the live stream',
      value: `${run.stream.neverShown} of ${run.stream.reservations}${run.stream.closedEarly ? ' (the stream closed early)' : ''}`,
    },
    {
      figure: 'budget outbox depth max / mean (rows)',
      value: `${run.budgetOutboxDepth.max} / ${run.budgetOutboxDepth.mean} (${run.budgetOutboxDepth.samples} samples, every ${run.budgetOutboxDepth.everyMs} ms)`,
    },
    {
      figure: 'orders from',
      value:
        r.paguRaisedOnLines === undefined
          ? `${satkerCount} (pagu as seeded)`
          : `${satkerCount} (pagu raised on ${r.paguRaisedOnLines} of ${r.flags.satkers * ACCOUNTS.length} lines)`,
    },
    { figure: 'sent / accepted / failed / not sent (behind)', value: `${run.sent} / ${run.accepted} / ${run.failed} / ${run.notSentBehindSchedule}` },
    { figure: 'confirmed / rejected / undecided', value: `${run.confirmed} / ${run.rejected} / ${run.undecidedAfterDrain}` },
    { figure: 'max consumer lag during run', value: serviceGroups(run.maxLag) },
    { figure: 'consumer lag after drain', value: serviceGroups(r.lagAfter) },
    ...Object.entries(r.memory).map(([name, m]) => ({ figure: `peak RSS ${name} (VmHWM)`, value: `${m.peakMb} MB` })),
    {
      figure: 'CPU ms per decided order',
      value: Object.entries(run.cpuMsPerOrder)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', '),
    },
    { figure: `CPU busy (all ${cpus().length} cores, load phase)`, value: `${run.cpuBusyPercent} %` },
    ...(b
      ? [
          { figure: 'baseline: PG single-row UPDATE tx/s', value: b.postgresUpdatesPerSecond },
          { figure: 'baseline: kafkajs produce→consume round trips/s', value: b.kafkaRoundTripsPerSecond },
          {
            figure: 'baseline: kafkajs batched msgs/s, produced / produced and consumed',
            value: `${b.kafkaBatched.producedPerSecond} / ${b.kafkaBatched.throughPerSecond}`,
          },
        ]
      : []),
    { figure: 'catalog read model build (product.listed/s)', value: r.readModelEventsPerSecond ?? 'already built' },
    { figure: 'machine calibration (fixed JS loop, ms; lower is faster)', value: r.calibrationMs },
    {
      figure: 'load average before → after',
      value: `${r.machineBefore.loadAverage.join('/')} → ${r.machineAfter.loadAverage.join('/')} (${r.machineAfter.cores} cores)`,
    },
  ];
  process.stdout.write(
    `\n### Order pipeline: ${r.flags.rate}/s from ${satkerCount} via ${r.flags.via} for ${r.flags.duration} s after ${r.flags.warmup} s of warm-up, concurrency ${r.flags.concurrency}\n\n${table(rows)}\n\n`,
  );
}

/**
 * Counts the budget service's outbox rows every `everyMs`: rows written by
 * committed transactions that the relay has not yet published.
 */
async function sampleOutboxDepth(budgetUrl, everyMs = 250) {
  const db = new pg.Client({ connectionString: budgetUrl });
  await db.connect();
  const depths = [];
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return; // a slow count is not queued behind another
    busy = true;
    const row = await db.query('SELECT count(*)::int AS n FROM outbox').then(
      (r) => r.rows[0],
      () => undefined,
    );
    if (row) depths.push(row.n);
    busy = false;
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      while (busy) await sleep(5);
      await db.end();
      return { max: Math.max(0, ...depths), mean: round(depths.reduce((a, b) => a + b, 0) / Math.max(1, depths.length)), samples: depths.length, everyMs };
    },
  };
}

/**
 * Samples pg_stat_activity every 200 ms (pg_stat_statements needs a preload
 * the launcher does not set): which statements are running or waiting, and on what.
 */
async function sampleDatabaseWaits(serverUrl) {
  const db = new pg.Client({ connectionString: serverUrl });
  await db.connect();
  const seen = new Map();
  let samples = 0;
  const timer = setInterval(async () => {
    const { rows } = await db
      .query(
        `SELECT datname, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, state, regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS query
           FROM pg_stat_activity WHERE datname LIKE 'serapan_bench_%' AND state <> 'idle' AND pid <> pg_backend_pid()`,
      )
      .catch(() => ({ rows: [] }));
    samples += 1;
    for (const r of rows) {
      const key = `${r.datname.replace('serapan_bench_', '')} | ${r.state} | ${r.wait} | ${r.query}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }, 200);
  return {
    stop: async () => {
      clearInterval(timer);
      await db.end();
      const top = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 15);
      log('bench', `busiest database sessions (${samples} samples of pg_stat_activity; count = sessions seen in that state):`);
      for (const [key, n] of top) log('bench', `  ${String(n).padStart(5)}  ${key}`);
      return top.map(([key, n]) => ({ key, n, perSample: Math.round((n / samples) * 100) / 100 }));
    },
  };
}

/**
 * pg_stat_statements of each service database over the load phase (needs
 * `--statements`, which preloads it into a PostgreSQL this run starts).
 */
async function statementStats(urls) {
  const clients = [];
  for (const url of urls) {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await db.query('SELECT pg_stat_statements_reset()');
      clients.push(db);
    } catch (error) {
      log('bench', `no statement statistics for ${new URL(url).pathname.slice(1)}: ${error.message}`);
      await db.end();
    }
  }
  return {
    stop: async (orders) => {
      const rows = [];
      for (const db of clients) {
        const name = db.database.replace(/^serapan_bench_/, '');
        const { rows: top } = await db.query(
          `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows,
                  regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
             FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 8`,
        );
        rows.push(...top.map((r) => ({ database: name, ...r, callsPerOrder: Math.round((Number(r.calls) / Math.max(1, orders)) * 100) / 100 })));
        await db.end();
      }
      log('bench', 'statements by total execution time (pg_stat_statements):');
      for (const r of rows)
        log(
          'bench',
          `  ${r.database.padEnd(7)} ${String(r.total_ms).padStart(9)} ms  ${String(r.calls).padStart(7)} calls (${r.callsPerOrder}/order)  ${r.mean_ms} ms  ${r.query}`,
        );
      return rows;
    },
  };
}

/**
 * How fast this machine runs a fixed piece of JavaScript right now (ms; lower
 * is faster), so runs on a shared or throttled machine can be compared.
 */
function calibrate() {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i * 7) % 1000003;
  return Math.round(performance.now() - started + (x < 0 ? 1 : 0));
}

/** CPU seconds used so far by each part of the stack: services, broker, PostgreSQL (with its backends) and this driver. */
function cpuMeters() {
  const own = process.cpuUsage();
  return {
    ...Object.fromEntries(Object.values(up.services).map((s) => [s.name, cpuSecondsOf(s.pid)])),
    kafka: cpuSecondsOf(up.kafka?.pid),
    postgres: cpuSecondsOf(up.stack?.postgres.pid, { children: true }),
    'bench driver': (own.user + own.system) / 1e6,
  };
}

/** The services' own groups (per-run groups of watchers and SSE feeds stay in the JSON). */
function serviceGroups(lag) {
  return Object.entries(lag)
    .filter(([g]) => isServiceGroup(g))
    .map(([g, l]) => `${g} ${l}`)
    .join(', ');
}

function round(v) {
  return Number.isFinite(v) ? Math.round(v * 10) / 10 : null;
}
