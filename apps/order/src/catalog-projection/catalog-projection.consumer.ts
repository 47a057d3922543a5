import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, ProductSnapshot } from '#serapan/contracts';
import type { EventBatch } from '#serapan/messaging';
import { CatalogProjectionService } from './catalog-projection.service.js';

type Products = EventBatch<ProductSnapshot>;

@Controller()
export class CatalogProjectionConsumer {
  constructor(private readonly projection: CatalogProjectionService) {}

  @EventPattern(EventTypes.productListed)
  onProductListed(@Payload() batch: Products) {
    return this.projection.apply(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.productUpdated)
  onProductUpdated(@Payload() batch: Products) {
    return this.projection.apply(batch.manager, batch.events);
  }

  @EventPattern(EventTypes.productDelisted)
  onProductDelisted(@Payload() batch: Products) {
    return this.projection.apply(batch.manager, batch.events);
  }
}
