import 'reflect-metadata';
import { runService } from '#serapan/service';
import { CatalogConfig } from './catalog.config.js';
import { CatalogModule } from './catalog.module.js';

await runService({ name: 'catalog', config: CatalogConfig, module: (config) => CatalogModule.register(config) });
