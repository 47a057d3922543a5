import type { OrderConfig } from '../order.config.js';
import { addWorkingDays } from './lifecycle/working-days.js';

export const ORDER_RULES = Symbol('ORDER_RULES');

/** The configurable rules of ordering. */
export interface OrderRules {
  /** Orders above this total need an officer with PPK authority. */
  ppkThresholdIdr: bigint;
  /** When a vendor loses an order it has not answered, counted from when the budget was reserved. */
  vendorDeadline: (from: Date) => Date;
}

/** The rules a configuration sets. */
export function orderRules(config: OrderConfig): OrderRules {
  return {
    ppkThresholdIdr: BigInt(config.ORDER_PPK_THRESHOLD_IDR),
    vendorDeadline: (from) => addWorkingDays(from, config.ORDER_VENDOR_DEADLINE_WORKING_DAYS),
  };
}
