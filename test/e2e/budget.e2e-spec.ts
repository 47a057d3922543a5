import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { cloudEvent, consumerGroupOf, OrderEventData, ProductSnapshot, Topics } from '#serapan/contracts';
import type { AbsorptionGroupDto } from '../../apps/budget/src/absorption/dto/absorption.dto.js';
import type { LedgerService } from '../../apps/budget/src/ledger/ledger.service.js';
import type { BudgetLineDto, PaguRevisionDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { WeeklyReportDto } from '../../apps/budget/src/reports/dto/weekly-report.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import {
  aProduct,
  Api,
  ErrorBody,
  eventually,
  groupAssignment,
  Json,
  operationsWithoutAnswerSchema,
  publishProducts,
  satkerUsers,
  schemaAt,
  ServiceDatabase,
  testEnv,
  testKafka,
  tokenFor,
  TopicRecorder,
  uniqueSatker,
} from '../support/index.js';

const FY = 2026;
const ACCOUNT = '532111';
const run = promisify(execFile);

type LedgerReport = Awaited<ReturnType<LedgerService['verify']>>;

describe('budget absorption service', { timeout: 300_000 }, () => {
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const budgetDb = new ServiceDatabase('budget');
  const orderDb = new ServiceDatabase('order');
  let product: ProductSnapshot;

  before(async () => {
    const snapshot = aProduct().priced('1000000').domestic('pdn').umk().build();
    await publishProducts([snapshot]);
    await eventually('product known to orders', async () => (await orderDb.knownProducts([snapshot.productId])) === 1);
    product = snapshot;
  });

  after(async () => {
    await budgetDb.close();
    await orderDb.close();
  });

  async function aLine(paguIdr: string, klCode = '023') {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode, klCode);
    const tokens = { officer: tokenFor(users.officer), finance: tokenFor(users.finance) };
    const put = await budget.as(tokens.finance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr });
    assert.equal(put.status, 201, JSON.stringify(put.body));
    return { satkerCode, tokens };
  }

  const line = async (token: string, satkerCode: string) =>
    (await budget.as(token).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FY}&satkerCode=${satkerCode}`)).body[0];

  test('200 concurrent orders against one line, decided by two budget replicas, never exceed its pagu, and exactly the ones that fit succeed', async () => {
    // npm test runs a second budget replica: the order topic's partitions are shared between the two
    const members = await eventually('two budget replicas share the order topic', async () => {
      const assigned = await groupAssignment(consumerGroupOf('budget'), Topics.order);
      return assigned.filter((partitions) => partitions.length > 0).length >= 2 ? assigned : undefined;
    });
    assert.equal(members.flat().length, new Set(members.flat()).size, 'no partition held twice');
    const { satkerCode, tokens } = await aLine('50000000');
    const ids: string[] = [];
    const inFlight = Array.from({ length: 200 }, (_, i) => i);
    for (let i = 0; i < inFlight.length; i += 50) {
      const batch = await Promise.all(
        inFlight
          .slice(i, i + 50)
          .map(() =>
            orders
              .as(tokens.officer)
              .post<Json<OrderViewDto>>(
                '/api/orders',
                { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 1 }] },
                { 'Idempotency-Key': randomUUID() },
              ),
          ),
      );
      for (const response of batch) {
        assert.equal(response.status, 202, JSON.stringify(response.body));
        ids.push(response.body.id);
      }
    }
    // decisions are read from the budget's own records; nothing releases while the test runs
    const decided = await eventually(
      'all 200 decided',
      async () => {
        const [row] = await budgetDb.query<{ reserved: number; rejected: number; released: number }>(
          `SELECT count(*) FILTER (WHERE status <> 'rejected')::int AS reserved, count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
                count(*) FILTER (WHERE status = 'released')::int AS released
           FROM reservations WHERE order_id = ANY($1::uuid[])`,
          [ids],
        );
        return row.reserved + row.rejected === 200 ? row : undefined;
      },
      90_000,
      200,
    );
    assert.deepEqual(decided, { reserved: 50, rejected: 150, released: 0 }, 'exactly the 50 orders of Rp 1,000,000 that fit Rp 50,000,000');
    const reasons = await eventually(
      'the order service marked every rejection',
      async () => {
        const rows = await orderDb.query<{ reason: string }>(`SELECT reason FROM orders WHERE id = ANY($1::uuid[]) AND status = 'REJECTED'`, [ids]);
        return rows.length === decided.rejected ? rows : undefined;
      },
      30_000,
      200,
    );
    for (const { reason } of reasons) {
      const remaining = BigInt(/remaining pagu (\d+)/.exec(reason)?.[1] ?? '-1');
      assert.ok(remaining >= 0n && remaining < 1000000n, `rejected only when it did not fit: ${reason}`);
    }
    const [overspent] = await budgetDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM budget_lines WHERE committed_idr + realised_idr > pagu_idr`);
    assert.equal(overspent.n, 0);
    const held = BigInt((await line(tokens.finance, satkerCode)).committedIdr);
    assert.equal(held, BigInt(decided.reserved - decided.released) * 1000000n);
  });

  test('a redelivered or replayed order event changes nothing', async (t) => {
    const { satkerCode, tokens } = await aLine('10000000');
    const recorder = await new TopicRecorder(Topics.order).start();
    t.after(() => recorder.stop());
    const placed = await orders
      .as(tokens.officer)
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 3 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    const orderId = placed.body.id;
    await eventually('reserved', async () => (await line(tokens.finance, satkerCode)).committedIdr === '3000000');
    const { message: original, event: envelope } = await eventually('order.placed seen', () =>
      recorder.events<OrderEventData>().find(({ event }) => event.subject === orderId && event.type === 'order.placed'),
    );
    await recorder.stop();
    const producer = testKafka().producer();
    await producer.connect();
    const paid = cloudEvent('/serapan/order', 'order.paid', orderId, envelope.data);
    const lateCancel = cloudEvent('/serapan/order', 'order.cancelled', orderId, envelope.data);
    await producer.send({
      topic: Topics.order,
      messages: [
        { key: orderId, value: original.value },
        { key: orderId, value: original.value },
        { key: orderId, value: JSON.stringify(cloudEvent('/serapan/order', 'order.placed', orderId, envelope.data)) },
        { key: orderId, value: JSON.stringify(paid) },
        { key: orderId, value: JSON.stringify(paid) },
        { key: orderId, value: JSON.stringify(lateCancel) },
      ],
    });
    await producer.disconnect();
    await eventually('the replays were consumed', async () => (await budgetDb.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [lateCancel.id])).length === 1);
    const entries = await budgetDb.query<{ kind: string; amount_idr: string }>(`SELECT kind, amount_idr FROM ledger_entries WHERE order_id = $1 ORDER BY id`, [
      orderId,
    ]);
    assert.deepEqual(
      entries.map((e) => `${e.kind}:${e.amount_idr}`),
      ['reserve:3000000', 'realise:3000000'],
      'one reservation, one realisation; the later cancel finds nothing to release',
    );
    const settled = await line(tokens.finance, satkerCode);
    assert.equal(settled.committedIdr, '0');
    assert.equal(settled.realisedIdr, '3000000');
  });

  test('a pagu revision below committed + realised is refused with the figures', async () => {
    const { satkerCode, tokens } = await aLine('5000000');
    await orders
      .as(tokens.officer)
      .post(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 4 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    await eventually('reserved', async () => (await line(tokens.finance, satkerCode)).committedIdr === '4000000');
    const refused = await budget.as(tokens.finance).put<ErrorBody>(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '3999999' });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /committed 4000000 \+ realised 0 = 4000000/);
    const raised = await budget.as(tokens.finance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '4000000' });
    assert.equal(raised.status, 200);
    const history = await budget.as(tokens.finance).get<Json<PaguRevisionDto>[]>(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}/revisions`);
    assert.deepEqual(
      history.body.map((r) => [r.previousPaguIdr, r.paguIdr]),
      [
        [null, '5000000'],
        ['5000000', '4000000'],
      ],
    );
  });

  test('finance acts only within its satker or K/L, and other roles not at all', async () => {
    const satkerCode = uniqueSatker();
    const path = `/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`;
    const strangerFinance = tokenFor(satkerUsers(uniqueSatker()).finance);
    assert.equal((await budget.as(strangerFinance).put(path, { paguIdr: '1' })).status, 403);
    assert.equal((await budget.as(tokenFor(satkerUsers(satkerCode).officer)).put(path, { paguIdr: '1' })).status, 403);
    assert.equal((await budget.put(path, { paguIdr: '1' })).status, 401);
    const klFinance = tokenFor({ username: 'kl.finance', role: 'finance', klCode: '023' });
    assert.equal((await budget.as(klFinance).put(path, { paguIdr: '1000' })).status, 201);
    const otherKl = tokenFor({ username: 'kl.other', role: 'finance', klCode: '024' });
    assert.equal((await budget.as(otherKl).put(path, { paguIdr: '2000' })).status, 403);
    const bad = await budget.as(klFinance).put<ErrorBody<string[]>>(path, { paguIdr: '12.5' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body.message), /paguIdr/);
  });

  test('absorption changes reach a finance stream in scope as Server-Sent Events', async () => {
    const { satkerCode, tokens } = await aLine('8000000');
    const controller = new AbortController();
    const response = await fetch(`${testEnv.serviceUrl('budget')}/api/budget/absorption/stream?access_token=${tokens.finance}`, { signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    // the answer's headers come once the stream is subscribed to the feed, so a change made now reaches it
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await budget.as(tokens.finance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '9000000' });
    let text = '';
    const deadline = Date.now() + 15_000;
    while (!text.includes('"paguIdr":"9000000"') && Date.now() < deadline) text += (await reader.read()).value ?? '';
    controller.abort();
    assert.match(text, /event: absorption/);
    assert.match(text, new RegExp(`"satkerCode":"${satkerCode}"`));
    assert.match(text, /"paguIdr":"9000000"/);
  });

  test('absorption is grouped by satker and K/L with PDN and UMK shares', async () => {
    const klCode = String(900 + Math.floor(Math.random() * 99));
    const a = await aLine('10000000', klCode);
    const placed = await orders
      .as(a.tokens.officer)
      .post(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 2 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202);
    await eventually('reserved', async () => (await line(a.tokens.finance, a.satkerCode)).committedIdr === '2000000');
    const auditor = tokenFor({ username: 'auditor', role: 'auditor' });
    const bySatker = await budget.as(auditor).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=satker`);
    const row = bySatker.body.find((r) => r.satkerCode === a.satkerCode);
    assert.ok(row, `satker ${a.satkerCode} is among the groups`);
    assert.equal(row.uptakePct, 20);
    assert.equal(row.absorptionPct, 0);
    assert.equal(row.pdnSharePct, 100);
    assert.equal(row.umkSharePct, 100);
    const byKl = await budget.as(auditor).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=kl`);
    assert.equal(byKl.body.find((r) => r.klCode === klCode)?.committedIdr, '2000000');
    const scoped = await budget.as(a.tokens.finance).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=line`);
    assert.ok(
      scoped.body.every((r) => r.satkerCode === a.satkerCode),
      'satker finance sees only its own lines',
    );
  });

  test('the weekly report card on a fixed data set gives the expected figures', async () => {
    const klCode = String(800 + Math.floor(Math.random() * 99));
    const [s1, s2] = [uniqueSatker(), uniqueSatker()];
    const at = (iso: string) => new Date(iso).toISOString();
    for (const [satker, pagu] of [
      [s1, '100000000'],
      [s2, '50000000'],
    ]) {
      await budgetDb.query(`INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr) VALUES ($1, $2, '521211', $3, $4)`, [
        FY,
        satker,
        klCode,
        pagu,
      ]);
      await budgetDb.query(
        `INSERT INTO pagu_revisions (fiscal_year, satker_code, account_code, pagu_idr, revised_by, revised_at) VALUES ($1, $2, '521211', $3, 'seed', $4)`,
        [FY, satker, pagu, at('2026-01-05T09:00:00+07:00')],
      );
    }
    // s1: order A placed 2 Mar, paid 11 Mar (9 days); order B placed 10 Mar, paid 13 Mar (3 days); order C placed 12 Mar, still committed; D placed and cancelled.
    const orderRows: [string, string, string, string, string, string | null, string | null, boolean?][] = [
      // satker, amount, pdn (all in the top tier, the rest import), umk, placed, realised, released, justified
      [s1, '20000000', '20000000', '0', '2026-03-02T10:00:00+07:00', '2026-03-11T10:00:00+07:00', null],
      [s1, '10000000', '0', '10000000', '2026-03-10T10:00:00+07:00', '2026-03-13T10:00:00+07:00', null],
      [s1, '10000000', '10000000', '10000000', '2026-03-12T10:00:00+07:00', null, null, true],
      [s1, '5000000', '0', '0', '2026-03-11T10:00:00+07:00', null, '2026-03-12T10:00:00+07:00'],
      [s2, '25000000', '0', '0', '2026-03-03T10:00:00+07:00', '2026-03-05T10:00:00+07:00', null],
    ];
    for (const [satker, amount, pdn, umk, placedAt, realisedAt, releasedAt, justified = false] of orderRows) {
      const orderId = randomUUID();
      const status = realisedAt ? 'realised' : releasedAt ? 'released' : 'committed';
      const imported = String(BigInt(amount) - BigInt(pdn));
      await budgetDb.query(
        `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at, justified, top_tier_idr, import_tier_idr)
         VALUES ($1, $2, $3, $4, '521211', $5, $6, $7, $8, $9, $10, $6, $11)`,
        [orderId, FY, satker, klCode, amount, pdn, umk, status, at(placedAt), justified, imported],
      );
      const ledger = (kind: string, when: string) =>
        budgetDb.query(
          `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr, recorded_at, top_tier_idr, import_tier_idr)
           VALUES ($1, $2, $3, $4, $5, '521211', $6, $7, $8, $9, $7, $10)`,
          [orderId, randomUUID(), kind, FY, satker, amount, pdn, umk, at(when), imported],
        );
      await ledger('reserve', placedAt);
      if (realisedAt) await ledger('realise', realisedAt);
      if (releasedAt) await ledger('release', releasedAt);
    }
    const auditor = tokenFor({ username: 'auditor', role: 'auditor' });
    const report = await budget.as(auditor).get<WeeklyReportDto>(`/api/budget/reports/weekly?weekEnding=2026-03-13&klCode=${klCode}`);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const [card1, card2] = [s1, s2].map((s) => report.body.cards.find((c) => c.satkerCode === s));
    assert.deepEqual(
      { ...card1, weekEnding: undefined },
      {
        weekEnding: undefined,
        fiscalYear: FY,
        klCode,
        satkerCode: s1,
        paguIdr: '100000000',
        committedIdr: '10000000',
        realisedIdr: '30000000',
        absorptionPct: 30,
        absorptionChangePct: 30,
        pdnSharePct: 75,
        pdnTiers: {
          top: { idr: '30000000', sharePct: 75 },
          pdn: { idr: '0', sharePct: 0 },
          low: { idr: '0', sharePct: 0 },
          uncertified: { idr: '0', sharePct: 0 },
          import: { idr: '10000000', sharePct: 25 },
        },
        umkSharePct: 50,
        ordersPlaced: 3,
        ordersJustified: 1,
        ordersCompleted: 2,
        medianDaysToPayment: 6,
        rankInKl: 2,
        satkersInKl: 2,
      },
    );
    assert.ok(card2, `satker ${s2} has a card`);
    assert.equal(card2.absorptionPct, 50);
    assert.equal(card2.absorptionChangePct, 0, 's2 was paid the week before');
    assert.equal(card2.rankInKl, 1);
    assert.equal(card2.ordersPlaced, 0);
    assert.equal(card2.medianDaysToPayment, null);
    const csv = await budget.as(auditor).get<string>(`/api/budget/reports/weekly?weekEnding=2026-03-13&klCode=${klCode}&format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.body, new RegExp(`^2026-03-13,2026,${klCode},${s1},100000000,10000000,30000000,30,30,75,50,3,1,2,6,2,2,75,0,0,0,25\\r$`, 'm'));
    const notFriday = await budget.as(auditor).get<ErrorBody>(`/api/budget/reports/weekly?weekEnding=2026-03-12`);
    assert.equal(notFriday.status, 400);
    assert.match(notFriday.body.message, /must be a Friday/);
  });

  test('the OpenAPI document gives every endpoint the shape it answers, money as decimal strings', async () => {
    const { status, body } = await budget.get<OpenAPIObject>('/docs-json');
    assert.equal(status, 200);
    assert.deepEqual(operationsWithoutAnswerSchema(body), []);
    const allocate = body.paths['/api/budget/lines/{fiscalYear}/{satkerCode}/{accountCode}'].put?.responses;
    assert.deepEqual(Object.keys(allocate ?? {}).sort(), ['200', '201']);
    for (const money of [
      schemaAt(body, 'BudgetLineDto', 'remainingIdr'),
      schemaAt(body, 'AbsorptionGroupDto', 'realisedIdr'),
      schemaAt(body, 'ReportCardDto', 'paguIdr'),
    ])
      assert.equal(money.type, 'string');
    const weekly = body.paths['/api/budget/reports/weekly'].get?.responses['200'];
    assert.ok(weekly && 'content' in weekly && weekly.content?.['text/csv'], 'the CSV form is documented');
  });

  test('rebuilding from the ledger reproduces the line totals', async () => {
    const { satkerCode, tokens } = await aLine('7000000');
    await orders
      .as(tokens.officer)
      .post(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 2 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    const before = await eventually('reserved', async () => {
      const l = await line(tokens.finance, satkerCode);
      return l.committedIdr === '2000000' ? l : undefined;
    });
    // the CLI prints the verify report last, pretty-printed
    const reportIn = (stdout: string) => JSON.parse(stdout.slice(stdout.indexOf('{\n'))) as LedgerReport;
    const cli = (command: string) =>
      run(process.execPath, ['--import', 'reflect-metadata', 'dist/apps/budget/src/ledger/ledger.cli.js', command], {
        env: { ...process.env, DATABASE_URL: testEnv.serviceDatabaseUrl('budget') },
      }).then(
        (r) => ({ code: 0, out: reportIn(r.stdout) }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: reportIn(e.stdout) }),
      );
    await budgetDb.query(`UPDATE budget_lines SET committed_idr = 0, committed_pdn_idr = 0 WHERE satker_code = $1`, [satkerCode]);
    const broken = await cli('verify');
    assert.equal(broken.code, 1);
    assert.ok(broken.out.mismatches.some((m) => m.satkerCode === satkerCode && m.column === 'committed_idr' && m.fromLedger === '2000000' && m.stored === '0'));
    const rebuilt = await cli('rebuild');
    assert.equal(rebuilt.code, 0, JSON.stringify(rebuilt.out));
    assert.deepEqual(rebuilt.out.mismatches, []);
    const after = await line(tokens.finance, satkerCode);
    assert.equal(after.committedIdr, before.committedIdr);
    assert.equal(after.remainingIdr, before.remainingIdr);
  });
});
