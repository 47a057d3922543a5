import { Module } from '@nestjs/common';
import { VendorsModule } from '../vendors/vendors.module.js';
import { CertificateExpiryJob } from './certificate-expiry.job.js';
import { ProductSearchService } from './product-search.service.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

/** Listing and changing products, catalog search, and the demotion of products whose TKDN certificate expired. */
@Module({
  imports: [VendorsModule],
  controllers: [ProductsController],
  providers: [ProductsService, ProductSearchService, CertificateExpiryJob],
})
export class ProductsModule {}
