import 'reflect-metadata';
import { ConfigError, loadConfig } from '#serapan/config';
import { Topics } from '#serapan/contracts';
import { consumerOptions, runService } from '#serapan/service';
import { OrderConfig } from './order.config.js';
import { OrderModule } from './order.module.js';

try {
  const config = loadConfig(OrderConfig);
  await runService({
    name: 'order',
    module: OrderModule.register(config),
    port: config.PORT,
    topics: Object.values(Topics),
    consumer: consumerOptions('order', config),
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
