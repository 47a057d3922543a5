import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { AuditCall } from '#serapan/service';
import { ProductDto } from './dto/product.dto.js';
import { Product } from './product.entity.js';

/**
 * The product a route changes, as the API shows it, before the change (null when there is none).
 * It runs before the route's pipes: a malformed id is left for them to refuse.
 */
export async function productAsItWas(db: DataSource, call: AuditCall): Promise<ProductDto | null> {
  if (!isUUID(call.params.id)) return null;
  const product = await db.getRepository(Product).findOneBy({ id: call.params.id });
  return product ? ProductDto.from(product) : null;
}
