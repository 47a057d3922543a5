import type { Principal } from '#serapan/auth';
import { assertInSatkerScope, satkerScopeOf, ScopeError } from '#serapan/service';

/** What an access check needs to know of an order. */
export interface OrderParties {
  id: string;
  satkerCode: string;
  klCode: string;
  vendorId: string;
}

/** Who may do what to an order: the one place the order service decides it. The checks use no `this`, so they can be passed as functions. */
export const OrderAccess = {
  /** The order's vendor. */
  assertVendor(this: void, principal: Principal, order: OrderParties): void {
    if (principal.role !== 'vendor' || principal.vendorId !== order.vendorId) throw new ScopeError(`order ${order.id} is addressed to another vendor`);
  },

  /** An officer of the order's satker. */
  assertOfficer(this: void, principal: Principal, order: OrderParties): void {
    if (principal.role !== 'officer' || principal.satkerCode !== order.satkerCode) throw new ScopeError(`order ${order.id} belongs to another satker`);
  },

  /** Finance of the order's satker, or of its K/L. */
  assertFinance(this: void, principal: Principal, order: OrderParties): void {
    if (principal.role !== 'finance') throw new ScopeError(`only finance of the order's satker or K/L records payment of order ${order.id}`);
    assertInSatkerScope(principal, order.satkerCode, order.klCode);
  },

  /** Anyone who may see the order: its vendor, its satker's people, its K/L's finance, auditors. */
  assertReader(this: void, principal: Principal, order: OrderParties): void {
    if (principal.role === 'vendor') return OrderAccess.assertVendor(principal, order);
    assertInSatkerScope(principal, order.satkerCode, order.klCode);
  },

  /** The officer placing an order, who orders for their own satker only; returns that satker. */
  orderingSatker(principal: Principal, requestedSatker?: string): { satkerCode: string; klCode: string } {
    const { satkerCode, klCode } = principal;
    if (principal.role !== 'officer' || !satkerCode || !klCode) throw new ScopeError('only an officer of a satker places orders');
    if (requestedSatker && requestedSatker !== satkerCode) {
      throw new ScopeError(`satkerCode ${requestedSatker} is another satker's budget; you order for satker ${satkerCode}`);
    }
    return { satkerCode, klCode };
  },

  /** The orders a caller may list, as a filter: a vendor its own, others by satker scope. */
  listScope(principal: Principal): OrderScope {
    if (principal.role === 'vendor') return { vendorId: principal.vendorId ?? '00000000-0000-0000-0000-000000000000' };
    return satkerScopeOf(principal);
  },

  /** Whether an order passes a list scope: the same filter as the order lists, for what is not read from the table. */
  inScope(this: void, scope: OrderScope, order: Omit<OrderParties, 'id'>): boolean {
    return (
      (!scope.vendorId || scope.vendorId === order.vendorId) &&
      (!scope.satkerCode || scope.satkerCode === order.satkerCode) &&
      (!scope.klCode || scope.klCode === order.klCode)
    );
  },
};

/** The orders a caller may see, as the list endpoints filter them; an absent key does not narrow. */
export interface OrderScope {
  vendorId?: string;
  satkerCode?: string;
  klCode?: string;
}
