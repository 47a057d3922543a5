import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '#serapan/service';
import { BudgetConfig } from '../budget.config.js';
import { WeeklyReportScheduler } from './weekly-report.scheduler.js';
import type { WeeklyReportService } from './weekly-report.service.js';

/** A scheduler on a clock the test moves, publishing into a list instead of the database. */
function scheduler(at: string) {
  const clock = new ManualClock(new Date(at));
  const asked: string[] = [];
  const reports = {
    publish: (weekEnding: string) => {
      asked.push(weekEnding);
      return Promise.resolve(asked.filter((w) => w === weekEnding).length === 1 ? 3 : 0);
    },
  };
  return { clock, asked, scheduler: new WeeklyReportScheduler(reports as unknown as WeeklyReportService, clock, new BudgetConfig()) };
}

test('until Friday has passed in Jakarta, the week due is the one before', async () => {
  const { asked, scheduler: s } = scheduler('2026-11-27T16:59:00Z');
  await s.publishDue();
  assert.deepEqual(asked, ['2026-11-20']);
});

test('at Saturday 00:00 Jakarta time the week ending that Friday is published', async () => {
  const { clock, asked, scheduler: s } = scheduler('2026-11-27T16:59:00Z');
  clock.advance(60_000);
  assert.equal(await s.publishDue(), 3);
  assert.deepEqual(asked, ['2026-11-27']);
});

test('later checks in the same week ask for the same week again, which publishes nothing more', async () => {
  const { clock, asked, scheduler: s } = scheduler('2026-11-28T00:00:00Z');
  assert.equal(await s.publishDue(), 3);
  clock.advance(5 * 86_400_000);
  assert.equal(await s.publishDue(), 0);
  assert.deepEqual(asked, ['2026-11-27', '2026-11-27']);
});
