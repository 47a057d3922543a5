import type { DataSource } from 'typeorm';
import type { AuditCall } from '#serapan/service';
import { ProductDto } from './dto/product.dto.js';
import { Product } from './product.entity.js';

/** The product a route changes, as the API shows it, before the change (null when there is none). */
export async function productAsItWas(db: DataSource, call: AuditCall): Promise<ProductDto | null> {
  const product = await db.getRepository(Product).findOneBy({ id: call.params.id });
  return product ? ProductDto.from(product) : null;
}
