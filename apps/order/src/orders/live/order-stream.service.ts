import { Injectable } from '@nestjs/common';
import { filter, map, Observable } from 'rxjs';
import type { Principal } from '#serapan/auth';
import { OrderAccess } from '../access/order-access.policy.js';
import type { OrderChangeDto } from './dto/order-change.dto.js';
import { OrderChange, OrderFeed } from './order-feed.js';

/** The changes of the orders a caller may list, as they happen. */
@Injectable()
export class OrderStreamService {
  constructor(private readonly feed: OrderFeed) {}

  changes(principal: Principal): Observable<{ eventId: string; change: OrderChangeDto }> {
    return this.feed.changes.pipe(changesWithin(principal));
  }
}

/** Keeps the changes of the orders `principal` may list, as the stream sends them. */
export function changesWithin(principal: Principal) {
  const scope = OrderAccess.listScope(principal);
  return (changes: Observable<OrderChange>): Observable<{ eventId: string; change: OrderChangeDto }> =>
    changes.pipe(
      filter((change) => OrderAccess.inScope(scope, change)),
      map(({ eventId, orderId, status, eventType, at, purchaseOrderNumber }) => ({
        eventId,
        change: { orderId, status, eventType, at, ...(purchaseOrderNumber ? { purchaseOrderNumber } : {}) },
      })),
    );
}
