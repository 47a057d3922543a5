import 'reflect-metadata';
import { runService } from '#serapan/service';
import { BudgetConfig } from './budget.config.js';
import { BudgetModule } from './budget.module.js';

await runService({ name: 'budget', config: BudgetConfig, module: (config) => BudgetModule.register(config) });
