import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HolidayCalendarError, loadHolidayCalendar, parseCalendarYear, SHIPPED_HOLIDAYS_DIR } from './holiday-calendar.js';

const aYear = (over: object = {}) =>
  JSON.stringify({
    year: 2026,
    status: 'final',
    source: { decree: 'SKB 1497/2025, 2/2025, 5/2025' },
    days: [{ date: '2026-08-17', kind: 'holiday', name: 'Proklamasi' }],
    ...over,
  });

const refused = (text: string, problem: RegExp, file = '/cal/2026.json') =>
  assert.throws(
    () => parseCalendarYear(file, text),
    (e) => e instanceof HolidayCalendarError && e.message.startsWith(`holiday calendar file ${file}: `) && problem.test(e.message),
  );

test('the shipped 2026 calendar holds the SKB 3 Menteri 1497/2/5 of 2025: 17 holidays and 8 cuti bersama days', () => {
  const calendar = loadHolidayCalendar(SHIPPED_HOLIDAYS_DIR);
  assert.deepEqual(calendar.coverage(), [
    { year: 2026, status: 'final' },
    { year: 2027, status: 'provisional' },
  ]);
  const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)).map((d) => calendar.dayOff(d));
  assert.equal(days.filter((d) => d?.kind === 'holiday').length, 17);
  assert.equal(days.filter((d) => d?.kind === 'cuti-bersama').length, 8);
  assert.equal(calendar.dayOff('2026-03-20')?.kind, 'cuti-bersama');
  assert.equal(calendar.dayOff('2027-01-01')?.kind, 'holiday');
  assert.equal(calendar.dayOff('2026-03-25'), undefined);
});

test('a well-formed file is read with its status and decree', () => {
  const year = parseCalendarYear('/cal/2026.json', aYear());
  assert.equal(year.status, 'final');
  assert.equal(year.source.decree, 'SKB 1497/2025, 2/2025, 5/2025');
  assert.deepEqual(year.days, [{ date: '2026-08-17', kind: 'holiday', name: 'Proklamasi' }]);
});

test('a malformed file is refused with an error naming the file and the problem', () => {
  refused('{ "year": 2026,', /not JSON/);
  refused('[]', /must be an object/);
  refused(aYear(), /named <year>\.json/, '/cal/holidays.json');
  refused(aYear({ year: 2027 }), /year must be 2026/);
  refused(aYear({ status: 'draft' }), /status must be "final" or "provisional"/);
  refused(aYear({ source: {} }), /source\.decree/);
  refused(aYear({ days: {} }), /days must be a list/);
  refused(aYear({ days: [{ date: '2026-02-30', kind: 'holiday', name: 'x' }] }), /days\[0\]\.date must be a date/);
  refused(aYear({ days: [{ date: '2027-01-01', kind: 'holiday', name: 'x' }] }), /days\[0\]\.date 2027-01-01 is not in 2026/);
  refused(aYear({ days: [{ date: '2026-01-01', kind: 'leave', name: 'x' }] }), /days\[0\]\.kind/);
  refused(aYear({ days: [{ date: '2026-01-01', kind: 'holiday', name: '' }] }), /days\[0\]\.name/);
  refused(
    aYear({
      days: [
        { date: '2026-01-01', kind: 'holiday', name: 'x' },
        { date: '2026-01-01', kind: 'cuti-bersama', name: 'y' },
      ],
    }),
    /days\[1\]\.date 2026-01-01 is listed twice/,
  );
});

test('a directory given in place of the shipped one replaces it whole, and a bad file in it stops the load naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  writeFileSync(join(dir, '2026.json'), aYear());
  const calendar = loadHolidayCalendar(dir);
  assert.deepEqual(calendar.coverage(), [{ year: 2026, status: 'final' }]);
  assert.equal(calendar.dayOff('2026-12-25'), undefined, 'only what the directory lists');
  writeFileSync(join(dir, '2027.json'), '{');
  assert.throws(
    () => loadHolidayCalendar(dir),
    (e) => e instanceof HolidayCalendarError && e.message.includes(join(dir, '2027.json')),
  );
  assert.throws(
    () => loadHolidayCalendar(join(dir, 'missing')),
    (e) => e instanceof HolidayCalendarError && /cannot be read/.test(e.message),
  );
});
