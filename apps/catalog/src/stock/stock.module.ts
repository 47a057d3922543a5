import { Module } from '@nestjs/common';
import { StockConsumer } from './stock.consumer.js';
import { StockService } from './stock.service.js';

@Module({
  controllers: [StockConsumer],
  providers: [StockService],
})
export class StockModule {}
