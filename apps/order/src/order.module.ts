import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '#serapan/service';
import { CatalogProduct } from './catalog-projection/catalog-product.entity.js';
import { CatalogProjectionModule } from './catalog-projection/catalog-projection.module.js';
import { CreateOrders1764300200000 } from './migrations/1764300200000-CreateOrders.js';
import { SnapshotOrderLines1764500200000 } from './migrations/1764500200000-SnapshotOrderLines.js';
import { ChildrenWrittenWithTheirOrder1764500300000 } from './migrations/1764500300000-ChildrenWrittenWithTheirOrder.js';
import { OrderConfig } from './order.config.js';
import { LifecycleModule } from './orders/lifecycle/lifecycle.module.js';
import { addWorkingDays } from './orders/lifecycle/working-days.js';
import { OrderLine } from './orders/order-line.entity.js';
import { ORDER_RULES, OrderRules } from './orders/order-rules.js';
import { OrderTimelineEntry } from './orders/order-timeline-entry.entity.js';
import { Order } from './orders/order.entity.js';
import { PlacementModule } from './orders/placement/placement.module.js';
import { QueriesModule } from './orders/queries/queries.module.js';

/** The order service: its features, its configuration and its ordering rules. */
@Module({})
export class OrderModule {
  static register(config: OrderConfig): DynamicModule {
    const rules: OrderRules = {
      ppkThresholdIdr: BigInt(config.ORDER_PPK_THRESHOLD_IDR),
      vendorDeadline: (from) =>
        config.ORDER_VENDOR_DEADLINE_MS
          ? new Date(from.getTime() + config.ORDER_VENDOR_DEADLINE_MS)
          : addWorkingDays(from, config.ORDER_VENDOR_DEADLINE_WORKING_DAYS),
    };
    return {
      module: OrderModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({
          name: 'order',
          config,
          entities: [CatalogProduct, Order, OrderLine, OrderTimelineEntry],
          migrations: [CreateOrders1764300200000, SnapshotOrderLines1764500200000, ChildrenWrittenWithTheirOrder1764500300000],
        }),
        CatalogProjectionModule,
        QueriesModule,
        PlacementModule,
        LifecycleModule,
      ],
      providers: [
        { provide: OrderConfig, useValue: config },
        { provide: ORDER_RULES, useValue: rules },
      ],
      exports: [OrderConfig, ORDER_RULES],
    };
  }
}
