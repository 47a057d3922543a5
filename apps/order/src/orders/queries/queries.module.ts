import { Module } from '@nestjs/common';
import { OrderQueriesController } from './order-queries.controller.js';
import { OrderQueriesService } from './order-queries.service.js';

/** Order lists and details, within the caller's scope. */
@Module({
  controllers: [OrderQueriesController],
  providers: [OrderQueriesService],
  exports: [OrderQueriesService],
})
export class QueriesModule {}
