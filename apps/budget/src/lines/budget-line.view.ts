import { remainingOf } from './budget-line.entity.js';
import type { BudgetLineRow } from './budget-line.sql.js';
import type { BudgetLineDto } from './dto/budget-line.dto.js';

/** A line as the API shows it: money as decimal strings. */
export function budgetLineView(line: BudgetLineRow): BudgetLineDto {
  return {
    fiscalYear: line.fiscalYear,
    klCode: line.klCode,
    satkerCode: line.satkerCode,
    accountCode: line.accountCode,
    paguIdr: line.paguIdr,
    blokirIdr: line.blokirIdr,
    committedIdr: line.committedIdr,
    realisedIdr: line.realisedIdr,
    remainingIdr: remainingOf(line).toString(),
    updatedAt: line.updatedAt,
  };
}
