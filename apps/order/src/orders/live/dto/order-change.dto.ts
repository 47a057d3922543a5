import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EventTypes } from '#serapan/contracts';
import { ORDER_STATUSES, OrderStatus } from '../../lifecycle/order-state.js';

/** One change of an order, as its live stream sends it: nothing of the buyer's budget, so the same for every role. */
export class OrderChangeDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES, description: 'The order’s status once the change is made (read when it is relayed)' }) status: OrderStatus;
  @ApiProperty({ example: EventTypes.orderAccepted, description: 'The order event that reports the change' }) eventType: string;
  @ApiProperty({ format: 'date-time', description: 'When the change was made' }) at: string;
  @ApiPropertyOptional({ example: 'SP-415423-2026-000001', description: 'Once the budget confirmed the order' }) purchaseOrderNumber?: string;
}
