// npm run fuzz [-- --ci] [--requests 5000]
//
// 1. HTTP: reads each backend service's OpenAPI document (/docs-json) and
//    sends malformed requests built from it — wrong types, missing fields,
//    huge strings, negative/fractional money, bad UUIDs and enums, extra
//    fields, broken JSON, wrong content types, bad path and query values —
//    with a valid token of the role the operation is for. No answer may be a
//    5xx or a dropped connection, and every service must stay healthy.
// 2. Kafka: injects malformed messages with kcat (not JSON, wrong schema,
//    unknown type, a type from another topic, empty, 1 MB) onto
//    order.order.v1, catalog.product.v1 and budget.reservation.v1, each
//    followed by a valid event with the same key (so the same partition).
//    Every malformed message must reach the dead-letter topic, once per
//    consuming group, with a dlq-reason header, and the valid event after it
//    must be applied (found in the consumer's inbox).
// Exits 1 on any violation. See bench/README.md.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { kafkajsConfig } from '../deploy/lib/kafka.mjs';
import { isKnownEventType, sourceOf } from '../dist/libs/contracts/src/index.js';
import {
  bringUp,
  deadLetters,
  flags,
  kcat,
  kcatLogin,
  httpClient,
  isServiceGroup,
  kafkaAdmin,
  loadLine,
  log,
  machine,
  memoryOf,
  saveResult,
  seededRandom,
  sleep,
  table,
} from './lib/common.mjs';
import { awaitReadModel, BENCH_JUSTIFICATION, FISCAL_YEAR, orderableProducts, satkers, seedBudget, seedCatalog } from './lib/seed.mjs';

const args = flags();
const CI = Boolean(args.ci);
const REQUESTS = Number(args.requests ?? (CI ? 2_000 : 6_000));
const PARALLEL = 12;
const random = seededRandom(1234);
const pick = (list) => list[Math.floor(random() * list.length)];

const HUGE = 'A'.repeat(200_000);
const LONG = 'Ж'.repeat(20_000);
const WRONG_TYPES = [123, -1, 1.5, 1e308, true, false, null, [], {}, '', 'str', [1, 2], { a: 1 }, '0', '-0', 'NaN', 'Infinity'];
const BAD_MONEY = ['-1', '1.5', '-100', '1e9', ' 100', '+5', '0x10', '١٢٣', '99999999999999999999999', '1,000', 1.5, -1, 1e21, '0.0', '00', 'Rp 100'];
const BAD_UUID = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  "' OR 1=1 --",
  '{d0e8c3a0-7d9b-4c8f-9f11-3a1f0c7b2e55}',
  'd0e8c3a07d9b4c8f9f113a1f0c7b2e55x',
  '../../etc/passwd',
  '\u0000',
];
const BAD_STRINGS = [HUGE, LONG, '\u0000', '😀'.repeat(500), '\u202e', '<script>alert(1)</script>', '${7*7}', 'a'.repeat(61)];
const BROKEN_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '\u0000',
  '[',
  '{"lines":[{"productId":}]}',
  `${'['.repeat(50_000)}`,
  `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
  '\xff\xfe{',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];
const CONTENT_TYPES = [
  ['text/plain', '{"a":1}'],
  ['application/xml', '<order><fiscalYear>2026</fiscalYear></order>'],
  ['application/x-www-form-urlencoded', 'fiscalYear=2026&accountCode=521211&lines[0][productId]=x'],
  ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n'],
  ['application/json; charset=utf-16', '{"a":1}'],
  ['application/json; charset=bogus', '{"a":1}'],
  ['application/octet-stream', Buffer.from([0, 1, 2, 255])],
  ['application/json', Buffer.from([0xc3, 0x28, 0xa0, 0xa1])],
];
const BAD_PATH = [
  'not-a-uuid',
  '%00',
  '..%2F..%2Fetc',
  'A'.repeat(3_000),
  '-1',
  '%F0%9F%98%80',
  '%E0%A4%A',
  randomUUID(),
  '00000000-0000-0000-0000-000000000000',
  "'%20OR%201=1",
];
const BAD_QUERY = ['-1', '0', '1.5', '1e999', 'abc', '', 'true', '%00', 'A'.repeat(4_000), '[]', '{}', '99999999999999999999'];

const up = await bringUp({
  prefix: 'serapan_fuzz',
  fresh: !process.env.SERAPAN_ATTACH,
  serviceEnv: { CONSUMER_RETRY_DELAY_MS: '50', RELAY_POLL_INTERVAL_MS: '250' },
});
const http = httpClient(PARALLEL);
let exitCode = 1;
try {
  const units = satkers(2);
  await seedBudget(up.databases.budget, units);
  await seedCatalog(up.databases.catalog, { vendors: 3, products: 30 });
  await awaitReadModel(up.databases.order, 30, { timeoutMs: 120_000 });
  const [products] = await orderableProducts(up.databases.order, '500000000');
  const vendorId = (await up.query('catalog', 'SELECT vendor_id FROM products WHERE id = $1', [products[0]]))[0].vendor_id;
  const unit = units[0];
  const tokens = {
    officer: up.minter.mint({ username: 'fuzz.officer', role: 'officer', satkerCode: unit.satkerCode, klCode: unit.klCode, ppk: true }),
    vendor: up.minter.mint({ username: 'fuzz.vendor', role: 'vendor', vendorId }),
    finance: up.minter.mint({ username: 'fuzz.finance', role: 'finance', satkerCode: unit.satkerCode, klCode: unit.klCode }),
  };
  // one real order, so order ids in paths and events can name something that exists
  const placed = await http.request(`${up.services.order.url}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.officer}`, 'idempotency-key': `fuzz-${randomUUID()}` },
    // the justification: the product drawn may be an import while a domestic one of its category is listed
    body: { fiscalYear: FISCAL_YEAR, accountCode: '521211', lines: [{ productId: products[0], quantity: 1 }], justification: BENCH_JUSTIFICATION },
  });
  if (placed.status !== 202) throw new Error(`could not place the reference order: ${placed.status} ${placed.text}`);
  const orderId = placed.body.id;
  const ctx = { productId: products[0], orderId, unit };

  const httpResult = await fuzzHttp(tokens, ctx);
  const kafkaResult = await fuzzKafka(ctx);
  const healthy = await healthAfter();

  const rows = [
    { check: 'HTTP requests sent (malformed)', value: httpResult.sent, ok: httpResult.sent >= (CI ? 1_000 : 5_000) },
    { check: 'HTTP 5xx answers', value: httpResult.serverErrors, ok: httpResult.serverErrors === 0 },
    { check: 'HTTP dropped connections', value: httpResult.dropped, ok: httpResult.dropped === 0 },
    { check: 'HTTP 2xx to malformed input', value: httpResult.accepted, ok: true },
    { check: 'services healthy afterwards', value: healthy.map((h) => `${h.name} ${h.ok ? 'ok' : 'DOWN'}`).join(', '), ok: healthy.every((h) => h.ok) },
    { check: 'Kafka malformed messages injected', value: kafkaResult.injected, ok: kafkaResult.injected > 0 },
    {
      check: 'dead-lettered with a reason (per group)',
      value: `${kafkaResult.deadLettered} of ${kafkaResult.expectedDeadLetters}`,
      ok: kafkaResult.deadLettered === kafkaResult.expectedDeadLetters,
    },
    { check: 'dead letters without dlq-reason', value: kafkaResult.withoutReason, ok: kafkaResult.withoutReason === 0 },
    {
      check: 'valid events after them applied',
      value: `${kafkaResult.validApplied} of ${kafkaResult.validExpected}`,
      ok: kafkaResult.validApplied === kafkaResult.validExpected,
    },
  ];
  const violations = rows.filter((r) => !r.ok).length;
  process.stdout.write(`\n### Fuzz${CI ? ' (CI)' : ''}\n\n${table(rows.map((r) => ({ ...r, ok: r.ok ? 'ok' : 'VIOLATION' })))}\n\n`);
  process.stdout.write(`HTTP answers by status: ${JSON.stringify(httpResult.byStatus)}\n`);
  process.stdout.write(`HTTP requests by kind: ${JSON.stringify(httpResult.byKind)}\n`);
  process.stdout.write(`dead letters by topic and group: ${JSON.stringify(kafkaResult.byGroup)}\n`);
  if (httpResult.samples.length)
    process.stdout.write(`failures (first ${httpResult.samples.length}):\n${httpResult.samples.map((s) => `  ${JSON.stringify(s)}`).join('\n')}\n`);
  process.stdout.write(`${loadLine()}\n\n`);
  const file = saveResult(`fuzz${CI ? '-ci' : ''}`, { rows, http: httpResult, kafka: kafkaResult, machine: machine() });
  log('fuzz', `${violations === 0 ? 'no violations' : `${violations} VIOLATIONS`}; results: ${file}`);
  exitCode = violations === 0 ? 0 : 1;
} catch (error) {
  log('fuzz', `failed: ${error.stack ?? error.message}`);
} finally {
  http.close();
  await up.stop();
}
process.exit(exitCode);

/** Which role an operation is for, from its method and path (docs/domain.md, "Public HTTP API"). */
function roleFor(method, path) {
  if (path.includes('/vendors/me')) return 'vendor';
  if (path.startsWith('/api/catalog/products')) return method === 'get' ? 'officer' : 'vendor';
  if (/\/(accept|decline|ship)$/.test(path)) return 'vendor';
  if (/\/(pay|sp2d-import)$/.test(path)) return 'finance';
  if (path.startsWith('/api/orders')) return 'officer';
  return 'finance';
}

/** A valid-looking value for a schema, so one mutation at a time is what is wrong. */
function sample(schema, doc, ctx, name = '', depth = 0) {
  if (!schema || depth > 6) return undefined;
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop()], doc, ctx, name, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, doc, ctx, name, depth + 1)));
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop, doc, ctx, key, depth + 1);
      return out;
    }
    case 'array':
      return [sample(schema.items, doc, ctx, name, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid' || /id$/i.test(name)) return name === 'productId' ? ctx.productId : randomUUID();
      if (/Idr$/.test(name)) return '100000';
      if (/On$|date/i.test(name)) return '2026-11-27';
      return 'fuzz';
  }
}

/** Paths of every field in a sample body: ['lines', 0, 'quantity'] etc. */
function fieldPaths(value, prefix = []) {
  if (Array.isArray(value)) return value.length ? [prefix, ...fieldPaths(value[0], [...prefix, 0])] : [prefix];
  if (value && typeof value === 'object') return Object.keys(value).flatMap((k) => [[...prefix, k], ...fieldPaths(value[k], [...prefix, k])]);
  return [];
}

function setAt(body, path, value, remove = false) {
  const copy = structuredClone(body);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node?.[key];
  if (node === undefined || node === null || typeof node !== 'object') return copy;
  if (remove) delete node[path.at(-1)];
  else node[path.at(-1)] = value;
  return copy;
}

function* mutations(op, doc, ctx) {
  const body = op.bodySchema ? sample(op.bodySchema, doc, ctx) : undefined;
  if (body !== undefined) {
    for (const path of fieldPaths(body)) {
      const name = String(path.at(-1));
      yield { kind: 'missing field', body: setAt(body, path, undefined, true) };
      for (const v of WRONG_TYPES) yield { kind: 'wrong type', body: setAt(body, path, v) };
      for (const v of BAD_STRINGS) yield { kind: 'huge or odd string', body: setAt(body, path, v) };
      if (/Idr$|Price|price|pagu/i.test(name)) for (const v of BAD_MONEY) yield { kind: 'bad money', body: setAt(body, path, v) };
      if (/id$/i.test(name)) for (const v of BAD_UUID) yield { kind: 'bad uuid', body: setAt(body, path, v) };
      yield { kind: 'bad enum', body: setAt(body, path, 'NOT_A_VALUE') };
    }
    yield { kind: 'extra field', body: { ...body, extra: 'x', isAdmin: true } };
    yield { kind: 'extra field', body: { ...body, satkerCode: '999999', vendorId: randomUUID(), status: 'COMPLETED' } };
    for (const whole of [{}, [], 'string', 42, null, [body]]) yield { kind: 'wrong body type', body: whole };
  }
  for (const raw of BROKEN_JSON) yield { kind: 'broken JSON', raw, contentType: 'application/json' };
  for (const [contentType, raw] of CONTENT_TYPES) yield { kind: 'wrong content type', raw, contentType };
  if (op.pathParams.length) for (const v of BAD_PATH) yield { kind: 'bad path value', pathValue: v, body };
  for (const q of op.queryParams) for (const v of BAD_QUERY) yield { kind: 'bad query value', query: `${encodeURIComponent(q)}=${v}`, body };
  if (op.queryParams.length) yield { kind: 'bad query value', query: `${op.queryParams[0]}=1&${op.queryParams[0]}=2&${op.queryParams[0]}[a]=3`, body };
  if (op.headerParams.includes('Idempotency-Key')) {
    for (const key of ['', 'short', 'A'.repeat(101), 'bad key with spaces', '../../x', '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9'])
      yield { kind: 'bad header', idempotencyKey: key, body };
  }
}

async function fuzzHttp(tokens, ctx) {
  const ops = [];
  for (const name of ['catalog', 'order', 'budget']) {
    const { url } = up.services[name];
    const doc = (await http.request(`${url}/docs-json`)).body;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path === '/health' || path.endsWith('/stream')) continue; // the SSE stream stays open by design
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        ops.push({
          service: name,
          url,
          doc,
          method,
          path,
          role: roleFor(method, path),
          pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          headerParams: params.filter((p) => p.in === 'header').map((p) => p.name),
          bodySchema: op.requestBody?.content?.['application/json']?.schema,
        });
      }
    }
  }
  // every mutation of every operation once, then random ones until REQUESTS
  const queue = [];
  for (const op of ops) for (const m of mutations(op, op.doc, ctx)) queue.push([op, m]);
  const all = [...queue];
  while (queue.length < REQUESTS) {
    const [op, m] = pick(all);
    queue.push([
      op,
      m.body !== undefined && typeof m.body === 'object' && m.body !== null && random() < 0.5
        ? { ...m, body: { ...m.body, [`x${queue.length}`]: pick(WRONG_TYPES) } }
        : m,
    ]);
  }
  log('fuzz', `${ops.length} operations from 3 OpenAPI documents, ${all.length} distinct malformed requests, sending ${queue.length}`);
  const result = { sent: 0, serverErrors: 0, dropped: 0, accepted: 0, byStatus: {}, byKind: {}, samples: [] };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const [op, m] = queue[next++];
      const realId = op.path.startsWith('/api/orders') ? ctx.orderId : op.path.startsWith('/api/catalog/products') ? ctx.productId : undefined;
      const defaults = { id: realId ?? randomUUID(), fiscalYear: String(FISCAL_YEAR), satkerCode: ctx.unit.satkerCode, accountCode: '521211' };
      let path = op.path.replace(/\{(\w+)\}/g, (_, p) => defaults[p] ?? 'x');
      if (m.pathValue !== undefined) path = op.path.replace(/\{(\w+)\}/, m.pathValue).replace(/\{(\w+)\}/g, (_, p) => defaults[p] ?? 'x');
      const headers = { authorization: `Bearer ${tokens[op.role]}` };
      if (op.headerParams.includes('Idempotency-Key')) headers['idempotency-key'] = m.idempotencyKey ?? `fuzz-${randomUUID()}`;
      let body;
      if (m.raw !== undefined) {
        body = m.raw;
        headers['content-type'] = m.contentType;
      } else if (m.body !== undefined && op.method !== 'get' && op.method !== 'delete') body = JSON.stringify(m.body) ?? 'null';
      const response = await http.request(`${op.url}${path}${m.query ? `?${m.query}` : ''}`, {
        method: op.method.toUpperCase(),
        headers,
        body,
        timeoutMs: 20_000,
      });
      result.sent += 1;
      result.byStatus[response.status] = (result.byStatus[response.status] ?? 0) + 1;
      result.byKind[m.kind] = (result.byKind[m.kind] ?? 0) + 1;
      if (response.status >= 200 && response.status < 300) result.accepted += 1;
      if (response.status >= 500 || response.status === 0) {
        if (response.status === 0) result.dropped += 1;
        else result.serverErrors += 1;
        if (result.samples.length < 12)
          result.samples.push({
            op: `${op.method.toUpperCase()} ${op.path}`,
            kind: m.kind,
            status: response.status,
            answer: (response.error ?? response.text ?? '').slice(0, 200),
            sent: String(body ?? m.query ?? m.pathValue ?? '').slice(0, 120),
          });
      }
      if (result.sent % 1000 === 0) log('fuzz', `${result.sent} requests, ${result.serverErrors} 5xx, ${result.dropped} dropped`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return result;
}

async function fuzzKafka(ctx) {
  const broker = up.brokers[0];
  const admin = kafkaAdmin(up.client);
  await admin.connect();
  const dir = mkdtempSync(join(tmpdir(), 'serapan-fuzz-'));
  const run = randomUUID().slice(0, 8);
  try {
    const placedEvent = await findEvent('order.order.v1', ctx.orderId, 'order.placed');
    const newProduct = randomUUID();
    const productEvent = (await findEvent('catalog.product.v1', ctx.productId, 'product.listed')) ?? undefined;
    const envelope = (type, subject, data) => ({
      specversion: '1.0',
      id: randomUUID(),
      // the owner's source, or consumers dead-letter even a valid event as forged
      source: isKnownEventType(type) ? sourceOf(type) : '/fuzz',
      type,
      subject,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    });
    const topics = {
      'order.order.v1': {
        key: ctx.orderId,
        typeHere: 'order.placed',
        typeElsewhere: 'product.listed',
        valid: { ...placedEvent, id: randomUUID() }, // a redelivery of the real order.placed under a new id: applied (inbox) but changes nothing
        appliedIn: ['budget', 'serapan-budget'],
      },
      'catalog.product.v1': {
        key: newProduct,
        typeHere: 'product.listed',
        typeElsewhere: 'order.placed',
        valid: {
          ...productEvent,
          id: randomUUID(),
          subject: newProduct,
          data: { ...productEvent.data, productId: newProduct, sku: `FUZZ-${run}`, version: 1 },
        },
        appliedIn: ['order', 'serapan-order'],
      },
      'budget.reservation.v1': {
        key: ctx.orderId,
        typeHere: 'budget.reserved',
        typeElsewhere: 'absorption.changed',
        // the same decision again under a new id: the order is past PENDING_BUDGET, so it is only noted
        valid: envelope('budget.reserved', ctx.orderId, {
          orderId: ctx.orderId,
          fiscalYear: FISCAL_YEAR,
          satkerCode: ctx.unit.satkerCode,
          accountCode: '521211',
          amountIdr: placedEvent.data.totalIdr,
          remainingIdr: '0',
        }),
        appliedIn: ['order', 'serapan-order'],
      },
    };
    const groupsOf = await consumingGroups(admin, Object.keys(topics));
    const before = await dlqOffsets(admin, Object.keys(topics));
    let injected = 0;
    let expectedDeadLetters = 0;
    for (const [topic, t] of Object.entries(topics)) {
      const junk = [
        ['not JSON: binary', Buffer.from(Array.from({ length: 256 }, () => Math.floor(random() * 256)))],
        ['not JSON: text', '{{{ this is not json'],
        ['JSON but not an object', '[1,2,3]'],
        ['empty value', ''],
        ['envelope missing fields', JSON.stringify({ type: t.typeHere, data: {} })],
        ['wrong data schema', JSON.stringify(envelope(t.typeHere, t.key, { orderId: 'not-a-uuid', totalIdr: 1.5, productId: 42 }))],
        ['unknown type', JSON.stringify(envelope(`${t.typeHere}.exploded`, t.key, { anything: true }))],
        ['type of another topic', JSON.stringify(envelope(t.typeElsewhere, t.key, t.valid.data))],
        ['1 MB payload', JSON.stringify(envelope(t.typeHere, t.key, { note: 'x'.repeat(1_048_576) }))],
      ];
      for (const [i, [kind, value]] of junk.entries()) {
        const headers = ['-H', `fuzz-run=${run}`, '-H', `fuzz-kind=${kind}`];
        if (value === '') {
          // kcat skips an empty file; from stdin with -Z an empty value goes out as a null (tombstone)
          kcat(['-P', '-b', broker, ...kcatLogin(up.client), '-t', topic, '-Z', '-K', '\t', ...headers], `${t.key}\t\n`);
        } else {
          const file = join(dir, `${topic}-${i}`);
          writeFileSync(file, value);
          kcat(['-P', '-b', broker, ...kcatLogin(up.client), '-t', topic, '-k', t.key, ...headers, '-X', 'message.max.bytes=2000000', file]);
        }
        injected += 1;
        expectedDeadLetters += groupsOf[topic].length;
      }
      const validFile = join(dir, `${topic}-valid`);
      writeFileSync(validFile, JSON.stringify(t.valid));
      kcat(['-P', '-b', broker, ...kcatLogin(up.client), '-t', topic, '-k', t.key, '-H', `fuzz-run=${run}`, validFile]);
      log(
        'fuzz',
        `kcat: ${junk.length} malformed messages and then a valid ${t.valid.type} onto ${topic} (key ${t.key}; consumed by ${groupsOf[topic].join(', ')})`,
      );
    }

    // wait (bounded) for the dead letters and for the valid events to be applied
    const deadline = Date.now() + 90_000;
    let dead = { count: 0, withoutReason: 0, byGroup: {} };
    let validApplied = 0;
    while (Date.now() < deadline) {
      dead = await readDeadLetters(Object.keys(topics), before, run);
      validApplied = 0;
      for (const t of Object.values(topics)) {
        const [db, group] = t.appliedIn;
        if ((await up.query(db, 'SELECT 1 FROM inbox WHERE consumer_group = $1 AND event_id = $2', [group, t.valid.id])).length) validApplied += 1;
      }
      if (dead.count >= expectedDeadLetters && validApplied === Object.keys(topics).length) break;
      await sleep(2000);
    }
    return {
      injected,
      expectedDeadLetters,
      deadLettered: dead.count,
      withoutReason: dead.withoutReason,
      byGroup: dead.byGroup,
      validApplied,
      validExpected: Object.keys(topics).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.disconnect();
  }
}

/** The groups that have committed offsets on each topic (which consumers must dead-letter a bad message there). */
async function consumingGroups(admin, topics) {
  const { groups } = await admin.listGroups();
  const out = Object.fromEntries(topics.map((t) => [t, []]));
  for (const { groupId } of groups.filter((g) => isServiceGroup(g.groupId))) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      if (partitions.some((p) => p.offset !== '-1')) out[topic].push(groupId);
    }
  }
  return out;
}

async function dlqOffsets(admin, topics) {
  const out = {};
  for (const topic of topics) out[topic] = await admin.fetchTopicOffsets(`${topic}.dlq`);
  return out;
}

/** Reads the dead-letter topics from the offsets noted before injection; counts this run's messages. */
async function readDeadLetters(topics, before, run) {
  const result = { count: 0, withoutReason: 0, byGroup: {} };
  for (const topic of topics) {
    for (const { partition, offset } of before[topic]) {
      for (const { headers, group, reason } of deadLetters(up.client, `${topic}.dlq`, partition, offset)) {
        if (!headers.includes(`fuzz-run=${run}`)) continue;
        result.count += 1;
        if (!reason) result.withoutReason += 1;
        const key = `${topic} ${group}`;
        result.byGroup[key] = (result.byGroup[key] ?? 0) + 1;
      }
    }
  }
  return result;
}

/** The first event of `type` about `subject` on a topic (read with kafkajs from the beginning). */
async function findEvent(topic, subject, type) {
  const consumer = new kafkajs.Kafka(kafkajsConfig(up.client, 'serapan-fuzz', { logLevel: kafkajs.logLevel.NOTHING })).consumer({
    groupId: `serapan-fuzz-${randomUUID()}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let found;
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (found || message.key?.toString() !== subject) return;
      const event = JSON.parse(message.value.toString());
      if (event.type === type) found = event;
    },
  });
  const deadline = Date.now() + 30_000;
  while (!found && Date.now() < deadline) await sleep(200);
  await consumer.disconnect();
  if (!found) throw new Error(`no ${type} for ${subject} on ${topic}`);
  return found;
}

async function healthAfter() {
  await sleep(2000);
  const out = [];
  for (const s of Object.values(up.services)) {
    const health = await http.request(`${s.url}/health`);
    out.push({ name: s.name, ok: health.status === 200, memory: memoryOf(s.pid) });
  }
  return out;
}
