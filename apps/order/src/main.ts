import 'reflect-metadata';
import { runService } from '#serapan/service';
import { OrderConfig } from './order.config.js';
import { OrderModule } from './order.module.js';

await runService({ name: 'order', config: OrderConfig, module: (config) => OrderModule.register(config) });
