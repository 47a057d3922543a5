import type { DataSource } from 'typeorm';
import type { AuditCall } from '#serapan/service';
import { parseDipaCsv } from '../dipa/dipa-csv.js';
import { lineKeyOf } from './budget-line.sql.js';

/** A line's pagu and blokir, as the audit trail shows them before a change. */
export interface PaguFigures {
  paguIdr: string;
  blokirIdr: string;
}

interface LineKeys {
  fiscalYears: number[];
  satkerCodes: string[];
  accountCodes: string[];
}

async function figuresOf(db: DataSource, keys: LineKeys): Promise<Record<string, PaguFigures>> {
  const rows = await db.query<{ fiscalYear: number; satkerCode: string; accountCode: string; paguIdr: string; blokirIdr: string }[]>(
    `SELECT l.fiscal_year AS "fiscalYear", l.satker_code AS "satkerCode", l.account_code AS "accountCode",
            l.pagu_idr::text AS "paguIdr", l.blokir_idr::text AS "blokirIdr"
     FROM budget_lines l
     JOIN unnest($1::int[], $2::char(6)[], $3::char(6)[]) AS k(fiscal_year, satker_code, account_code)
       ON l.fiscal_year = k.fiscal_year AND l.satker_code = k.satker_code AND l.account_code = k.account_code`,
    [keys.fiscalYears, keys.satkerCodes, keys.accountCodes],
  );
  return Object.fromEntries(rows.map((r) => [lineKeyOf(r), { paguIdr: r.paguIdr, blokirIdr: r.blokirIdr }]));
}

/** The route's line key, `fiscalYear/satker/account`. */
export const lineTarget = (call: AuditCall): string => `${call.params.fiscalYear}/${call.params.satkerCode}/${call.params.accountCode}`;

/** The pagu and blokir of the line a PUT sets, before it (null for a new line). */
export async function paguAsItWas(db: DataSource, call: AuditCall): Promise<PaguFigures | null> {
  const { fiscalYear, satkerCode, accountCode } = call.params;
  // this runs before the route's pipes: a malformed key is left for them to refuse
  if (!/^[0-9]{4}$/.test(fiscalYear) || !/^[0-9]{6}$/.test(satkerCode) || !/^[0-9]{6}$/.test(accountCode)) return null;
  const figures = await figuresOf(db, { fiscalYears: [Number(fiscalYear)], satkerCodes: [satkerCode], accountCodes: [accountCode] });
  return figures[lineTarget(call)] ?? null;
}

/** The pagu and blokir of every existing line a DIPA file names, by line key, before the import. */
export async function dipaAsItWas(db: DataSource, call: AuditCall): Promise<Record<string, PaguFigures> | null> {
  if (typeof call.body !== 'string') return null;
  let rows;
  try {
    rows = parseDipaCsv(call.body).rows;
  } catch {
    return null; // the import refuses the file too, and nothing is recorded
  }
  return figuresOf(db, {
    fiscalYears: rows.map((r) => r.fiscalYear),
    satkerCodes: rows.map((r) => r.satkerCode),
    accountCodes: rows.map((r) => r.accountCode),
  });
}
