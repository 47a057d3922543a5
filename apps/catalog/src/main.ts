import 'reflect-metadata';
import { ConfigError, loadConfig } from '#serapan/config';
import { Topics } from '#serapan/contracts';
import { consumerOptions, runService } from '#serapan/service';
import { CatalogConfig } from './catalog.config.js';
import { CatalogModule } from './catalog.module.js';

try {
  const config = loadConfig(CatalogConfig);
  await runService({
    name: 'catalog',
    module: CatalogModule.register(config),
    port: config.PORT,
    topics: Object.values(Topics),
    consumer: consumerOptions('catalog', config),
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
