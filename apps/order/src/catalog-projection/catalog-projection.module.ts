import { Module } from '@nestjs/common';
import { CatalogProjectionConsumer } from './catalog-projection.consumer.js';
import { CatalogProjectionService } from './catalog-projection.service.js';

/** The order service's own read model of the catalog, kept from product events. */
@Module({
  controllers: [CatalogProjectionConsumer],
  providers: [CatalogProjectionService],
})
export class CatalogProjectionModule {}
