import 'reflect-metadata';
import { ConfigError, loadConfig } from '#serapan/config';
import { Topics } from '#serapan/contracts';
import { consumerOptions, runService } from '#serapan/service';
import { BudgetConfig } from './budget.config.js';
import { BudgetModule } from './budget.module.js';

try {
  const config = loadConfig(BudgetConfig);
  await runService({
    name: 'budget',
    module: BudgetModule.register(config),
    port: config.PORT,
    topics: Object.values(Topics),
    consumer: consumerOptions('budget', config),
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
