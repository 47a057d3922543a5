import type { BudgetLine } from './budget-line.entity.js';

/** The `budget_lines` columns under their entity names (money as decimal strings), for SELECT and RETURNING lists. */
export function budgetLineColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}fiscal_year AS "fiscalYear", ${a}satker_code AS "satkerCode", ${a}account_code AS "accountCode", ${a}kl_code AS "klCode",
    ${a}pagu_idr::text AS "paguIdr", ${a}committed_idr::text AS "committedIdr", ${a}realised_idr::text AS "realisedIdr",
    ${a}committed_pdn_idr::text AS "committedPdnIdr", ${a}realised_pdn_idr::text AS "realisedPdnIdr",
    ${a}committed_umk_idr::text AS "committedUmkIdr", ${a}realised_umk_idr::text AS "realisedUmkIdr", ${a}updated_at AS "updatedAt"`;
}

/** A line's identity as one string, for maps keyed by line. */
export const lineKeyOf = (line: { fiscalYear: number; satkerCode: string; accountCode: string }): string => `${line.fiscalYear}/${line.satkerCode}/${line.accountCode}`;

/** Rows of budget_lines as statements return them. */
export type BudgetLineRow = Omit<BudgetLine, never>;
