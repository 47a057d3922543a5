import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Order } from './order.entity.js';

/** One product of an order, with the price, PDN tier and UMK flag as they were when ordered. */
@Entity('order_lines')
export class OrderLine {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' }) orderId: string;
  @PrimaryColumn({ name: 'line_no', type: 'int' }) lineNo: number;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column() sku: string;
  @Column() name: string;
  @Column() unit: string;
  @Column({ type: 'int' }) quantity: number;
  /** The agreed price: the listed one, or less after a negotiation. */
  @Column({ name: 'unit_price_idr', type: 'bigint' }) unitPriceIdr: string;
  /** The catalog price when the order was opened; a negotiated price never passes it. */
  @Column({ name: 'list_price_idr', type: 'bigint' }) listPriceIdr: string;
  /** Shipping agreed for this line in a negotiation (part of the order's shipping fee). */
  @Column({ name: 'shipping_idr', type: 'bigint' }) shippingIdr: string;
  @Column({ name: 'subtotal_idr', type: 'bigint' }) subtotalIdr: string;
  @Column({ name: 'pdn_tier' }) pdnTier: string;
  @Column({ name: 'vendor_umk' }) vendorUmk: boolean;
  @ManyToOne('Order', 'lines') @JoinColumn({ name: 'order_id' }) order: Order;
}
