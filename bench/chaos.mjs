// npm run chaos [-- --ci]
//
// Runs two replicas of each backend service in one consumer group on fresh
// serapan_chaos_* databases, keeps orders flowing (a driver that retries a
// failed POST with the same Idempotency-Key on the other replica) and moves
// some of them through accept/ship/receive/pay (or cancel/decline), while it
// kill -9s each service replica once and the Kafka broker once and restarts
// them. Some orders are negotiated first, some are delivered and paid in two
// terms (the first received late, so a penalty is withheld and released).
// Then it checks the databases: every accepted order exists in a valid
// state, ledger verify passes, no line is over its pagu, no event was applied
// twice, and the lines' totals equal what the orders' states say. Exits 1 on
// any violation. With `--cluster` the broker is a three-node KRaft cluster
// (replication factor 3, min.insync.replicas 2), and the Kafka fault kills the
// node that leads the most partitions; the run also measures the leader
// election and the longest pause in budget decisions around it. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { root } from '../deploy/lib/paths.mjs';
import { jakartaDate } from '../dist/libs/service/src/jakarta-time.js';
import { ORDER_STATUSES } from '../dist/apps/order/src/orders/lifecycle/order-state.js';
import { replicaPort, SERVICES } from '../deploy/lib/stack.mjs';
import {
  bringUp,
  consumerLag,
  deadLetters,
  flags,
  httpClient,
  isServiceGroup,
  kafkaAdmin,
  loadLine,
  log,
  machine,
  saveResult,
  seededRandom,
  sleep,
  table,
} from './lib/common.mjs';
import { awaitReadModel, orderableProducts, orderBody, satkers, seedBudget, seedCatalog } from './lib/seed.mjs';

const args = flags();
const CI = Boolean(args.ci);
const CLUSTER = Boolean(args.cluster);
if (CLUSTER) process.env.KAFKA_NODES = '3';
const CFG = CI
  ? { satkers: 20, vendors: 10, products: 300, rate: 15, warmS: 8, gapS: 7, downS: 2, settleS: 120 }
  : { satkers: 100, vendors: 40, products: 2_000, rate: 40, warmS: 15, gapS: 15, downS: 3, settleS: 240 };
/** How much longer than the leader election budget decisions may pause (metadata refresh, consumer rejoin). */
const STALL_SLACK_MS = 10_000;
const PAGU_IDR = '1000000000'; // small enough that lines run out and the guard is exercised
const ACTIVE_STATES = ['AWAITING_VENDOR', 'IN_PROCESS', 'SHIPPED', 'RECEIVED'];
const VALID_STATES = ORDER_STATUSES;
/** How an order that is moved along goes: the share of each plan among them. */
const PLANS = [
  ['complete', 0.25],
  ['terms', 0.2],
  ['negotiate', 0.15],
  ['addendum', 0.2],
  ['cancel', 0.12],
  ['decline', 0.08],
];
if (process.env.SERAPAN_ATTACH === '1' || process.env.KAFKA_BROKERS)
  throw new Error('chaos starts and kills its own stack; unset SERAPAN_ATTACH and KAFKA_BROKERS');

const up = await bringUp({
  prefix: 'serapan_chaos',
  fresh: true,
  replicas: 2,
  serviceEnv: { CONSUMER_RETRY_DELAY_MS: '100', RELAY_POLL_INTERVAL_MS: '250' },
});
const admin = kafkaAdmin(up.client);
const runId = randomUUID().slice(0, 8);
const random = seededRandom(42);
const http = httpClient(64);
const portOf = (name) => SERVICES.find((s) => s.name === name).port;
const orderUrls = [0, 1].map((i) => `http://127.0.0.1:${replicaPort(portOf('order'), i)}`);
const faults = [];
const counts = { posted: 0, retries: 0, givenUp: 0, apiRefused: {}, steps: 0, stepRetries: 0 };
const accepted = new Map(); // order id → idempotency key
let exitCode = 1;
let driving = true;

try {
  if (!up.kafka.pid) throw new Error(`a broker was already running on ${up.brokers[0]}, so this run cannot kill it; stop it or set KAFKA_PORT`);
  await admin.connect();
  const units = satkers(CFG.satkers);
  await seedBudget(up.databases.budget, units, { paguIdr: PAGU_IDR });
  await seedCatalog(up.databases.catalog, { vendors: CFG.vendors, products: CFG.products });
  await awaitReadModel(up.databases.order, CFG.products, { timeoutMs: 180_000 });
  const catalog = await orderableProducts(up.databases.order);
  const tokens = new Map(
    units.map((u) => [
      u.satkerCode,
      up.minter.mint({ username: `chaos.officer.${u.satkerCode}`, role: 'officer', satkerCode: u.satkerCode, klCode: u.klCode, ppk: true }),
    ]),
  );
  const finance = new Map(
    units.map((u) => [
      u.satkerCode,
      up.minter.mint({ username: `chaos.finance.${u.satkerCode}`, role: 'finance', satkerCode: u.satkerCode, klCode: u.klCode }),
    ]),
  );
  const vendorToken = (vendorId) => up.minter.mint({ username: `chaos.vendor.${vendorId.slice(0, 8)}`, role: 'vendor', vendorId });
  const dlqBefore = await deadLetterEnds();

  // the driver: orders at a steady rate; each retried with its key until it gets an answer that is not a failure
  const inFlight = new Set();
  const progressions = new Set();
  const driver = (async () => {
    const started = Date.now();
    for (let n = 0; driving; n++) {
      const due = started + (n * 1000) / CFG.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const unit = units[n % units.length];
      const plan = random() < 0.5 && progressions.size < 40 ? pick(PLANS) : undefined;
      const p = placeWithRetry(n, unit, planned(orderBody(random, catalog), plan), tokens.get(unit.satkerCode));
      inFlight.add(p);
      p.then((id) => {
        inFlight.delete(p);
        if (id && plan) {
          const q = progress(id, plan, tokens.get(unit.satkerCode), finance.get(unit.satkerCode), vendorToken);
          progressions.add(q);
          q.finally(() => progressions.delete(q));
        }
      });
    }
  })();

  const status = setInterval(
    () =>
      log(
        'chaos',
        `orders accepted ${accepted.size}  retries ${counts.retries}  lifecycle steps ${counts.steps}  in flight ${inFlight.size}  progressing ${progressions.size}  faults ${faults.length} — ${loadLine()}`,
      ),
    5000,
  );
  await sleep(CFG.warmS * 1000);
  const targets = [['order', 0], ['budget', 1], ['kafka'], ['catalog', 0], ['budget', 0], ['order', 1], ['catalog', 1]];
  for (const [name, index] of targets) {
    await inject(name, index);
    await sleep(CFG.gapS * 1000);
  }
  driving = false;
  await driver;
  log('chaos', `faults done; waiting for ${inFlight.size} placements and ${progressions.size} lifecycles to finish`);
  await Promise.race([Promise.all([...inFlight]), sleep(120_000)]);
  await Promise.race([Promise.all([...progressions]), sleep(150_000)]);
  clearInterval(status);
  const settled = await settle();
  const verdict = await verify(dlqBefore, settled);
  exitCode = verdict.violations === 0 ? 0 : 1;
} catch (error) {
  log('chaos', `failed: ${error.stack ?? error.message}`);
} finally {
  driving = false;
  http.close();
  await admin.disconnect().catch(() => undefined);
  await up.stop();
}
process.exit(exitCode);

/** A plan drawn by its share. */
function pick(plans) {
  let r = random();
  for (const [plan, share] of plans) if ((r -= share) < 0) return plan;
  return plans[0][0];
}

/**
 * The order body for a plan: a negotiation opens at the listed prices; two
 * terms split the first line, the first term due three days ago (so its
 * receipt today is late and pays a penalty), the second today.
 */
function planned(body, plan) {
  if (plan === 'negotiate') return { ...body, negotiate: true };
  if (plan !== 'terms') return body;
  const today = jakartaDate(new Date());
  const threeDaysAgo = jakartaDate(new Date(Date.now() - 3 * 86_400_000));
  const lines = body.lines.map((l, i) => (i === 0 ? { ...l, quantity: Math.max(2, l.quantity) } : l));
  const first = lines.map((l, i) => (i === 0 ? 1 : 0));
  return {
    ...body,
    lines,
    terms: [
      { quantities: first, deliveryDate: threeDaysAgo.slice(0, 4) === today.slice(0, 4) ? threeDaysAgo : today },
      { quantities: lines.map((l, i) => l.quantity - first[i]), deliveryDate: today },
    ],
  };
}

/** The next step of a running contract: pay a received term, receive a shipped one, or ship the next. */
function termAction(order, { officer, financeToken, vendor, today }) {
  const received = order.terms.find((t) => t.status === 'RECEIVED');
  if (received) return ['pay', financeToken, { termNo: received.termNo, sp2dNumber: `SP2D-${order.id.slice(0, 8)}-${received.termNo}`, paidOn: today }];
  const shipped = order.terms.find((t) => t.status === 'SHIPPED');
  if (shipped) return ['receive', officer, { termNo: shipped.termNo, bastNumber: `BAST-${order.id.slice(0, 8)}-${shipped.termNo}`, receivedOn: today }];
  return ['ship', vendor];
}

/**
 * An addendum on a running order, once: one unit more or less of the first
 * line (an increase may not fit the line's pagu, and is then rejected by the
 * budget), agreed by the vendor; the order goes on once the budget answered.
 */
function addendumAction(order, { officer, vendor }) {
  const last = order.addenda.at(-1);
  if (!last) {
    const first = order.lines[0];
    const quantity = first.quantity >= 2 && random() < 0.5 ? first.quantity - 1 : first.quantity + 1;
    return ['addenda', officer, { reason: 'chaos: the need changed', lines: [{ lineNo: first.lineNo, quantity }] }, 201];
  }
  if (last.status === 'PROPOSED') return [`addenda/${last.number}/agree`, vendor];
  if (last.status === 'PENDING_BUDGET') return null;
  return undefined;
}

/** The next step of an accepted order: its addendum first (null while the budget decides it), then its terms. */
function contractAction(order, plan, parties) {
  const addendum = plan === 'addendum' ? addendumAction(order, parties) : undefined;
  return addendum === undefined ? termAction(order, parties) : addendum;
}

/** The vendor's counter-offer: 90 % of each listed price, with shipping; the officer agrees to it. */
function negotiationAction(order, { officer, vendor }) {
  const last = order.negotiation.offers.at(-1);
  if (last.party === 'vendor') return ['agree', officer];
  const lines = order.lines.map((l) => ({ lineNo: l.lineNo, unitPriceIdr: String((BigInt(l.listPriceIdr) * 9n) / 10n || 1n), shippingIdr: '10000' }));
  return ['offers', vendor, { lines }, 201];
}

async function placeWithRetry(n, unit, body, token) {
  const key = `chaos-${runId}-${n}`;
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    counts.posted += 1;
    const response = await http.request(`${orderUrls[(n + attempt) % 2]}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      body,
      timeoutMs: 15_000,
    });
    if (response.status === 202) {
      accepted.set(response.body.id, key);
      return response.body.id;
    }
    if (response.status !== 0 && response.status < 500) {
      counts.apiRefused[response.status] = (counts.apiRefused[response.status] ?? 0) + 1;
      if (counts.apiRefused[response.status] <= 3) log('chaos', `POST /api/orders → ${response.status}: ${response.text?.slice(0, 160)}`);
      return undefined;
    }
    counts.retries += 1;
    await sleep(Math.min(100 * 2 ** attempt, 2000));
  }
  counts.givenUp += 1;
  return undefined;
}

/** Moves one order along its lifecycle through the API, retrying through crashes; bounded in steps and time. */
async function progress(id, plan, officer, financeToken, vendorToken) {
  const deadline = Date.now() + 150_000;
  let vendor;
  for (let step = 0; step < 60 && Date.now() < deadline; step++) {
    const url = orderUrls[step % 2];
    const got = await http.request(`${url}/api/orders/${id}`, { headers: { authorization: `Bearer ${officer}` } });
    if (got.status !== 200) {
      counts.stepRetries += 1;
      await sleep(500);
      continue;
    }
    const order = got.body;
    vendor ??= vendorToken(order.vendorId);
    const today = jakartaDate(new Date());
    const parties = { officer, financeToken, vendor, today };
    // each state's next step, worked out only for the state the order is in
    const next = {
      NEGOTIATING: () => negotiationAction(order, parties),
      PENDING_BUDGET: () => null,
      AWAITING_VENDOR: () =>
        plan === 'cancel'
          ? ['cancel', officer, { reason: 'chaos: no longer needed' }]
          : plan === 'decline'
            ? ['decline', vendor, { reason: 'chaos: out of stock' }]
            : ['accept', vendor],
      IN_PROCESS: () => contractAction(order, plan, parties),
      SHIPPED: () => termAction(order, parties),
      RECEIVED: () => termAction(order, parties),
    }[order.status];
    const action = next?.();
    if (action === undefined) return order.status; // REJECTED, CANCELLED, COMPLETED
    if (action === null) {
      await sleep(300);
      continue;
    }
    const [verb, token, body, success = 200] = action;
    const done = await http.request(`${url}/api/orders/${id}/${verb}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: body ?? {} });
    if (done.status === success) counts.steps += 1;
    else if (done.status === 0 || done.status >= 500) {
      counts.stepRetries += 1;
      await sleep(500);
    } else if (done.status !== 409) log('chaos', `${verb} ${id} → ${done.status}: ${done.text?.slice(0, 160)}`);
  }
  return undefined;
}

async function inject(name, index) {
  const label = name === 'kafka' ? 'kafka broker' : `${name} replica ${index + 1}`;
  if (name === 'kafka') {
    const node = CLUSTER ? await busiestLeader() : up.kafka.nodes[0];
    const nodeLabel = CLUSTER ? `kafka node ${node.id}, leader of ${node.leads} partitions` : label;
    const pid = node.pid;
    const at = new Date();
    process.kill(pid, 'SIGKILL');
    log('chaos', `kill -9 ${nodeLabel} (pid ${pid})`);
    const electionMs = CLUSTER ? await electionAfter(node.id, at) : undefined;
    if (electionMs !== undefined) log('chaos', `every partition had a new leader ${electionMs} ms after the kill`);
    await sleep(CFG.downS * 1000);
    await up.kafka.restart(node.id);
    faults.push({ name, label: nodeLabel, pid, newPid: node.pid, at: at.toISOString(), electionMs });
  } else {
    const handle = up.replicas[name][index];
    process.kill(handle.pid, 'SIGKILL');
    log('chaos', `kill -9 ${label} (pid ${handle.pid})`);
    await sleep(CFG.downS * 1000);
    const again = await up.stack.launch(name, index);
    faults.push({ name, label, pid: handle.pid, newPid: again.pid, at: new Date().toISOString() });
  }
  log('chaos', `${label} restarted`);
}

/** The node that leads the most partitions of the services' topics, with that count as `leads`. */
async function busiestLeader() {
  const { topics } = await admin.fetchTopicMetadata({ topics: (await admin.listTopics()).filter((t) => !t.startsWith('__')) });
  const leads = new Map();
  for (const { partitions } of topics) for (const { leader } of partitions) leads.set(leader, (leads.get(leader) ?? 0) + 1);
  const [id, count] = [...leads].sort((a, b) => b[1] - a[1])[0];
  return Object.assign(
    up.kafka.nodes.find((n) => n.id === id),
    { leads: count },
  );
}

/** Milliseconds from `killedAt` until no partition of any topic is led by node `id` (or leaderless). */
async function electionAfter(id, killedAt) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    // the admin client may have been connected to the dead node: an error here is asked again
    const metadata = await admin
      .listTopics()
      .then((topics) => admin.fetchTopicMetadata({ topics }))
      .catch(() => undefined);
    const stale = metadata?.topics.some(({ partitions }) => partitions.some((p) => p.leader === id || p.leader < 0));
    if (metadata && !stale) return Date.now() - killedAt.getTime();
    await sleep(100);
  }
  throw new Error(`partitions led by kafka node ${id} had no new leader 60 s after it was killed`);
}

/**
 * The longest pause in budget decisions (orders leaving PENDING_BUDGET) that
 * began within 30 s after `from`, while orders kept arriving.
 */
async function decisionStallAfter(from) {
  const [row] = await up.query(
    'order',
    `SELECT coalesce(max(gap_ms), 0)::int AS ms FROM (
       SELECT at, extract(epoch FROM at - lag(at) OVER (ORDER BY at)) * 1000 AS gap_ms, lag(at) OVER (ORDER BY at) AS previous
         FROM order_timeline WHERE from_status = 'PENDING_BUDGET' AND at BETWEEN $1::timestamptz - interval '5 seconds' AND $1::timestamptz + interval '90 seconds'
     ) gaps WHERE previous BETWEEN $1::timestamptz - interval '5 seconds' AND $1::timestamptz + interval '30 seconds'`,
    [from],
  );
  return row.ms;
}

/** Waits until nothing is pending: outboxes empty, no consumer lag, no order waiting for budget. */
async function settle() {
  const deadline = Date.now() + CFG.settleS * 1000;
  let state;
  while (Date.now() < deadline) {
    const outbox = {};
    for (const name of ['catalog', 'order', 'budget']) outbox[name] = Number((await up.query(name, 'SELECT count(*) AS n FROM outbox'))[0].n);
    const pending = Number((await up.query('order', `SELECT count(*) AS n FROM orders WHERE status = 'PENDING_BUDGET'`))[0].n);
    const lag = await consumerLag(admin).catch(() => ({ unknown: 1 }));
    const groupLag = Object.entries(lag)
      .filter(([g]) => isServiceGroup(g))
      .reduce((s, [, l]) => s + l, 0);
    state = { outbox, pending, groupLag };
    if (pending === 0 && groupLag === 0 && Object.values(outbox).every((n) => n === 0)) return { ...state, settled: true };
    log('chaos', `settling: ${pending} orders waiting for budget, outbox ${JSON.stringify(outbox)}, consumer lag ${groupLag}`);
    await sleep(2000);
  }
  return { ...state, settled: false };
}

async function verify(dlqBefore, settled) {
  const ids = [...accepted.keys()];
  const found = await up.query('order', `SELECT id, status, idempotency_key FROM orders WHERE id = ANY($1::uuid[])`, [ids]);
  const lost = ids.length - found.length;
  const invalid = found.filter((o) => !VALID_STATES.includes(o.status)).length;
  const byStatus = Object.fromEntries(VALID_STATES.map((s) => [s, found.filter((o) => o.status === s).length]));
  // one order per idempotency key, and no order for a key whose 202 named another order
  const perKey = await up.query('order', `SELECT idempotency_key, count(*) AS n FROM orders WHERE idempotency_key LIKE $1 GROUP BY 1 HAVING count(*) > 1`, [
    `chaos-${runId}-%`,
  ]);

  // applied at most once: inbox, ledger (order, kind, step: the order, a term, an addendum), reservations, and the order's own timeline
  const twice = {
    inbox: 0,
    ledgerOrderKindStep: Number(
      (await up.query('budget', `SELECT count(*) AS n FROM (SELECT order_id, kind, step FROM ledger_entries GROUP BY 1, 2, 3 HAVING count(*) > 1) d`))[0].n,
    ),
    ordersWithTwoReserves: Number(
      (await up.query('budget', `SELECT count(*) AS n FROM (SELECT order_id FROM ledger_entries WHERE kind = 'reserve' GROUP BY 1 HAVING count(*) > 1) d`))[0]
        .n,
    ),
    ordersConfirmedTwice: Number(
      (
        await up.query(
          'order',
          `SELECT count(*) AS n FROM (SELECT order_id FROM order_timeline WHERE to_status = 'AWAITING_VENDOR' GROUP BY 1 HAVING count(*) > 1) d`,
        )
      )[0].n,
    ),
    stockTakenTwice: Number(
      (await up.query('catalog', `SELECT count(*) AS n FROM (SELECT order_id, product_id FROM stock_takes GROUP BY 1, 2 HAVING count(*) > 1) d`))[0].n,
    ),
  };
  for (const name of ['catalog', 'order', 'budget']) {
    twice.inbox += Number(
      (await up.query(name, `SELECT count(*) AS n FROM (SELECT consumer_group, event_id FROM inbox GROUP BY 1, 2 HAVING count(*) > 1) d`))[0].n,
    );
  }

  // what the lines must hold according to the orders' states, against what they hold
  // a running order holds its total less its paid terms; each paid term is realised less its penalty (released)
  const expected = await up.query(
    'order',
    `WITH paid AS (SELECT order_id, sum(value_idr) AS value, sum(value_idr - penalty_idr) AS net FROM order_terms WHERE status = 'PAID' GROUP BY 1)
     SELECT o.fiscal_year, o.satker_code, o.account_code,
            coalesce(sum(o.total_idr - coalesce(p.value, 0)) FILTER (WHERE o.status = ANY($1::text[])), 0)::text AS committed,
            coalesce(sum(coalesce(p.net, 0)) FILTER (WHERE o.status = ANY($1::text[]) OR o.status = 'COMPLETED'), 0)::text AS realised
       FROM orders o LEFT JOIN paid p ON p.order_id = o.id GROUP BY 1, 2, 3`,
    [ACTIVE_STATES],
  );
  const penalties = (await up.query('order', `SELECT count(*) AS n, coalesce(sum(penalty_idr), 0)::text AS idr FROM order_terms WHERE penalty_idr > 0`))[0];
  const negotiated = Number((await up.query('order', `SELECT count(DISTINCT order_id) AS n FROM order_offers WHERE party = 'vendor'`))[0].n);
  const addenda = await up.query('order', `SELECT status, count(*) AS n FROM order_addenda GROUP BY 1 ORDER BY 1`);
  const addendaWaiting = Number(addenda.find((a) => a.status === 'PENDING_BUDGET')?.n ?? 0);
  const paidTerms = Number(
    (
      await up.query(
        'order',
        `SELECT count(*) AS n FROM order_terms t JOIN order_terms u USING (order_id) WHERE t.status = 'PAID' AND u.term_no = 2 AND t.term_no = 1`,
      )
    )[0].n,
  );
  const lines = await up.query(
    'budget',
    `SELECT fiscal_year, satker_code, account_code, committed_idr::text AS committed, realised_idr::text AS realised, pagu_idr::text AS pagu FROM budget_lines`,
  );
  const lineKey = (r) => `${r.fiscal_year}/${r.satker_code}/${r.account_code}`;
  const want = new Map(expected.map((r) => [lineKey(r), r]));
  let doubleCounted = 0n;
  let missing = 0n;
  for (const line of lines) {
    const w = want.get(lineKey(line)) ?? { committed: '0', realised: '0' };
    for (const column of ['committed', 'realised']) {
      const diff = BigInt(line[column]) - BigInt(w[column]);
      if (diff > 0n) doubleCounted += diff;
      else missing -= diff;
    }
  }
  const overspent = Number(
    (await up.query('budget', `SELECT count(*) AS n FROM budget_lines WHERE committed_idr + realised_idr > pagu_idr - blokir_idr`))[0].n,
  );
  const ledger = ledgerVerify();
  const deadLettered = deadLetterReasons(dlqBefore);
  const deadCount = Object.values(deadLettered).reduce((a, b) => a + b, 0);

  const kafkaFault = faults.find((f) => f.name === 'kafka');
  const stallMs = kafkaFault ? await decisionStallAfter(kafkaFault.at) : undefined;
  // the budget decisions may pause for the election, the clients' metadata refresh and a consumer group rejoin, no longer
  const stallBoundMs = (kafkaFault?.electionMs ?? 0) + STALL_SLACK_MS;
  const rows = [
    { check: 'faults injected (kill -9 + restart)', value: faults.length, ok: faults.length === 7 },
    ...(CLUSTER
      ? [
          {
            check: `longest pause in budget decisions at the leader kill (≤ election + ${STALL_SLACK_MS / 1000} s)`,
            value: `${stallMs} ms (election ${kafkaFault?.electionMs} ms)`,
            ok: stallMs <= stallBoundMs,
          },
        ]
      : []),
    { check: 'orders placed (202)', value: ids.length, ok: ids.length > 0 },
    { check: 'orders lost', value: lost, ok: lost === 0 },
    { check: 'rupiah double-counted', value: doubleCounted.toString(), ok: doubleCounted === 0n },
    { check: 'lines overspent', value: overspent + ledger.overspent, ok: overspent + ledger.overspent === 0 },
    { check: 'rupiah missing from lines', value: missing.toString(), ok: missing === 0n },
    { check: 'ledger verify mismatches', value: ledger.mismatches, ok: ledger.mismatches === 0 && ledger.ok },
    { check: 'valid events dead-lettered (not applied)', value: deadCount, ok: deadCount === 0 },
    { check: 'events applied twice', value: Object.values(twice).reduce((a, b) => a + b, 0), ok: Object.values(twice).every((n) => n === 0) },
    { check: 'orders in an invalid state', value: invalid, ok: invalid === 0 },
    { check: 'orders still waiting for budget', value: byStatus.PENDING_BUDGET, ok: byStatus.PENDING_BUDGET === 0 },
    { check: 'addenda still waiting for budget', value: addendaWaiting, ok: addendaWaiting === 0 },
    { check: 'idempotency keys with two orders', value: perKey.length, ok: perKey.length === 0 },
    { check: 'system settled (outbox empty, no lag)', value: settled.settled ? 'yes' : JSON.stringify(settled), ok: settled.settled },
  ];
  const violations = rows.filter((r) => !r.ok).length;
  const info = [
    {
      figure: 'orders by state',
      value: Object.entries(byStatus)
        .filter(([, n]) => n)
        .map(([s, n]) => `${s} ${n}`)
        .join(', '),
    },
    { figure: 'POST retries (same key) / given up', value: `${counts.retries} / ${counts.givenUp}` },
    { figure: 'API refusals (4xx)', value: JSON.stringify(counts.apiRefused) },
    { figure: 'lifecycle steps done / retried', value: `${counts.steps} / ${counts.stepRetries}` },
    { figure: 'negotiated orders / first terms paid of two-term orders', value: `${negotiated} / ${paidTerms}` },
    { figure: 'late terms / penalties withheld', value: `${penalties.n} / Rp ${penalties.idr}` },
    { figure: 'addenda by state', value: addenda.map((a) => `${a.status} ${a.n}`).join(', ') || 'none' },
    { figure: 'dead-lettered during the run', value: JSON.stringify(deadLettered) },
    { figure: 'faults', value: faults.map((f) => f.label).join(', ') },
    ...(CLUSTER
      ? []
      : [{ figure: 'longest pause in budget decisions at the broker kill', value: `${stallMs} ms (the broker was down ${CFG.downS} s and restarted)` }]),
    { figure: 'machine', value: loadLine() },
  ];
  process.stdout.write(
    `\n### Chaos${CI ? ' (CI)' : ''}${CLUSTER ? ' on a three-node Kafka cluster' : ''}: 2 replicas each, ${faults.length} faults\n\n${table(rows.map((r) => ({ ...r, ok: r.ok ? 'ok' : 'VIOLATION' })))}\n\n${table(info)}\n\n`,
  );
  const file = saveResult(`chaos${CLUSTER ? '-cluster' : ''}${CI ? '-ci' : ''}`, {
    config: CFG,
    faults,
    counts,
    rows,
    info,
    twice,
    ledger,
    settled,
    machine: machine(),
  });
  log('chaos', `${violations === 0 ? 'no violations' : `${violations} VIOLATIONS`}; results: ${file}`);
  return { violations };
}

function ledgerVerify() {
  const run = spawnSync(process.execPath, [join(root, 'dist', 'apps', 'budget', 'src', 'ledger', 'ledger.cli.js'), 'verify'], {
    env: { ...process.env, DATABASE_URL: up.databases.budget },
    encoding: 'utf8',
    timeout: 60_000,
  });
  try {
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    return { ok: run.status === 0, linesChecked: report.linesChecked, mismatches: report.mismatches.length, overspent: report.overspent };
  } catch {
    log('chaos', `ledger verify failed (${run.status}): ${run.stderr}`);
    return { ok: false, mismatches: -1, overspent: 0 };
  }
}

/** End offsets of every dead-letter topic, per partition. */
async function deadLetterEnds() {
  const topics = (await admin.listTopics()).filter((t) => t.endsWith('.dlq'));
  const out = {};
  for (const topic of topics) out[topic] = await admin.fetchTopicOffsets(topic);
  return out;
}

/** What reached a dead-letter topic since `before`, counted by topic, group and reason. */
function deadLetterReasons(before) {
  const out = {};
  for (const [topic, partitions] of Object.entries(before)) {
    for (const { partition, high } of partitions) {
      for (const { group, reason } of deadLetters(up.client, topic, partition, high)) {
        const key = `${topic} ${group}: ${(reason ?? '?').replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 100)}`;
        out[key] = (out[key] ?? 0) + 1;
      }
    }
  }
  return out;
}
