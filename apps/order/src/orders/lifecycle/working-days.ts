const JAKARTA_OFFSET_MS = 7 * 3600_000;

/**
 * `from` plus `days` working days (Monday–Friday, Asia/Jakarta), same time of
 * day. National holidays are not modelled.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const local = new Date(from.getTime() + JAKARTA_OFFSET_MS);
  let added = 0;
  while (added < days) {
    local.setUTCDate(local.getUTCDate() + 1);
    const weekday = local.getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return new Date(local.getTime() - JAKARTA_OFFSET_MS);
}
