import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { BudgetConfig } from './budget.config.js';

@Module({})
export class BudgetModule {
  static register(config: BudgetConfig): DynamicModule {
    return {
      module: BudgetModule,
      imports: [ServiceCoreModule.forRoot({ name: 'budget', config, entities: [], migrations: [] })],
    };
  }
}
