import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HolidayCalendar, loadHolidayCalendar, SHIPPED_HOLIDAYS_DIR } from './holiday-calendar.js';
import { addWorkingDays } from './working-days.js';

const shipped = loadHolidayCalendar(SHIPPED_HOLIDAYS_DIR);
const threeDaysFrom = (placed: string, calendar = shipped) => addWorkingDays(new Date(placed), 3, calendar).toISOString();
const jakarta = (local: string) => new Date(`${local}+07:00`).toISOString();

test('three working days from a Thursday in Jakarta end on Tuesday', () => {
  assert.equal(threeDaysFrom('2026-11-26T10:00:00+07:00'), jakarta('2026-12-01T10:00:00'));
});

test('three working days from a Monday end on Thursday', () => {
  assert.equal(threeDaysFrom('2026-11-23T09:00:00+07:00'), jakarta('2026-11-26T09:00:00'));
});

test('an order placed on the weekend counts from Monday', () => {
  assert.equal(threeDaysFrom('2026-11-28T15:00:00+07:00'), jakarta('2026-12-02T15:00:00'));
});

test('an order placed on the Thursday before Independence Day gets its deadline after the holiday', () => {
  // Friday 14 is day one, Monday 17 August is a holiday, so Tuesday 18 and Wednesday 19 are days two and three
  assert.equal(threeDaysFrom('2026-08-13T10:00:00+07:00'), jakarta('2026-08-19T10:00:00'));
  assert.equal(threeDaysFrom('2026-08-13T10:00:00+07:00', HolidayCalendar.weekendsOnly()), jakarta('2026-08-18T10:00:00'), 'one day earlier without it');
});

test('cuti bersama days count as days off like holidays', () => {
  // Thursday 14 May (Ascension) is a holiday and Friday 15 May a joint leave day
  assert.equal(threeDaysFrom('2026-05-13T11:00:00+07:00'), jakarta('2026-05-20T11:00:00'));
  // Monday 16 February is cuti bersama for Imlek on Tuesday 17
  assert.equal(threeDaysFrom('2026-02-12T08:30:00+07:00'), jakarta('2026-02-19T08:30:00'));
});

test('the Nyepi and Lebaran week of 2026 is skipped whole', () => {
  // 18–24 March: cuti bersama, Nyepi, cuti bersama, Idul Fitri on the weekend, two more cuti bersama days
  assert.equal(threeDaysFrom('2026-03-17T10:00:00+07:00'), jakarta('2026-03-27T10:00:00'));
});

test('the deadline crosses the year boundary with each year its own calendar', () => {
  // Thursday 31 December is day one; Friday 1 January 2027 is New Year's Day
  assert.equal(threeDaysFrom('2026-12-30T10:00:00+07:00'), jakarta('2027-01-05T10:00:00'));
  // Christmas Eve (cuti bersama) and Christmas on Thursday and Friday
  assert.equal(threeDaysFrom('2026-12-23T10:00:00+07:00'), jakarta('2026-12-30T10:00:00'));
});

test('days are Jakarta days: an order at 23:30 in Jakarta on a Sunday (16:30 UTC) counts from that Sunday', () => {
  assert.equal(threeDaysFrom('2026-08-16T16:30:00Z'), jakarta('2026-08-20T23:30:00'));
});

test('a year without a file counts weekends only', () => {
  assert.equal(threeDaysFrom('2030-12-31T10:00:00+07:00'), jakarta('2031-01-03T10:00:00'));
});
