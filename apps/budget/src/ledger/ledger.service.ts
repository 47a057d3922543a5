import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql, sqlOne } from '#serapan/database';
import { LINE_TOTALS } from '../lines/budget-line.sql.js';
import { TIER_COLUMNS } from '../pdn/pdn-tier-amounts.js';

/** A line whose stored totals differ from what its ledger adds up to. */
export interface LedgerMismatch {
  fiscalYear: number;
  satkerCode: string;
  accountCode: string;
  column: string;
  stored: string;
  fromLedger: string;
}

/** How an entry moves committed: a reservation and an addendum (signed) add, a release and a realisation take away. */
const committing = (column: string) => `CASE WHEN e.kind IN ('reserve', 'amend') THEN e.${column} ELSE -e.${column} END`;

/**
 * Line totals as the ledger and the latest pagu revision (pagu and blokir) say
 * they must be. Realised is every payment (an entry per term paid, or one for
 * a payment in one). A tier counts committed + realised, so a realisation
 * leaves it as it is.
 */
const FROM_LEDGER = `
  SELECT l.fiscal_year, l.satker_code, l.account_code,
         coalesce(latest.pagu_idr, l.pagu_idr) AS pagu_idr,
         coalesce(latest.blokir_idr, l.blokir_idr) AS blokir_idr,
         coalesce(sum(${committing('amount_idr')}), 0) AS committed_idr,
         coalesce(sum(e.amount_idr) FILTER (WHERE e.kind = 'realise'), 0) AS realised_idr,
         coalesce(sum(${committing('pdn_idr')}), 0) AS committed_pdn_idr,
         coalesce(sum(e.pdn_idr) FILTER (WHERE e.kind = 'realise'), 0) AS realised_pdn_idr,
         coalesce(sum(${committing('umk_idr')}), 0) AS committed_umk_idr,
         coalesce(sum(e.umk_idr) FILTER (WHERE e.kind = 'realise'), 0) AS realised_umk_idr,
         ${TIER_COLUMNS.map((c) => `coalesce(sum(CASE WHEN e.kind IN ('reserve', 'amend') THEN e.${c} WHEN e.kind = 'release' THEN -e.${c} ELSE 0 END), 0) AS ${c}`).join(', ')}
    FROM budget_lines l
    LEFT JOIN LATERAL (SELECT r.pagu_idr, r.blokir_idr FROM pagu_revisions r
                        WHERE (r.fiscal_year, r.satker_code, r.account_code) = (l.fiscal_year, l.satker_code, l.account_code)
                        ORDER BY r.revised_at DESC, r.id DESC LIMIT 1) latest ON true
    LEFT JOIN ledger_entries e ON (e.fiscal_year, e.satker_code, e.account_code) = (l.fiscal_year, l.satker_code, l.account_code)
   GROUP BY l.fiscal_year, l.satker_code, l.account_code, latest.pagu_idr, latest.blokir_idr`;

const COLUMNS = LINE_TOTALS.map(([column]) => column);

/** Every total of every line that differs from the ledger, one row per line and column. */
const MISMATCHES = `
  SELECT f.fiscal_year AS "fiscalYear", f.satker_code AS "satkerCode", f.account_code AS "accountCode", c.name AS "column", c.stored, c.from_ledger AS "fromLedger"
    FROM (${FROM_LEDGER}) f
    JOIN budget_lines b ON (b.fiscal_year, b.satker_code, b.account_code) = (f.fiscal_year, f.satker_code, f.account_code)
   CROSS JOIN LATERAL (VALUES ${COLUMNS.map((c) => `('${c}', b.${c}::text, f.${c}::text)`).join(', ')}) AS c (name, stored, from_ledger)
   WHERE c.stored <> c.from_ledger`;

/**
 * The ledger is the source of truth: the line totals (and so every projection)
 * can be checked against it and rebuilt from it.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every stored total that differs from the ledger, plus any line over its pagu − blokir. */
  async verify(): Promise<{ linesChecked: number; mismatches: LedgerMismatch[]; overspent: number }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const mismatches = await sql<LedgerMismatch>(manager, MISMATCHES);
      const lines = await sqlOne<{ linesChecked: number; overspent: number }>(
        manager,
        `SELECT count(*)::int AS "linesChecked", count(*) FILTER (WHERE committed_idr + realised_idr > pagu_idr - blokir_idr)::int AS overspent FROM budget_lines`,
      );
      return { linesChecked: lines!.linesChecked, mismatches, overspent: lines!.overspent };
    });
  }

  /** Rewrites every line's totals from the ledger; returns how many lines changed. */
  async rebuild(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await sql(manager, 'LOCK TABLE budget_lines IN EXCLUSIVE MODE');
      const rebuilt = await sqlOne<{ lines: number }>(
        manager,
        `WITH changed AS (
           UPDATE budget_lines b SET ${COLUMNS.map((c) => `${c} = f.${c}`).join(', ')}, updated_at = now()
             FROM (${FROM_LEDGER}) f
            WHERE (b.fiscal_year, b.satker_code, b.account_code) = (f.fiscal_year, f.satker_code, f.account_code)
              AND (${COLUMNS.map((c) => `b.${c} <> f.${c}`).join(' OR ')})
           RETURNING 1)
         SELECT count(*)::int AS lines FROM changed`,
      );
      return rebuilt!.lines;
    });
  }
}
