import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CreateAuditLog1765200100000, ServiceCoreModule } from '#serapan/service';
import { CatalogProduct } from './catalog-projection/catalog-product.entity.js';
import { CatalogProjectionModule } from './catalog-projection/catalog-projection.module.js';
import { CreateOrders1764300200000 } from './migrations/1764300200000-CreateOrders.js';
import { SnapshotOrderLines1764500200000 } from './migrations/1764500200000-SnapshotOrderLines.js';
import { ChildrenWrittenWithTheirOrder1764500300000 } from './migrations/1764500300000-ChildrenWrittenWithTheirOrder.js';
import { PurchaseOrderNumbers1764600500000 } from './migrations/1764600500000-PurchaseOrderNumbers.js';
import { PdnTiersAndPreference1765000200000 } from './migrations/1765000200000-PdnTiersAndPreference.js';
import { CascadeLookupIndex1765000400000 } from './migrations/1765000400000-CascadeLookupIndex.js';
import { ContractLifecycle1765100000000 } from './migrations/1765100000000-ContractLifecycle.js';
import { OpenDataReleaseOrder1765300100000 } from './migrations/1765300100000-OpenDataReleaseOrder.js';
import { OpenDataModule } from './open-data/open-data.module.js';
import { OrderConfig } from './order.config.js';
import { VendorViewInterceptor } from './orders/access/vendor-view.interceptor.js';
import { AddendaModule } from './orders/addenda/addenda.module.js';
import { LifecycleModule } from './orders/lifecycle/lifecycle.module.js';
import { LiveModule } from './orders/live/live.module.js';
import { OrderLine } from './orders/order-line.entity.js';
import { ORDER_RULES, orderRules } from './orders/order-rules.js';
import { OrderTimelineEntry } from './orders/order-timeline-entry.entity.js';
import { Order } from './orders/order.entity.js';
import { PaymentsModule } from './orders/payments/payments.module.js';
import { PlacementModule } from './orders/placement/placement.module.js';
import { QueriesModule } from './orders/queries/queries.module.js';
import { SalesModule } from './orders/sales/sales.module.js';

/** The tables the order service maps, and the migrations that make them. */
export const ORDER_ENTITIES = [CatalogProduct, Order, OrderLine, OrderTimelineEntry];
/** An order's timeline is only ever added to (docs/architecture.md, "Database roles"). */
export const ORDER_APPEND_ONLY = ['order_timeline'];
export const ORDER_MIGRATIONS = [
  CreateOrders1764300200000,
  SnapshotOrderLines1764500200000,
  ChildrenWrittenWithTheirOrder1764500300000,
  PurchaseOrderNumbers1764600500000,
  PdnTiersAndPreference1765000200000,
  CascadeLookupIndex1765000400000,
  ContractLifecycle1765100000000,
  CreateAuditLog1765200100000,
  OpenDataReleaseOrder1765300100000,
];

/** The order service: its features, its configuration and its ordering rules. */
@Module({})
export class OrderModule {
  static register(config: OrderConfig): DynamicModule {
    return {
      module: OrderModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({
          name: 'order',
          config,
          entities: ORDER_ENTITIES,
          migrations: ORDER_MIGRATIONS,
          appendOnly: ORDER_APPEND_ONLY,
          auditPath: 'api/orders/audit',
        }),
        CatalogProjectionModule,
        QueriesModule,
        PlacementModule,
        LifecycleModule,
        PaymentsModule,
        AddendaModule,
        LiveModule,
        SalesModule,
        OpenDataModule,
      ],
      providers: [
        { provide: OrderConfig, useValue: config },
        { provide: ORDER_RULES, useValue: orderRules(config) },
        { provide: APP_INTERCEPTOR, useClass: VendorViewInterceptor },
      ],
      exports: [OrderConfig, ORDER_RULES],
    };
  }
}
