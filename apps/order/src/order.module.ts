import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { CatalogProduct } from './catalog/catalog-product.entity.js';
import { CatalogProjectionConsumer } from './catalog/catalog-projection.consumer.js';
import { CatalogProjectionService } from './catalog/catalog-projection.service.js';
import { CreateOrders1764300200000 } from './migrations/1764300200000-CreateOrders.js';
import { OrderConfig } from './order.config.js';
import { BudgetDecisionsConsumer } from './orders/budget-decisions.consumer.js';
import { BudgetDecisionsService } from './orders/budget-decisions.service.js';
import { OrderLine } from './orders/order-line.entity.js';
import { OrderTimelineEntry } from './orders/order-timeline-entry.entity.js';
import { Order } from './orders/order.entity.js';
import { OrdersController } from './orders/orders.controller.js';
import { ORDER_RULES, OrderRules, OrdersService } from './orders/orders.service.js';
import { SWEEP_INTERVAL_MS, VendorDeadlineSweeper } from './orders/vendor-deadline.sweeper.js';
import { addWorkingDays } from './orders/working-days.js';

@Module({})
export class OrderModule {
  static register(config: OrderConfig): DynamicModule {
    const rules: OrderRules = {
      ppkThresholdIdr: BigInt(config.ORDER_PPK_THRESHOLD_IDR),
      vendorDeadline: (from) =>
        config.ORDER_VENDOR_DEADLINE_MS ? new Date(from.getTime() + config.ORDER_VENDOR_DEADLINE_MS) : addWorkingDays(from, config.ORDER_VENDOR_DEADLINE_WORKING_DAYS),
    };
    return {
      module: OrderModule,
      imports: [
        ServiceCoreModule.forRoot({
          name: 'order',
          config,
          entities: [CatalogProduct, Order, OrderLine, OrderTimelineEntry],
          migrations: [CreateOrders1764300200000],
        }),
      ],
      controllers: [OrdersController, CatalogProjectionConsumer, BudgetDecisionsConsumer],
      providers: [
        OrdersService,
        CatalogProjectionService,
        BudgetDecisionsService,
        VendorDeadlineSweeper,
        { provide: ORDER_RULES, useValue: rules },
        { provide: SWEEP_INTERVAL_MS, useValue: config.ORDER_DEADLINE_SWEEP_MS },
      ],
    };
  }
}
