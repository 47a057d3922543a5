// The officer's cart, one group per vendor (an order has exactly one vendor).
import { randomKey } from './dom.js';
import { sum, times } from './money.js';

const keyFor = (username) => `serapan.cart.${username}`;

export class Cart {
  constructor(username) {
    this.storageKey = keyFor(username);
    try {
      this.groups = JSON.parse(localStorage.getItem(this.storageKey) ?? '{}');
    } catch {
      this.groups = {};
    }
  }

  get vendors() {
    return Object.values(this.groups);
  }

  get count() {
    return this.vendors.reduce((n, group) => n + Object.keys(group.lines).length, 0);
  }

  add(product, quantity) {
    const group = (this.groups[product.vendorId] ??= {
      vendorId: product.vendorId,
      vendorName: product.vendorName ?? '',
      vendorUmk: Boolean(product.vendorUmk),
      lines: {},
    });
    const existing = group.lines[product.id];
    group.lines[product.id] = {
      productId: product.id,
      name: product.name,
      unit: product.unit,
      priceIdr: product.priceIdr,
      pdnTier: product.pdnTier,
      quantity: (existing?.quantity ?? 0) + quantity,
    };
    if (group.draft) group.draft.terms = [];
    this.changed(group);
  }

  setQuantity(vendorId, productId, quantity) {
    const group = this.groups[vendorId];
    if (quantity > 0) group.lines[productId].quantity = quantity;
    else delete group.lines[productId];
    // terms share out the quantities, so a new quantity starts them afresh
    if (group.draft) group.draft.terms = [];
    this.changed(group);
  }

  /**
   * How the officer means to place the vendor's order: as a negotiation
   * (proposed prices and shipping per product), in payment terms, by a
   * delivery date. Kept with the cart, so it survives a reload.
   */
  draft(vendorId) {
    return (this.groups[vendorId].draft ??= { negotiate: false, prices: {}, shipping: {}, terms: [], deliveryDate: '' });
  }

  /** Changes the draft: a changed request gets a new idempotency key. */
  setDraft(vendorId, changes) {
    const group = this.groups[vendorId];
    Object.assign(this.draft(vendorId), changes);
    this.changed(group);
  }

  remove(vendorId) {
    delete this.groups[vendorId];
    this.save();
  }

  subtotal(vendorId) {
    return sum(Object.values(this.groups[vendorId].lines).map((line) => times(line.priceIdr, line.quantity)));
  }

  /** The same key for every retry of one checkout, a new one once the cart changes. */
  idempotencyKey(vendorId) {
    const group = this.groups[vendorId];
    group.idempotencyKey ??= randomKey();
    this.save();
    return group.idempotencyKey;
  }

  changed(group) {
    delete group.idempotencyKey;
    if (!Object.keys(group.lines).length) delete this.groups[group.vendorId];
    this.save();
  }

  save() {
    localStorage.setItem(this.storageKey, JSON.stringify(this.groups));
  }
}
