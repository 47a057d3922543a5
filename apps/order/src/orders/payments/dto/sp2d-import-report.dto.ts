import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SP2D_OUTCOMES = ['paid', 'already-paid', 'not-found', 'refused', 'malformed', 'duplicate'] as const;
export type Sp2dOutcome = (typeof SP2D_OUTCOMES)[number];

export class Sp2dImportLineDto {
  @ApiProperty({ example: 2, description: 'Line of the file; the header is line 1' }) line: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: '260231301000123' }) sp2dNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'SP-415423-2026-000042' }) purchaseOrderNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The order paid or already paid' }) orderId: string | null;
  @ApiProperty({ enum: SP2D_OUTCOMES }) outcome: Sp2dOutcome;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'amount_idr 1000 differs from the order total 28650000' }) reason: string | null;
}

export class Sp2dImportCountsDto {
  @ApiProperty() paid: number;
  @ApiProperty() alreadyPaid: number;
  @ApiProperty() notFound: number;
  @ApiProperty() refused: number;
  @ApiProperty() malformed: number;
  @ApiProperty({ description: 'Lines whose purchase-order number is already on an earlier line of the file' }) duplicate: number;
}

export class Sp2dImportReportDto {
  @ApiProperty({ type: Sp2dImportCountsDto }) counts: Sp2dImportCountsDto;
  @ApiProperty({ type: [Sp2dImportLineDto], description: 'One per line of the file, in file order' }) lines: Sp2dImportLineDto[];
}
