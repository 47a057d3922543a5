import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { cloudEvent, consumerGroupOf, OrderEventData, ProductSnapshot, Topics } from '#serapan/contracts';
import type { AbsorptionGroupDto } from '../../apps/budget/src/absorption/dto/absorption.dto.js';
import { DEFAULT_TARGETS_DIR, loadTargets } from '../../apps/budget/src/absorption/fiscal-year-targets.js';
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
    const tokens = { officer: tokenFor(users.officer), finance: tokenFor(users.finance), klFinance: tokenFor(users.klFinance) };
    const put = await budget.as(tokens.klFinance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr });
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
    const refused = await budget.as(tokens.klFinance).put<ErrorBody>(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '3999999' });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /committed 4000000 \+ realised 0 = 4000000/);
    const blocked = await budget
      .as(tokens.klFinance)
      .put<ErrorBody>(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '5000000', blokirIdr: '1000001' });
    assert.equal(blocked.status, 409, 'a blokir that would put pagu − blokir below what is used is refused');
    assert.match(blocked.body.message, /paguIdr 5000000 − blokirIdr 1000001 is below what line .* already uses: committed 4000000/);
    const raised = await budget.as(tokens.klFinance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '4000000' });
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

  test('a satker finance user cannot raise its own pagu; its K/L finance can, and K/L finance of another K/L cannot', async () => {
    const { satkerCode, tokens } = await aLine('1000000');
    const path = `/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`;
    const own = await budget.as(tokens.finance).put<ErrorBody>(path, { paguIdr: '9000000' });
    assert.equal(own.status, 403);
    assert.match(own.body.message, /only K\/L finance .* sets or revises a pagu, as the DIPA does/);
    assert.equal((await line(tokens.finance, satkerCode)).paguIdr, '1000000', 'it can still read its line, unchanged');
    const raised = await budget.as(tokens.klFinance).put<Json<BudgetLineDto>>(path, { paguIdr: '9000000', blokirIdr: '500000' });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.deepEqual([raised.body.paguIdr, raised.body.blokirIdr, raised.body.remainingIdr], ['9000000', '500000', '8500000']);
    const foreign = await budget.as(tokenFor({ username: 'kl.other', role: 'finance', klCode: '024' })).put<ErrorBody>(path, { paguIdr: '1' });
    assert.equal(foreign.status, 403);
    const tooBlocked = await budget.as(tokens.klFinance).put<ErrorBody<string | string[]>>(path, { paguIdr: '9000000', blokirIdr: '9000001' });
    assert.equal(tooBlocked.status, 400);
    assert.match(String(tooBlocked.body.message), /blokirIdr 9000001 exceeds paguIdr 9000000/);
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
    const response = await fetch(`${testEnv.serviceUrl('budget')}/api/budget/absorption/stream`, {
      headers: { authorization: `Bearer ${tokens.finance}` },
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    // the answer's headers come once the stream is subscribed to the feed, so a change made now reaches it
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await budget.as(tokens.klFinance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '9000000' });
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
        blokirIdr: '0',
        absorptionTargetPct: 12,
        absorptionOnTrack: true,
        umkTargetPct: 40,
        umkOnTrack: true,
        pdnTargetPct: 95,
        pdnOnTrack: false,
      },
      'Q1 goods target 15 % interpolated to the Saturday 00:00 Jakarta cut: 72 of 90 days → 12 %',
    );
    assert.ok(card2, `satker ${s2} has a card`);
    assert.equal(card2.absorptionPct, 50);
    assert.equal(card2.absorptionChangePct, 0, 's2 was paid the week before');
    assert.equal(card2.rankInKl, 1);
    assert.equal(card2.ordersPlaced, 0);
    assert.equal(card2.medianDaysToPayment, null);
    const csv = await budget.as(auditor).get<string>(`/api/budget/reports/weekly?weekEnding=2026-03-13&klCode=${klCode}&format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(
      csv.body,
      new RegExp(`^2026-03-13,2026,${klCode},${s1},100000000,10000000,30000000,30,30,75,50,3,1,2,6,2,2,0,12,true,40,true,95,false,75,0,0,0,25\\r$`, 'm'),
    );
    const notFriday = await budget.as(auditor).get<ErrorBody>(`/api/budget/reports/weekly?weekEnding=2026-03-12`);
    assert.equal(notFriday.status, 400);
    assert.match(notFriday.body.message, /must be a Friday/);
  });

  test('a DIPA import reports each line, sets the good ones, changes nothing for the bad ones, and a re-import changes nothing', async () => {
    const klCode = String(700 + Math.floor(Math.random() * 99));
    const [s1, s2, foreign] = [uniqueSatker(), uniqueSatker(), uniqueSatker()];
    const klFinance = tokenFor(satkerUsers(s1, klCode).klFinance);
    // foreign is registered to another K/L before the import names it
    assert.equal(
      (await budget.as(tokenFor(satkerUsers(foreign, '024').klFinance)).put(`/api/budget/lines/${FY}/${foreign}/521211`, { paguIdr: '1' })).status,
      201,
    );
    const csv = [
      'fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr,dipa_number',
      `${FY},${s1},${klCode},521211,10000000,2000000,DIPA-${klCode}.01/${FY}`,
      `${FY},${s1},${klCode},532111,5000000,0,DIPA-${klCode}.01/${FY}`,
      `${FY},${s2},${klCode},521211,12.5,0,`,
      `${FY},${s2},024,521211,1000000,0,`,
      `${FY},${foreign},${klCode},521211,1000000,0,`,
      `${FY},${s2},${klCode},521211,1000000,2000000,`,
      '',
    ].join('\r\n');
    type Report = {
      rows: number;
      created: number;
      revised: number;
      unchanged: number;
      rejected: number;
      lines: { line: number; outcome: string; reason?: string }[];
    };
    const first = await budget.as(klFinance).postCsv<Report>('/api/budget/dipa', csv);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.rows, first.body.created, first.body.revised, first.body.unchanged, first.body.rejected], [6, 2, 0, 0, 4]);
    assert.deepEqual(
      first.body.lines.map((l) => [l.line, l.outcome]),
      [
        [2, 'created'],
        [3, 'created'],
        [4, 'rejected'],
        [5, 'rejected'],
        [6, 'rejected'],
        [7, 'rejected'],
      ],
    );
    const reasons = first.body.lines.map((l) => l.reason ?? '');
    assert.match(reasons[2], /pagu_idr "12.5" must be whole rupiah/);
    assert.match(reasons[3], new RegExp(`kl_code 024 is outside your K/L ${klCode}`));
    assert.match(reasons[4], new RegExp(`satker ${foreign} is registered to K/L 024, not ${klCode}`));
    assert.match(reasons[5], /blokir_idr 2000000 exceeds pagu_idr 1000000/);
    const lines = (await budget.as(klFinance).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FY}&klCode=${klCode}`)).body;
    assert.deepEqual(
      lines.map((l) => [l.satkerCode, l.accountCode, l.paguIdr, l.blokirIdr, l.remainingIdr]),
      [
        [s1, '521211', '10000000', '2000000', '8000000'],
        [s1, '532111', '5000000', '0', '5000000'],
      ],
      'only the good rows made lines; the rejected satker has none',
    );
    const revisions = await budget.as(klFinance).get<Json<PaguRevisionDto>[]>(`/api/budget/lines/${FY}/${s1}/521211/revisions`);
    assert.deepEqual(
      revisions.body.map((r) => [r.paguIdr, r.blokirIdr, r.dipaNumber]),
      [['10000000', '2000000', `DIPA-${klCode}.01/${FY}`]],
    );
    const again = await budget.as(klFinance).postCsv<Report>('/api/budget/dipa', csv);
    assert.deepEqual([again.body.created, again.body.revised, again.body.unchanged, again.body.rejected], [0, 0, 2, 4]);
    const revisedAgain = await budget.as(klFinance).get<Json<PaguRevisionDto>[]>(`/api/budget/lines/${FY}/${s1}/521211/revisions`);
    assert.equal(revisedAgain.body.length, 1, 'a re-import records no revision');
    const satkerFinance = await budget.as(tokenFor(satkerUsers(s1, klCode).finance)).postCsv<ErrorBody>('/api/budget/dipa', csv);
    assert.equal(satkerFinance.status, 403);
    const badHeader = await budget.as(klFinance).postCsv<ErrorBody>('/api/budget/dipa', 'fiscal_year,satker_code\r\n2026,415423\r\n');
    assert.equal(badHeader.status, 400);
    assert.match(badHeader.body.message, /header lacks kl_code, account_code, pagu_idr, blokir_idr/);
  });

  test('blokir reduces what can be reserved, and absorption is of pagu − blokir', async () => {
    const { satkerCode, tokens } = await aLine('10000000');
    const path = `/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`;
    assert.equal((await budget.as(tokens.klFinance).put(path, { paguIdr: '10000000', blokirIdr: '4000000' })).status, 200);
    const order = (quantity: number) =>
      orders
        .as(tokens.officer)
        .post<Json<OrderViewDto>>(
          '/api/orders',
          { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity }] },
          { 'Idempotency-Key': randomUUID() },
        );
    const tooBig = await order(7);
    assert.equal(tooBig.status, 202);
    const rejected = await eventually('the order that fits the pagu but not pagu − blokir is rejected', async () => {
      const { body } = await orders.as(tokens.officer).get<Json<OrderViewDto>>(`/api/orders/${tooBig.body.id}`);
      return body.status === 'REJECTED' ? body : undefined;
    });
    assert.match(JSON.stringify(rejected), /exceeds the remaining pagu 6000000/);
    const fits = await order(3);
    await eventually('reserved', async () => (await line(tokens.finance, satkerCode)).committedIdr === '3000000');
    const vendor = tokenFor({ username: `vendor.${product.vendorId.slice(0, 8)}`, role: 'vendor', vendorId: product.vendorId });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const [token, action, body] of [
      [vendor, 'accept', {}],
      [vendor, 'ship', {}],
      [tokens.officer, 'receive', { bastNumber: `BAST-${randomUUID().slice(0, 8)}`, receivedOn: today }],
      [tokens.finance, 'pay', { sp2dNumber: `SP2D-${randomUUID().slice(0, 8)}`, paidOn: today }],
    ] as const) {
      const answer = await eventually(`${action} accepted`, async () => {
        const a = await orders.as(token).post(`/api/orders/${fits.body.id}/${action}`, body);
        return a.status === 200 ? a : undefined;
      });
      assert.equal(answer.status, 200);
    }
    await eventually('realised', async () => (await line(tokens.finance, satkerCode)).realisedIdr === '3000000');
    const absorption = await budget.as(tokens.finance).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=line`);
    const row = absorption.body.find((r) => r.satkerCode === satkerCode)!;
    assert.deepEqual(
      [row.paguIdr, row.blokirIdr, row.availablePaguIdr, row.absorptionPct],
      ['10000000', '4000000', '6000000', 50],
      '3,000,000 of 6,000,000, not of 10,000,000',
    );
    const refused = await budget.as(tokens.klFinance).put<ErrorBody>(path, { paguIdr: '10000000', blokirIdr: '7000001' });
    assert.equal(refused.status, 409, 'a blokir that would leave less than what is realised is refused');
  });

  test('a reservation whose K/L does not match the satker registry is rejected with a reason naming it, and no money moves', async () => {
    const { satkerCode, tokens } = await aLine('10000000');
    const strayOfficer = tokenFor({ ...satkerUsers(satkerCode, '024').officer, username: `ppk.stray.${satkerCode}` });
    const placed = await orders
      .as(strayOfficer)
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear: FY, accountCode: ACCOUNT, lines: [{ productId: product.productId, quantity: 1 }] },
        { 'Idempotency-Key': randomUUID() },
      );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const [decided] = await eventually('decided', async () => {
      const rows = await budgetDb.query<{ status: string }>(`SELECT status FROM reservations WHERE order_id = $1`, [placed.body.id]);
      return rows.length === 1 ? rows : undefined;
    });
    assert.equal(decided.status, 'rejected');
    const [order] = await eventually('the order service marked the rejection', async () => {
      const rows = await orderDb.query<{ status: string; reason: string }>(`SELECT status, reason FROM orders WHERE id = $1`, [placed.body.id]);
      return rows[0]?.status === 'REJECTED' ? rows : undefined;
    });
    assert.match(order.reason, new RegExp(`the order's K/L 024 does not match K/L 023 of satker ${satkerCode} in the satker registry`));
    const after = await line(tokens.finance, satkerCode);
    assert.deepEqual([after.committedIdr, after.realisedIdr], ['0', '0']);
    const entries = await budgetDb.query(`SELECT 1 FROM ledger_entries WHERE order_id = $1`, [placed.body.id]);
    assert.equal(entries.length, 0);
  });

  test('the absorption API gives the fiscal year targets and on-track flags for every grouping', async () => {
    const auditor = tokenFor({ username: 'auditor', role: 'auditor' });
    for (const groupBy of ['line', 'satker', 'kl', 'account-group']) {
      const { status, body } = await budget.as(auditor).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=${groupBy}`);
      assert.equal(status, 200);
      assert.ok(body.length > 0, groupBy);
      for (const row of body) {
        assert.equal(row.umkTargetPct, 40, groupBy);
        assert.equal(row.pdnTargetPct, 95, groupBy);
        assert.equal(typeof row.absorptionTargetPct, 'number');
        assert.equal(row.absorptionOnTrack, row.absorptionPct >= row.absorptionTargetPct);
        assert.equal(row.umkOnTrack, row.committedIdr === '0' && row.realisedIdr === '0' ? true : row.umkSharePct >= 40);
        assert.equal(row.pdnOnTrack, row.committedIdr === '0' && row.realisedIdr === '0' ? true : row.pdnSharePct >= 95);
      }
    }
    const byGroup = (await budget.as(auditor).get<AbsorptionGroupDto[]>(`/api/budget/absorption?fiscalYear=${FY}&groupBy=account-group`)).body;
    const targets = loadTargets(DEFAULT_TARGETS_DIR);
    for (const row of byGroup) {
      const expected = targets.absorptionTargetOn(FY, new Date(), { [row.accountGroup as '52' | '53']: 1n });
      assert.ok(Math.abs(row.absorptionTargetPct - expected) <= 0.02, `group ${row.accountGroup}: ${row.absorptionTargetPct} is its own series' ${expected}`);
    }
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

  test('one user holds at most 5 open absorption streams; a sixth is refused 429 until one closes', async () => {
    const token = tokenFor({ username: `auditor-${randomUUID().slice(0, 8)}`, role: 'auditor' });
    const url = `${testEnv.serviceUrl('budget')}/api/budget/absorption/stream`;
    const controllers: AbortController[] = [];
    const open = async (bearer = token) => {
      const controller = new AbortController();
      controllers.push(controller);
      return (await fetch(url, { headers: { authorization: `Bearer ${bearer}` }, signal: controller.signal })).status;
    };
    try {
      for (let i = 0; i < 5; i++) assert.equal(await open(), 200, `stream ${i + 1}`);
      assert.equal(await open(), 429);
      const other = tokenFor({ username: `auditor-${randomUUID().slice(0, 8)}`, role: 'auditor' });
      assert.equal(await open(other), 200, 'another user is not counted against the first');
      controllers[0].abort();
      await eventually('a closed stream frees its place', async () => (await open()) === 200);
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
});
