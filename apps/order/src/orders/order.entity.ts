import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import type { OrderLineSnapshot } from '#serapan/contracts';
import type { OrderStatus } from './lifecycle/order-state.js';
import { OrderLine } from './order-line.entity.js';
import { OrderTimelineEntry } from './order-timeline-entry.entity.js';

/** A purchase order to one vendor, spending from one budget line of the officer's satker. */
@Entity('orders')
export class Order {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column() status: OrderStatus;
  @Column({ name: 'satker_code', type: 'char', length: 6 }) satkerCode: string;
  @Column({ name: 'kl_code', type: 'char', length: 3 }) klCode: string;
  @Column({ name: 'vendor_id', type: 'uuid' }) vendorId: string;
  @Column({ name: 'vendor_name' }) vendorName: string;
  @Column({ name: 'fiscal_year', type: 'int' }) fiscalYear: number;
  @Column({ name: 'account_code', type: 'char', length: 6 }) accountCode: string;
  @Column({ name: 'rup_code', type: 'text', nullable: true }) rupCode: string | null;
  @Column({ name: 'shipping_fee_idr', type: 'bigint' }) shippingFeeIdr: string;
  @Column({ name: 'total_idr', type: 'bigint' }) totalIdr: string;
  @Column({ name: 'pdn_idr', type: 'bigint' }) pdnIdr: string;
  @Column({ name: 'umk_idr', type: 'bigint' }) umkIdr: string;
  @Column({ name: 'stock_taken' }) stockTaken: boolean;
  @Column({ name: 'placed_by' }) placedBy: string;
  /** Whether the placing officer had PPK authority: then the order was approved as placed. */
  @Column({ name: 'placed_by_ppk' }) placedByPpk: boolean;
  /** The PPK who approved the purchase order. */
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  /** When an open negotiation lapses. */
  @Column({ name: 'negotiation_deadline_at', type: 'timestamptz', nullable: true }) negotiationDeadlineAt: Date | null;
  /** The agreed delivery date of the last term. */
  @Column({ name: 'delivery_date', type: 'date' }) deliveryDate: string;
  /** 1 as placed, one more per addendum applied. */
  @Column({ type: 'int' }) version: number;
  /** Late penalties computed at receipt, summed over the terms. */
  @Column({ name: 'penalty_idr', type: 'bigint' }) penaltyIdr: string;
  @Column({ name: 'idempotency_key' }) idempotencyKey: string;
  @Column({ name: 'request_hash' }) requestHash: string;
  @Column({ name: 'vendor_deadline_at', type: 'timestamptz', nullable: true }) vendorDeadlineAt: Date | null;
  /** Nomor surat pesanan, given when the order is approved (purchase-order-numbers.ts). */
  @Column({ name: 'purchase_order_number', type: 'text', nullable: true }) purchaseOrderNumber: string | null;
  @Column({ name: 'bast_number', type: 'text', nullable: true }) bastNumber: string | null;
  @Column({ name: 'received_on', type: 'date', nullable: true }) receivedOn: string | null;
  @Column({ name: 'sp2d_number', type: 'text', nullable: true }) sp2dNumber: string | null;
  @Column({ name: 'paid_on', type: 'date', nullable: true }) paidOn: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** The officer's reason for ordering below a better PDN tier listed in the same category (the preference cascade). */
  @Column({ type: 'text', nullable: true }) justification: string | null;
  /** The lines as every order event carries them, snapshotted at placement. */
  @Column({ name: 'lines_snapshot', type: 'json' }) linesSnapshot: OrderLineSnapshot[];
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @OneToMany(() => OrderLine, (line) => line.order) lines: OrderLine[];
  @OneToMany(() => OrderTimelineEntry, (entry) => entry.order) timeline: OrderTimelineEntry[];
}
