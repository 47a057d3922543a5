import { Module } from '@nestjs/common';
import { QueriesModule } from '../queries/queries.module.js';
import { OrderPlacementController } from './order-placement.controller.js';
import { OrderPlacementService } from './order-placement.service.js';

/** Placing an order: priced from the catalog read model, idempotent, in one statement. */
@Module({
  imports: [QueriesModule],
  controllers: [OrderPlacementController],
  providers: [OrderPlacementService],
})
export class PlacementModule {}
