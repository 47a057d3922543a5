import { Injectable } from '@nestjs/common';
import { DATE, POSITIVE_RUPIAH_PATTERN, PURCHASE_ORDER_NUMBER } from '#serapan/contracts';
import { InvalidRequestError, splitCsvLine } from '#serapan/service';
import { Sp2dEntry, TreasuryPayments } from './treasury-payments.js';

/** The columns of the treasury's SP2D list, in order. */
export const SP2D_CSV_HEADER = ['sp2d_number', 'sp2d_date', 'amount_idr', 'purchase_order_number'] as const;

/** Most rows one import takes (as the DIPA import). */
export const MAX_SP2D_ROWS = 5000;

const SP2D_NUMBER = /^[A-Za-z0-9./-]{3,60}$/;

/** True for a real calendar date YYYY-MM-DD (not 2026-02-30). */
function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/**
 * Reads the treasury's SP2D list as CSV: a header line naming the four
 * columns, then one SP2D a line (fields optionally in double quotes; line
 * numbers count the header as 1; blank lines are skipped). A line that cannot
 * be read is an entry saying why, so the rest of the file still counts. A file
 * without the header, or of more than MAX_SP2D_ROWS rows, is refused whole.
 */
export function parseSp2dCsv(text: string): Sp2dEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((c) => c.trim().toLowerCase());
  if (header.join(',') !== SP2D_CSV_HEADER.join(','))
    throw new InvalidRequestError(`the SP2D list must start with the header line ${SP2D_CSV_HEADER.join(',')}; found "${lines[0] ?? ''}"`);
  const dataLines = lines.map((raw, i) => ({ raw, line: i + 1 })).filter(({ raw, line }) => line > 1 && raw.trim() !== '');
  if (dataLines.length > MAX_SP2D_ROWS) throw new InvalidRequestError(`the SP2D list has ${dataLines.length} rows; one import takes at most ${MAX_SP2D_ROWS}`);
  const entries: Sp2dEntry[] = [];
  dataLines.forEach(({ raw, line }) => {
    const cells = splitCsvLine(raw).map((c) => c.trim());
    const sp2dNumber = cells[0] || null;
    const malformed = (why: string) => entries.push({ line, sp2dNumber, malformed: why });
    if (cells.length !== SP2D_CSV_HEADER.length) return malformed(`expected ${SP2D_CSV_HEADER.length} columns, found ${cells.length}`);
    const [number, date, amount, po] = cells;
    if (!SP2D_NUMBER.test(number)) return malformed(`sp2d_number "${number}" must be 3 to 60 letters, digits, dots, slashes or dashes`);
    if (!isCalendarDate(date)) return malformed(`sp2d_date "${date}" must be a date YYYY-MM-DD`);
    if (!POSITIVE_RUPIAH_PATTERN.test(amount)) return malformed(`amount_idr "${amount}" must be a positive whole rupiah amount, digits only`);
    if (!PURCHASE_ORDER_NUMBER.test(po)) return malformed(`purchase_order_number "${po}" must look like SP-415423-2026-000042`);
    entries.push({ line, record: { sp2dNumber: number, sp2dDate: date, amountIdr: amount, purchaseOrderNumber: po } });
  });
  return entries;
}

/** The SP2D list uploaded as CSV (the treasury system's export). */
@Injectable()
export class CsvTreasuryPayments extends TreasuryPayments {
  read(csv: string): Promise<Sp2dEntry[]> {
    return Promise.resolve(parseSp2dCsv(csv));
  }
}
