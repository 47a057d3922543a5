import { ACCOUNT_CODE, KL_CODE, RUPIAH_PATTERN, SATKER_CODE } from '#serapan/contracts';
import { splitCsvLine } from '#serapan/service';

/** The columns a DIPA file must have, in any order; `dipa_number` may be added. */
export const DIPA_COLUMNS = ['fiscal_year', 'satker_code', 'kl_code', 'account_code', 'pagu_idr', 'blokir_idr'] as const;
const OPTIONAL_COLUMNS = ['dipa_number'] as const;

/** One line of a DIPA as the file gives it. */
export interface DipaRow {
  /** Its line in the file (the header is line 1). */
  line: number;
  fiscalYear: number;
  satkerCode: string;
  klCode: string;
  accountCode: string;
  paguIdr: string;
  blokirIdr: string;
  dipaNumber?: string;
}

/** A line of the file that cannot be read as a DIPA row, and why. */
export interface DipaLineError {
  line: number;
  reason: string;
}

/** The file as a whole cannot be read (no header, missing columns, too many rows). */
export class DipaFileError extends Error {}

/** Most rows one import takes. */
export const MAX_DIPA_ROWS = 5000;

/**
 * Reads a DIPA CSV (comma-separated, a header row, fields optionally in double
 * quotes): each data line becomes a row or a line error naming the field.
 * Blank lines are skipped; an empty blokir_idr is 0.
 */
export function parseDipaCsv(text: string): { rows: DipaRow[]; errors: DipaLineError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const missing = DIPA_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new DipaFileError(`the DIPA file's header lacks ${missing.join(', ')}; it needs ${DIPA_COLUMNS.join(',')} (and may add dipa_number)`);
  const unknown = header.filter((h) => !(DIPA_COLUMNS as readonly string[]).includes(h) && !(OPTIONAL_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) throw new DipaFileError(`the DIPA file's header has unknown columns: ${unknown.join(', ')}`);
  const rows: DipaRow[] = [];
  const errors: DipaLineError[] = [];
  const dataLines = lines.map((text, i) => ({ text, line: i + 1 })).filter(({ text, line }) => line > 1 && text.trim() !== '');
  if (dataLines.length === 0) throw new DipaFileError('the DIPA file has no rows under its header');
  if (dataLines.length > MAX_DIPA_ROWS) throw new DipaFileError(`the DIPA file has ${dataLines.length} rows; one import takes at most ${MAX_DIPA_ROWS}`);
  for (const { text, line } of dataLines) {
    const fields = splitCsvLine(text).map((f) => f.trim());
    if (fields.length !== header.length) {
      errors.push({ line, reason: `has ${fields.length} fields, the header ${header.length}` });
      continue;
    }
    const value = (column: string) => fields[header.indexOf(column)];
    const row = {
      line,
      fiscalYear: /^\d{4}$/.test(value('fiscal_year')) ? Number(value('fiscal_year')) : NaN,
      satkerCode: value('satker_code'),
      klCode: value('kl_code'),
      accountCode: value('account_code'),
      paguIdr: value('pagu_idr'),
      blokirIdr: value('blokir_idr') || '0',
      ...(header.includes('dipa_number') && value('dipa_number') ? { dipaNumber: value('dipa_number') } : {}),
    };
    const reason = invalidity(row);
    if (reason) errors.push({ line, reason });
    else rows.push(row);
  }
  return { rows, errors };
}

/** Why a row is not a DIPA line, or undefined when it is one. */
function invalidity(row: DipaRow): string | undefined {
  if (!Number.isInteger(row.fiscalYear) || row.fiscalYear < 2000 || row.fiscalYear > 2100) return 'fiscal_year must be a year between 2000 and 2100';
  if (!SATKER_CODE.test(row.satkerCode)) return `satker_code ${JSON.stringify(row.satkerCode)} must be a 6-digit satker code`;
  if (!KL_CODE.test(row.klCode)) return `kl_code ${JSON.stringify(row.klCode)} must be a 3-digit K/L code`;
  if (!ACCOUNT_CODE.test(row.accountCode)) return `account_code ${JSON.stringify(row.accountCode)} must be a 6-digit goods (52…) or capital (53…) account`;
  if (!RUPIAH_PATTERN.test(row.paguIdr)) return `pagu_idr ${JSON.stringify(row.paguIdr)} must be whole rupiah, digits only`;
  if (!RUPIAH_PATTERN.test(row.blokirIdr)) return `blokir_idr ${JSON.stringify(row.blokirIdr)} must be whole rupiah, digits only`;
  if (BigInt(row.blokirIdr) > BigInt(row.paguIdr)) return `blokir_idr ${row.blokirIdr} exceeds pagu_idr ${row.paguIdr}`;
  if (row.dipaNumber !== undefined && row.dipaNumber.length > 100) return 'dipa_number is longer than 100 characters';
  return undefined;
}
