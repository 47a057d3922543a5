import { EventTypes } from '#serapan/contracts';
import { OutgoingEvent } from '#serapan/messaging';
import type { Product } from './product.entity.js';

type ProductEventType = typeof EventTypes.productListed | typeof EventTypes.productUpdated | typeof EventTypes.productDelisted;

/** A product event carries the whole snapshot and is keyed by product id, so one product's events stay in order. */
export const productEvent = (type: ProductEventType, product: Product): OutgoingEvent => ({ type, key: product.id, data: product.snapshot() });
