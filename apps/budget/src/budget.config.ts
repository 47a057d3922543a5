import { IsInt, Matches, Min } from 'class-validator';
import { ServiceConfig } from '#serapan/config';

export class BudgetConfig extends ServiceConfig {
  override PORT: number = 3003;

  /** Cumulative absorption targets (%) at the end of Q1–Q4 for goods (52) and capital (53) lines. */
  @Matches(/^\s*\d{1,3}(\.\d+)?\s*(,\s*\d{1,3}(\.\d+)?\s*){3}$/, { message: 'BUDGET_QUARTER_TARGETS must be four percentages like "15,40,70,95"' })
  BUDGET_QUARTER_TARGETS: string = '15,40,70,95';

  /** How often to check whether a Friday's report cards are due. */
  @IsInt() @Min(1000) BUDGET_REPORT_CHECK_INTERVAL_MS: number = 60_000;
}
