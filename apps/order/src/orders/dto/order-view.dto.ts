import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PDN_TIERS } from '#serapan/contracts';
import { ADDENDUM_STATUSES, ORDER_STATUSES, OrderStatus, TERM_STATUSES } from '../lifecycle/order-state.js';

export class OrderLineViewDto {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: '12500000', description: 'Whole rupiah, as a decimal string' }) unitPriceIdr: string;
  @ApiProperty({ example: '25000000' }) subtotalIdr: string;
  @ApiProperty({ example: '12500000', description: 'The catalog price when the order was opened; a negotiated unitPriceIdr never passes it' })
  listPriceIdr: string;
  @ApiProperty({ example: '0', description: 'Shipping agreed for this line in a negotiation' }) shippingIdr: string;
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

export class TermQuantityDto {
  @ApiProperty() lineNo: number;
  @ApiProperty() quantity: number;
}

export class TermViewDto {
  @ApiProperty() termNo: number;
  @ApiProperty({ enum: TERM_STATUSES }) status: string;
  @ApiProperty({ example: '2026-12-15' }) deliveryDate: string;
  @ApiProperty({ type: [TermQuantityDto] }) quantities: TermQuantityDto[];
  @ApiProperty({ example: '7500000', description: 'Its units at the agreed prices; the last term also carries the shipping' }) valueIdr: string;
  @ApiPropertyOptional({ nullable: true, type: String }) bastNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) receivedOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Calendar days received after the delivery date' }) daysLate: number | null;
  @ApiProperty({ example: '0', description: 'The late penalty, deducted from what is paid' }) penaltyIdr: string;
  @ApiPropertyOptional({ nullable: true, type: String }) sp2dNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paidOn: string | null;
}

export class OfferLineViewDto {
  @ApiProperty() lineNo: number;
  @ApiProperty({ example: '11900000' }) unitPriceIdr: string;
  @ApiProperty({ example: '50000' }) shippingIdr: string;
}

export class OfferViewDto {
  @ApiProperty() round: number;
  @ApiProperty({ enum: ['officer', 'vendor'] }) party: string;
  @ApiProperty() actor: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ example: '23850000' }) totalIdr: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: [OfferLineViewDto] }) lines: OfferLineViewDto[];
}

export class NegotiationViewDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When the negotiation lapses, while it is open' })
  deadlineAt: Date | null;
  @ApiProperty({ example: 6 }) maxOffers: number;
  @ApiProperty({ type: [OfferViewDto] }) offers: OfferViewDto[];
}

export class ContractVersionDto {
  @ApiProperty() totalIdr: string;
  @ApiProperty({
    description: 'Lines as they were (lineNo, productId, quantity, unitPriceIdr, subtotalIdr, pdnTier)',
    type: 'array',
    items: { type: 'object' },
  })
  lines: object[];
  @ApiProperty({ description: 'Terms as they were (termNo, quantities, deliveryDate, valueIdr)', type: 'array', items: { type: 'object' } }) terms: object[];
}

export class AddendumViewDto {
  @ApiProperty() number: number;
  @ApiProperty({ enum: ADDENDUM_STATUSES }) status: string;
  @ApiProperty() reason: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) proposedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ example: '-2500000', description: 'How it changes the total (negative: a decrease)' }) changeIdr: string;
  @ApiProperty({ type: ContractVersionDto }) before: ContractVersionDto;
  @ApiProperty({ type: ContractVersionDto }) after: ContractVersionDto;
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
  @ApiProperty({ example: 1, description: '1 as placed, one more per addendum applied' }) version: number;
  @ApiProperty({ example: '2026-12-15', description: 'The agreed delivery date of the last term' }) deliveryDate: string;
  @ApiProperty({ example: '0', description: 'Late penalties computed at receipt, summed over the terms' }) penaltyIdr: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The PPK who approved the purchase order' }) approvedBy: string | null;
  @ApiProperty({ description: 'Whether the placing officer had PPK authority (then it was approved as placed)' }) placedByPpk: boolean;
  @ApiProperty({ type: [OrderLineViewDto] }) lines: OrderLineViewDto[];
  @ApiProperty({ type: [TermViewDto], description: 'The payment terms (one for an order placed without terms)' }) terms: TermViewDto[];
  @ApiPropertyOptional({ type: NegotiationViewDto, nullable: true, description: 'When the order was opened as a negotiation' })
  negotiation: NegotiationViewDto | null;
  @ApiProperty({ type: [AddendumViewDto] }) addenda: AddendumViewDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto], description: 'Newest first; timelines, terms, offers and addenda are left out of the list' }) items: OrderViewDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
