import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '#serapan/config';

export class BudgetConfig extends ServiceConfig {
  override PORT: number = 3003;

  /**
   * A folder of per-fiscal-year target files (`<year>.json`: UMK and PDN floors,
   * quarterly absorption per account group) replacing apps/budget/targets.
   */
  @IsOptional() @IsString() @IsNotEmpty() BUDGET_TARGETS_DIR?: string;

  /** How long one instance answers the public transparency endpoints from memory (0: never). */
  @IsInt() @Min(0) @Max(300) PUBLIC_ANSWER_CACHE_SECONDS: number = 30;

  /** How often to check whether a Friday's report cards are due. */
  @IsInt() @Min(1000) BUDGET_REPORT_CHECK_INTERVAL_MS: number = 60_000;
}
