import { DynamicModule, Module } from '@nestjs/common';
import { CreateAuditLog1765200100000, ServiceCoreModule } from '#serapan/service';
import { AbsorptionModule } from './absorption/absorption.module.js';
import { DEFAULT_TARGETS_DIR, loadTargets, TARGETS } from './absorption/fiscal-year-targets.js';
import { BudgetConfig } from './budget.config.js';
import { DipaModule } from './dipa/dipa.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { BudgetLine } from './lines/budget-line.entity.js';
import { LinesModule } from './lines/lines.module.js';
import { PaguRevision } from './lines/pagu-revision.entity.js';
import { CreateBudget1764300100000 } from './migrations/1764300100000-CreateBudget.js';
import { DipaBlokirSatkers1764400300000 } from './migrations/1764400300000-DipaBlokirSatkers.js';
import { WeeklyReportPerFiscalYear1764500500000 } from './migrations/1764500500000-WeeklyReportPerFiscalYear.js';
import { RealisationDatedBySp2d1764600600000 } from './migrations/1764600600000-RealisationDatedBySp2d.js';
import { PdnTierAmounts1765000100000 } from './migrations/1765000100000-PdnTierAmounts.js';
import { TermPaymentsAndAddenda1765100100000 } from './migrations/1765100100000-TermPaymentsAndAddenda.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReservationsModule } from './reservations/reservations.module.js';
import { TransparencyModule } from './transparency/transparency.module.js';

export const BUDGET_ENTITIES = [BudgetLine, PaguRevision];
/** The ledger and the pagu's history are only ever added to (docs/architecture.md, "Database roles"). */
export const BUDGET_APPEND_ONLY = ['ledger_entries', 'pagu_revisions'];
/** The migrations that make the budget service's tables, in order. */
export const BUDGET_MIGRATIONS = [
  CreateBudget1764300100000,
  DipaBlokirSatkers1764400300000,
  WeeklyReportPerFiscalYear1764500500000,
  RealisationDatedBySp2d1764600600000,
  PdnTierAmounts1765000100000,
  TermPaymentsAndAddenda1765100100000,
  CreateAuditLog1765200100000,
];

/** The budget service: its features and its configuration. */
@Module({})
export class BudgetModule {
  static register(config: BudgetConfig): DynamicModule {
    return {
      module: BudgetModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({
          name: 'budget',
          config,
          entities: BUDGET_ENTITIES,
          migrations: BUDGET_MIGRATIONS,
          appendOnly: BUDGET_APPEND_ONLY,
          auditPath: 'api/budget/audit',
        }),
        LinesModule,
        DipaModule,
        ReservationsModule,
        LedgerModule,
        AbsorptionModule,
        ReportsModule,
        TransparencyModule,
      ],
      providers: [
        { provide: BudgetConfig, useValue: config },
        // read once at boot: a bad file stops the service with a message naming it
        { provide: TARGETS, useValue: loadTargets(config.BUDGET_TARGETS_DIR ?? DEFAULT_TARGETS_DIR) },
      ],
      exports: [BudgetConfig, TARGETS],
    };
  }
}
