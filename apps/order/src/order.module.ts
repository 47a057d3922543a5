import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { OrderConfig } from './order.config.js';

@Module({})
export class OrderModule {
  static register(config: OrderConfig): DynamicModule {
    return {
      module: OrderModule,
      imports: [ServiceCoreModule.forRoot({ name: 'order', config, entities: [], migrations: [] })],
    };
  }
}
