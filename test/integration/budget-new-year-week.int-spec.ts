import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessagingOptions, OutboxService } from '#serapan/messaging';
import { ManualClock } from '#serapan/service';
import { BUDGET_ENTITIES, BUDGET_MIGRATIONS } from '../../apps/budget/src/budget.module.js';
import { DEFAULT_TARGETS_DIR, loadTargets } from '../../apps/budget/src/absorption/fiscal-year-targets.js';
import { WeeklyReportService } from '../../apps/budget/src/reports/weekly-report.service.js';
import { ownDatabase } from '../support/index.js';

const DATABASE = 'serapan_test_budget_new_year_week';
const auditor = { sub: randomUUID(), username: 'auditor', role: 'auditor' as const };

describe('budget weekly report: the week spanning New Year reports each fiscal year its days belong to', () => {
  const clock = new ManualClock(new Date('2027-01-02T00:00:00+07:00'));
  let db: DataSource;
  let reports: WeeklyReportService;

  before(async () => {
    db = await ownDatabase(DATABASE, BUDGET_ENTITIES, BUDGET_MIGRATIONS);
    reports = new WeeklyReportService(
      db,
      new OutboxService({ source: '/serapan/budget', validateOutgoing: true } as MessagingOptions),
      clock,
      loadTargets(DEFAULT_TARGETS_DIR),
    );
    const at = (local: string) => new Date(`${local}+07:00`).toISOString();
    for (const [fy, pagu] of [
      [2026, '100000000'],
      [2027, '200000000'],
    ] as const) {
      await db.query(`INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr) VALUES ($1, '611001', '521211', '611', $2)`, [
        fy,
        pagu,
      ]);
      await db.query(
        `INSERT INTO pagu_revisions (fiscal_year, satker_code, account_code, pagu_idr, revised_by, revised_at) VALUES ($1, '611001', '521211', $2, 'seed', $3)`,
        [fy, pagu, at(`${fy - 1}-12-20T09:00:00`)],
      );
    }
    // FY 2026: an order placed on 28 December and paid on Wednesday 30 December, the year's last days
    // FY 2027: an order placed on Monday 4 January 2027 and paid on Thursday 7 January
    for (const [fy, amount, placed, paid] of [
      [2026, '40000000', '2026-12-28T10:00:00', '2026-12-30T15:00:00'],
      [2027, '50000000', '2027-01-04T10:00:00', '2027-01-07T10:00:00'],
    ] as const) {
      const orderId = randomUUID();
      await db.query(
        `INSERT INTO reservations (order_id, fiscal_year, satker_code, kl_code, account_code, amount_idr, pdn_idr, umk_idr, status, placed_at)
         VALUES ($1, $2, '611001', '611', '521211', $3, 0, 0, 'realised', $4)`,
        [orderId, fy, amount, at(placed)],
      );
      for (const [kind, when] of [
        ['reserve', placed],
        ['realise', paid],
      ])
        await db.query(
          `INSERT INTO ledger_entries (order_id, event_id, kind, fiscal_year, satker_code, account_code, amount_idr, pdn_idr, umk_idr, recorded_at)
           VALUES ($1, $2, $3, $4, '611001', '521211', $5, 0, 0, $6)`,
          [orderId, randomUUID(), kind, fy, amount, at(when)],
        );
    }
  });

  after(() => db?.destroy());

  const figures = (cards: { fiscalYear: number; realisedIdr: string; absorptionPct: number; ordersCompleted: number; rankInKl: number }[]) =>
    cards.map(({ fiscalYear, realisedIdr, absorptionPct, ordersCompleted, rankInKl }) => ({
      fiscalYear,
      realisedIdr,
      absorptionPct,
      ordersCompleted,
      rankInKl,
    }));

  test('the week ending Friday 1 January 2027 has a card for fiscal year 2026 (its last six days) and one for 2027', async () => {
    const { cards } = await reports.weekly(auditor, { weekEnding: '2027-01-01' });
    assert.deepEqual(figures(cards), [
      { fiscalYear: 2026, realisedIdr: '40000000', absorptionPct: 40, ordersCompleted: 1, rankInKl: 1 },
      { fiscalYear: 2027, realisedIdr: '0', absorptionPct: 0, ordersCompleted: 0, rankInKl: 1 },
    ]);
  });

  test('the week ending Friday 8 January 2027 is all fiscal year 2027', async () => {
    const { cards } = await reports.weekly(auditor, { weekEnding: '2027-01-08' });
    assert.deepEqual(figures(cards), [{ fiscalYear: 2027, realisedIdr: '50000000', absorptionPct: 25, ordersCompleted: 1, rankInKl: 1 }]);
  });

  test('publishing the spanning week stores and announces both cards, once', async () => {
    assert.equal(await reports.publish('2027-01-01'), 2);
    assert.equal(await reports.publish('2027-01-01'), 0);
    const stored = await db.query<{ fiscal_year: number }[]>(`SELECT fiscal_year FROM weekly_reports WHERE week_ending = '2027-01-01' ORDER BY fiscal_year`);
    assert.deepEqual(
      stored.map((r) => r.fiscal_year),
      [2026, 2027],
    );
    const events = await db.query<{ fy: string }[]>(
      `SELECT payload->'data'->>'fiscalYear' AS fy FROM outbox WHERE payload->'data'->>'weekEnding' = '2027-01-01' ORDER BY seq`,
    );
    assert.deepEqual(
      events.map((e) => e.fy),
      ['2026', '2027'],
    );
    const { cards } = await reports.weekly(auditor, { weekEnding: '2027-01-01' });
    assert.deepEqual(
      cards.map((c) => c.fiscalYear),
      [2026, 2027],
      'the published cards are read back',
    );
  });
});
