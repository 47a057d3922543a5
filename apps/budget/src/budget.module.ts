import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { AbsorptionModule } from './absorption/absorption.module.js';
import { BudgetConfig } from './budget.config.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { BudgetLine } from './lines/budget-line.entity.js';
import { LinesModule } from './lines/lines.module.js';
import { PaguRevision } from './lines/pagu-revision.entity.js';
import { CreateBudget1764300100000 } from './migrations/1764300100000-CreateBudget.js';
import { PdnTierAmounts1765000100000 } from './migrations/1765000100000-PdnTierAmounts.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReservationsModule } from './reservations/reservations.module.js';

/** The budget service's migrations, oldest first. */
export const BUDGET_MIGRATIONS = [CreateBudget1764300100000, PdnTierAmounts1765000100000];

/** The budget service: its features and its configuration. */
@Module({})
export class BudgetModule {
  static register(config: BudgetConfig): DynamicModule {
    return {
      module: BudgetModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({ name: 'budget', config, entities: [BudgetLine, PaguRevision], migrations: BUDGET_MIGRATIONS }),
        LinesModule,
        ReservationsModule,
        LedgerModule,
        AbsorptionModule,
        ReportsModule,
      ],
      providers: [{ provide: BudgetConfig, useValue: config }],
      exports: [BudgetConfig],
    };
  }
}
