import { Module } from '@nestjs/common';
import { VendorsModule } from '../vendors/vendors.module.js';
import { CertificateExpiryJob } from './certificate-expiry.job.js';
import { ProductSearch } from './product-search.service.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [VendorsModule],
  controllers: [ProductsController],
  providers: [ProductsService, ProductSearch, CertificateExpiryJob],
})
export class ProductsModule {}
