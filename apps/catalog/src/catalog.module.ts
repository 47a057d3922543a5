import { DynamicModule, Module } from '@nestjs/common';
import { CreateAuditLog1765200100000, ServiceCoreModule } from '#serapan/service';
import { CatalogConfig } from './catalog.config.js';
import { CreateCatalog1764300300000 } from './migrations/1764300300000-CreateCatalog.js';
import { ProductOrigin1765000300000 } from './migrations/1765000300000-ProductOrigin.js';
import { Product } from './products/product.entity.js';
import { ProductsModule } from './products/products.module.js';
import { StockModule } from './stock/stock.module.js';
import { Vendor } from './vendors/vendor.entity.js';
import { VendorsModule } from './vendors/vendors.module.js';

/** The catalog service: its features and its configuration. */
@Module({})
export class CatalogModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({
          name: 'catalog',
          config,
          entities: [Vendor, Product],
          migrations: [CreateCatalog1764300300000, ProductOrigin1765000300000, CreateAuditLog1765200100000],
          auditPath: 'api/catalog/audit',
        }),
        VendorsModule,
        ProductsModule,
        StockModule,
      ],
      providers: [{ provide: CatalogConfig, useValue: config }],
      exports: [CatalogConfig],
    };
  }
}
