import { Module } from '@nestjs/common';
import { StockConsumer } from './stock.consumer.js';
import { StockService } from './stock.service.js';

/** Stock follows the orders vendors accept, cancel or decline, and their applied addenda. */
@Module({
  controllers: [StockConsumer],
  providers: [StockService],
})
export class StockModule {}
