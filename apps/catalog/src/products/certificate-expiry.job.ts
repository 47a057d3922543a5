import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventTypes } from '#serapan/contracts';
import { OutboxService } from '#serapan/messaging';
import { Clock, jakartaDate, PeriodicTask } from '#serapan/service';
import { CatalogConfig } from '../catalog.config.js';
import { productEvent } from './product-events.js';
import { Product } from './product.entity.js';

const BATCH = 500;

/**
 * A TKDN certificate expires without anyone touching the product, so products
 * still at a certified tier past their certificate's last day are reassessed
 * (to `uncertified`: still domestic) and published again, at start and then
 * periodically. Readers (catalog answers, the order service's placement)
 * already apply the demotion from the expiry date; this makes it the stored
 * and published state.
 */
@Injectable()
export class CertificateExpiryJob extends PeriodicTask {
  protected override readonly runAtStart = true;
  protected readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    config: CatalogConfig,
  ) {
    super();
    this.intervalMs = config.CERTIFICATE_EXPIRY_CHECK_MS;
  }

  protected runOnce(): Promise<number> {
    return this.demoteExpired();
  }

  /** Reassesses every product whose certificate expired before the clock's today in Indonesia; returns how many changed tier. */
  async demoteExpired(): Promise<number> {
    const now = this.clock.now();
    const today = jakartaDate(now);
    let changed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const expired = await manager
          .createQueryBuilder(Product, 'p')
          .where(`p.pdnTier IN ('top', 'pdn', 'low')`)
          .andWhere('p.tkdnCertificateExpiresOn < :today', { today })
          .orderBy('p.id')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const demoted = expired.filter((product) => product.reassess(today, now));
        await manager.save(demoted);
        await this.outbox.add(
          manager,
          demoted.map((product) => productEvent(EventTypes.productUpdated, product)),
        );
        return demoted.length;
      });
      changed += batch;
      if (batch < BATCH) break;
    }
    if (changed > 0) this.logger.log(`${changed} products became uncertified: TKDN certificate expired`);
    return changed;
  }
}
