import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { AbsorptionFeed } from './absorption/absorption-feed.js';
import { AbsorptionController } from './absorption/absorption.controller.js';
import { AbsorptionService, QUARTER_TARGETS } from './absorption/absorption.service.js';
import { parseQuarterTargets } from './absorption/quarterly-targets.js';
import { BudgetConfig } from './budget.config.js';
import { BudgetLine } from './lines/budget-line.entity.js';
import { LinesController } from './lines/lines.controller.js';
import { LinesService } from './lines/lines.service.js';
import { PaguRevision } from './lines/pagu-revision.entity.js';
import { CreateBudget1764300100000 } from './migrations/1764300100000-CreateBudget.js';
import { ReservationsConsumer } from './reservations/reservations.consumer.js';
import { ReservationsService } from './reservations/reservations.service.js';
import { LedgerService } from './ledger/ledger.service.js';
import { REPORT_CHECK_INTERVAL_MS, ReportScheduler } from './reports/report.scheduler.js';
import { ReportsController } from './reports/reports.controller.js';
import { WeeklyReportService } from './reports/weekly-report.service.js';

@Module({})
export class BudgetModule {
  static register(config: BudgetConfig): DynamicModule {
    return {
      module: BudgetModule,
      imports: [ServiceCoreModule.forRoot({ name: 'budget', config, entities: [BudgetLine, PaguRevision], migrations: [CreateBudget1764300100000] })],
      controllers: [LinesController, AbsorptionController, ReportsController, ReservationsConsumer],
      providers: [
        LinesService,
        ReservationsService,
        AbsorptionService,
        AbsorptionFeed,
        LedgerService,
        WeeklyReportService,
        ReportScheduler,
        { provide: REPORT_CHECK_INTERVAL_MS, useValue: config.BUDGET_REPORT_CHECK_INTERVAL_MS },
        { provide: QUARTER_TARGETS, useValue: parseQuarterTargets(config.BUDGET_QUARTER_TARGETS) },
      ],
    };
  }
}
