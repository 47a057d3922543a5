import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PDN_TIERS } from '#serapan/contracts';
import { ORDER_STATUSES, OrderStatus } from '../lifecycle/order-state.js';

export class OrderLineViewDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: '12500000', description: 'Whole rupiah, as a decimal string' }) unitPriceIdr: string;
  @ApiProperty({ example: '25000000' }) subtotalIdr: string;
  @ApiProperty({ enum: PDN_TIERS }) pdnTier: string;
  @ApiProperty() vendorUmk: boolean;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, type: String }) from: string | null;
  @ApiProperty({ enum: ORDER_STATUSES }) to: string;
  @ApiProperty({ example: 'ppk.415423', description: 'A user name, "budget" or "system"' }) actor: string;
  @ApiProperty({ example: 'vendor accepted' }) cause: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

export class OrderViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() vendorName: string;
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '521211' }) accountCode: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rupCode: string | null;
  @ApiProperty({ example: '150000' }) shippingFeeIdr: string;
  @ApiProperty({ example: '28650000' }) totalIdr: string;
  @ApiProperty({ example: '25000000', description: 'The part of the total spent on domestic products' }) pdnIdr: string;
  @ApiProperty({ example: '0', description: 'The part of the total spent with a micro/small business' }) umkIdr: string;
  @ApiProperty() placedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) vendorDeadlineAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'SP-415423-2026-000042', description: 'Nomor surat pesanan, from the budget confirmation on' })
  purchaseOrderNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bastNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-11-27' }) receivedOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sp2dNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-11-28', description: 'The SP2D date' }) paidOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why a lower PDN tier was ordered while a better one was listed' }) justification:
    string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: [OrderLineViewDto] }) lines: OrderLineViewDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto], description: 'Newest first; timelines are left out of the list' }) items: OrderViewDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
