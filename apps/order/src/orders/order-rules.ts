export const ORDER_RULES = Symbol('ORDER_RULES');

/** The configurable rules of ordering. */
export interface OrderRules {
  /** Orders above this total need an officer with PPK authority. */
  ppkThresholdIdr: bigint;
  /** When a vendor loses an order it has not answered, counted from when the budget was reserved. */
  vendorDeadline: (from: Date) => Date;
}
