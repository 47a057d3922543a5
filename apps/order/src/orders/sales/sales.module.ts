import { Module } from '@nestjs/common';
import { VendorSalesController } from './vendor-sales.controller.js';
import { VendorSalesService } from './vendor-sales.service.js';

/** A vendor's sales by week. */
@Module({
  controllers: [VendorSalesController],
  providers: [VendorSalesService],
})
export class SalesModule {}
