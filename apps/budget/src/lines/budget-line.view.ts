import { BudgetLine, remainingOf } from './budget-line.entity.js';

/** A line as the API shows it: money as decimal strings. */
export function budgetLineView(line: BudgetLine) {
  return {
    fiscalYear: line.fiscalYear,
    klCode: line.klCode,
    satkerCode: line.satkerCode,
    accountCode: line.accountCode,
    paguIdr: line.paguIdr,
    committedIdr: line.committedIdr,
    realisedIdr: line.realisedIdr,
    remainingIdr: remainingOf(line).toString(),
    updatedAt: line.updatedAt,
  };
}
