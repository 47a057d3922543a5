import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, ProductSnapshot } from '#serapan/contracts';
import type { ConsumedEvent } from '#serapan/messaging';
import { CatalogProjectionService } from './catalog-projection.service.js';

@Controller()
export class CatalogProjectionConsumer {
  constructor(private readonly projection: CatalogProjectionService) {}

  @EventPattern(EventTypes.productListed)
  onProductListed(@Payload() event: ConsumedEvent<ProductSnapshot>) {
    return this.projection.apply(event);
  }

  @EventPattern(EventTypes.productUpdated)
  onProductUpdated(@Payload() event: ConsumedEvent<ProductSnapshot>) {
    return this.projection.apply(event);
  }

  @EventPattern(EventTypes.productDelisted)
  onProductDelisted(@Payload() event: ConsumedEvent<ProductSnapshot>) {
    return this.projection.apply(event);
  }
}
