import { DataSource } from 'typeorm';
import { EventTypes, ProductSnapshot, Topics } from '#serapan/contracts';
import { sqlOne } from '#serapan/database';
import { ConsumedEvent, eventsIn, KafkaSettings, readTopic } from '#serapan/messaging';
import { CatalogProjectionService } from './catalog-projection.service.js';

/** Refused: the read model already holds products, and the caller did not ask to replace them. */
export class ReadModelNotEmptyError extends Error {
  constructor(readonly products: number) {
    super(`catalog_products already holds ${products} product(s); a rebuild fills an empty table (pass --replace to empty it first)`);
  }
}

export interface CatalogRebuildProgress {
  /** Messages read so far, of about `ahead`. */
  read: number;
  ahead: number;
  applied: number;
  undecodable: number;
}

const PRODUCT_EVENTS = new Set<string>([EventTypes.productListed, EventTypes.productUpdated, EventTypes.productDelisted]);

/**
 * Builds the order service's catalog read model from `catalog.product.v1`,
 * read from its beginning up to where it ends now. The topic is compacted and
 * every product event carries the product's whole state, so what compaction
 * keeps (each product's latest event) is all a rebuild needs. Batches go
 * through the projection the order service's consumer uses, each in a
 * transaction; the service's consumer group and its offsets are not touched.
 * Refuses a table that holds products unless `replace` (which empties it
 * first: until the rebuild ends, placements naming a missing product fail).
 */
export async function rebuildCatalogReadModel(
  dataSource: DataSource,
  kafka: KafkaSettings,
  { replace = false, onProgress = () => undefined }: { replace?: boolean; onProgress?: (progress: CatalogRebuildProgress) => void } = {},
): Promise<CatalogRebuildProgress & { products: number }> {
  const held = await countProducts(dataSource);
  if (held > 0 && !replace) throw new ReadModelNotEmptyError(held);
  if (held > 0) await dataSource.query('DELETE FROM catalog_products');
  const projection = new CatalogProjectionService();
  const progress: CatalogRebuildProgress = { read: 0, ahead: 0, applied: 0, undecodable: 0 };
  await readTopic(kafka, Topics.product, {
    onStart: (ahead) => {
      progress.ahead = ahead;
      onProgress({ ...progress });
    },
    onBatch: async (batch) => {
      const { events, undecodable } = eventsIn(batch, PRODUCT_EVENTS);
      if (events.length > 0)
        await dataSource.transaction((manager) =>
          projection.apply(
            manager,
            events.map(({ event }) => event as ConsumedEvent<ProductSnapshot>),
          ),
        );
      Object.assign(progress, {
        read: progress.read + batch.messages.length,
        applied: progress.applied + events.length,
        undecodable: progress.undecodable + undecodable.length,
      });
      onProgress({ ...progress });
    },
  });
  return { ...progress, products: await countProducts(dataSource) };
}

const countProducts = async (dataSource: DataSource): Promise<number> =>
  (await sqlOne<{ n: number }>(dataSource, 'SELECT count(*)::int AS n FROM catalog_products'))!.n;
