import { ServiceConfig } from '#serapan/config';

export class BudgetConfig extends ServiceConfig {
  override PORT: number = 3003;
}
