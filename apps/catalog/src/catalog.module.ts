import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { CatalogConfig } from './catalog.config.js';

@Module({})
export class CatalogModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [ServiceCoreModule.forRoot({ name: 'catalog', config, entities: [], migrations: [] })],
    };
  }
}
