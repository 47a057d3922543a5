import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Order } from './order.entity.js';

/** Every state change of an order: when, by whom and why. */
@Entity('order_timeline')
export class OrderTimelineEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: string | null;
  @Column({ name: 'to_status' }) toStatus: string;
  @Column() actor: string;
  @Column() cause: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @ManyToOne('Order', 'timeline') @JoinColumn({ name: 'order_id' }) order: Order;
}
