import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Clock, jakartaDate } from '#serapan/service';
import { ProductSort, SearchProductsDto } from './dto/search-products.dto.js';
import { Product } from './product.entity.js';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export interface ProductPage {
  items: Product[];
  page: number;
  pageSize: number;
  total: number;
}

// Every order ends on the id so pages never overlap; each matches a partial index of the migration.
const ORDER_BY: Record<ProductSort, [string, 'ASC' | 'DESC'][]> = {
  price_asc: [
    ['p.priceIdr', 'ASC'],
    ['p.id', 'ASC'],
  ],
  price_desc: [
    ['p.priceIdr', 'DESC'],
    ['p.id', 'DESC'],
  ],
  name: [
    ['p.name', 'ASC'],
    ['p.id', 'ASC'],
  ],
  newest: [
    ['p.createdAt', 'DESC'],
    ['p.id', 'DESC'],
  ],
  tkdn_desc: [
    ['p.tkdnPercent', 'DESC'],
    ['p.id', 'ASC'],
  ],
};

/** Catalog search for any signed-in user; listed products unless another status is asked for. */
@Injectable()
export class ProductSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Tiers are as of the clock's today in Indonesia: an expired certificate shows as `uncertified` at once. */
  async search(query: SearchProductsDto): Promise<ProductPage> {
    const today = jakartaDate(this.clock.now());
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const matching = this.dataSource.manager.createQueryBuilder(Product, 'p').where('p.status = :status', { status: query.status ?? 'active' });
    words(query.q).forEach((word, i) => matching.andWhere(`p.search_text LIKE :word${i}`, { [`word${i}`]: `%${escapeLike(word)}%` }));
    if (query.category) matching.andWhere('p.categoryCode = :category', { category: query.category });
    if (query.domestic !== undefined) matching.andWhere('p.origin = :origin', { origin: query.domestic ? 'domestic' : 'import' });
    if (query.umk !== undefined) matching.andWhere(query.umk ? 'p.vendorUmk' : 'NOT p.vendorUmk');
    if (query.minPrice) matching.andWhere('p.priceIdr >= :minPrice', { minPrice: query.minPrice });
    if (query.maxPrice) matching.andWhere('p.priceIdr <= :maxPrice', { maxPrice: query.maxPrice });
    if (query.vendorId) matching.andWhere('p.vendorId = :vendorId', { vendorId: query.vendorId });

    const offset = (page - 1) * pageSize;
    const listing = matching.clone().offset(offset).limit(pageSize);
    for (const [column, direction] of ORDER_BY[query.sort ?? 'newest']) listing.addOrderBy(column, direction);
    const items = (await listing.getMany()).map((product) => product.effectiveAt(today));
    return { items, page, pageSize, total: await this.total(matching, offset, items.length, pageSize) };
  }

  /** A page that is not full tells the total; only a full (or empty, later) page needs counting, which costs a pass over every match. */
  private async total(matching: SelectQueryBuilder<Product>, offset: number, found: number, pageSize: number): Promise<number> {
    if (found > 0 && found < pageSize) return offset + found;
    if (found === 0 && offset === 0) return 0;
    const counted = await matching.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>();
    return counted?.total ?? 0;
  }
}

const words = (q?: string): string[] => (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);

const escapeLike = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`);
