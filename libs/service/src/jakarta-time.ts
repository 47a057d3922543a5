/**
 * Western Indonesian Time (WIB, Asia/Jakarta), the calendar the rules count
 * days by: UTC+7 all year, without daylight saving.
 */
export const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/** The Jakarta calendar date (`YYYY-MM-DD`) at `instant`. */
export const jakartaDate = (instant: Date): string => new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);

/** The calendar year in Jakarta at `instant`: the fiscal year an unnamed one defaults to. */
export const jakartaYearOf = (instant: Date): number => new Date(instant.getTime() + JAKARTA_OFFSET_MS).getUTCFullYear();
