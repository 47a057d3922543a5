import type { OrderConfig } from '../order.config.js';
import { loadHolidayCalendar, SHIPPED_HOLIDAYS_DIR } from './lifecycle/holiday-calendar.js';
import { addWorkingDays } from './lifecycle/working-days.js';

export const ORDER_RULES = Symbol('ORDER_RULES');

/** The configurable rules of ordering. */
export interface OrderRules {
  /** Orders above this total need an officer with PPK authority. */
  ppkThresholdIdr: bigint;
  /** When a vendor loses an order it has not answered, counted from the order's approval (docs/domain.md, rule 7). */
  vendorDeadline: (placedAt: Date) => Date;
  /** When a negotiation opened at `openedAt` lapses (docs/domain.md, rule 21). */
  negotiationDeadline: (openedAt: Date) => Date;
  /** Offers a negotiation allows in all, the opening one included. */
  maxOffers: number;
}

/** The rules a configuration sets; reads the holiday calendar, and throws naming the file if one is malformed. */
export function orderRules(config: OrderConfig): OrderRules {
  const calendar = loadHolidayCalendar(config.ORDER_HOLIDAY_CALENDAR_DIR ?? SHIPPED_HOLIDAYS_DIR);
  return {
    ppkThresholdIdr: BigInt(config.ORDER_PPK_THRESHOLD_IDR),
    vendorDeadline: (placedAt) => addWorkingDays(placedAt, config.ORDER_VENDOR_DEADLINE_WORKING_DAYS, calendar),
    negotiationDeadline: (openedAt) => addWorkingDays(openedAt, config.ORDER_NEGOTIATION_WORKING_DAYS, calendar),
    maxOffers: config.ORDER_NEGOTIATION_MAX_OFFERS,
  };
}
