import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderConfig } from '../order.config.js';
import { HolidayCalendarError } from './lifecycle/holiday-calendar.js';
import { orderRules } from './order-rules.js';

const configWith = (over: Partial<OrderConfig>) => Object.assign(new OrderConfig(), over);

test('the vendor deadline uses the shipped calendar unless ORDER_HOLIDAY_CALENDAR_DIR names another directory', () => {
  const placedOnThursday = new Date('2026-11-26T10:00:00+07:00');
  // the shipped calendar has no day off that week: Friday 27, Monday 30, Tuesday 1 December
  assert.equal(orderRules(configWith({})).vendorDeadline(placedOnThursday).toISOString(), new Date('2026-12-01T10:00:00+07:00').toISOString());

  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  const days = [{ date: '2026-11-27', kind: 'cuti-bersama', name: 'a local day off' }];
  writeFileSync(join(dir, '2026.json'), JSON.stringify({ year: 2026, status: 'final', source: { decree: 'test decree' }, days }));
  const rules = orderRules(configWith({ ORDER_HOLIDAY_CALENDAR_DIR: dir }));
  // Friday 27 is off in this calendar only: Monday 30, Tuesday 1, Wednesday 2 December
  assert.equal(rules.vendorDeadline(placedOnThursday).toISOString(), new Date('2026-12-02T10:00:00+07:00').toISOString());
});

test('a malformed calendar stops the rules from being built, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  writeFileSync(join(dir, '2026.json'), '{ "year": 2026 }');
  assert.throws(
    () => orderRules(configWith({ ORDER_HOLIDAY_CALENDAR_DIR: dir })),
    (e) => e instanceof HolidayCalendarError && e.message.includes(join(dir, '2026.json')),
  );
});
