import { Module } from '@nestjs/common';
import { BudgetConfig } from '../budget.config.js';
import { AbsorptionFeed } from './absorption-feed.js';
import { AbsorptionController } from './absorption.controller.js';
import { AbsorptionService } from './absorption.service.js';
import { parseQuarterTargets, QUARTER_TARGETS } from './quarterly-targets.js';

/** Absorption read models, judged against the quarter targets, and their live stream. */
@Module({
  controllers: [AbsorptionController],
  providers: [
    AbsorptionService,
    AbsorptionFeed,
    { provide: QUARTER_TARGETS, inject: [BudgetConfig], useFactory: (config: BudgetConfig) => parseQuarterTargets(config.BUDGET_QUARTER_TARGETS) },
  ],
})
export class AbsorptionModule {}
