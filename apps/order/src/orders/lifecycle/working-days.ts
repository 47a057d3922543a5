import { JAKARTA_OFFSET_MS } from '#serapan/service';
import { HolidayCalendar } from './holiday-calendar.js';

/**
 * `from` plus `days` working days in Asia/Jakarta, same time of day. A working
 * day is Monday to Friday and neither a national holiday nor a cuti bersama
 * day of `calendar` (docs/domain.md, rule 7 and "Holiday calendar").
 */
export function addWorkingDays(from: Date, days: number, calendar: HolidayCalendar = HolidayCalendar.weekendsOnly()): Date {
  const local = new Date(from.getTime() + JAKARTA_OFFSET_MS);
  let added = 0;
  while (added < days) {
    local.setUTCDate(local.getUTCDate() + 1);
    const weekday = local.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !calendar.dayOff(local.toISOString().slice(0, 10))) added++;
  }
  return new Date(local.getTime() - JAKARTA_OFFSET_MS);
}
