import { TIER_COLUMNS, TIER_NAMES } from '../pdn/pdn-tier-amounts.js';
import type { BudgetLine } from './budget-line.entity.js';

/** A line's money columns (whole rupiah, bigint) under their entity names, in the order every statement lists them. */
export const LINE_TOTALS = [
  ['pagu_idr', 'paguIdr'],
  ['blokir_idr', 'blokirIdr'],
  ['committed_idr', 'committedIdr'],
  ['realised_idr', 'realisedIdr'],
  ['committed_pdn_idr', 'committedPdnIdr'],
  ['realised_pdn_idr', 'realisedPdnIdr'],
  ['committed_umk_idr', 'committedUmkIdr'],
  ['realised_umk_idr', 'realisedUmkIdr'],
  // committed + realised per PDN tier
  ...TIER_COLUMNS.map((column, i) => [column, TIER_NAMES[i]] as const),
] as const;

/** The money totals of a line, or of a set of lines, as decimal strings. */
export type LineTotals = Pick<BudgetLine, (typeof LINE_TOTALS)[number][1]>;

/** The `budget_lines` columns under their entity names (money as decimal strings), for SELECT and RETURNING lists. */
export function budgetLineColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}fiscal_year AS "fiscalYear", ${a}satker_code AS "satkerCode", ${a}account_code AS "accountCode", ${a}kl_code AS "klCode",
    ${LINE_TOTALS.map(([column, name]) => `${a}${column}::text AS "${name}"`).join(', ')}, ${a}updated_at AS "updatedAt"`;
}

/** A line's identity as one string, for maps keyed by line. */
export const lineKeyOf = (line: { fiscalYear: number; satkerCode: string; accountCode: string }): string =>
  `${line.fiscalYear}/${line.satkerCode}/${line.accountCode}`;

/** Rows of budget_lines as statements return them. */
export type BudgetLineRow = Omit<BudgetLine, never>;
