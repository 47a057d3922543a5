import { ApiProperty } from '@nestjs/swagger';

export class BudgetLineDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ example: '521211', description: 'A goods (52…) or capital (53…) account' }) accountCode: string;
  @ApiProperty({ example: '1500000000', description: 'The ceiling, whole rupiah as a decimal string' }) paguIdr: string;
  @ApiProperty({ example: '100000000', description: 'Blocked funds (blokir): part of the pagu orders may not use' }) blokirIdr: string;
  @ApiProperty({ example: '25000000', description: 'Held by orders not yet paid' }) committedIdr: string;
  @ApiProperty({ example: '0', description: 'Paid' }) realisedIdr: string;
  @ApiProperty({ example: '1375000000', description: 'pagu − blokir − committed − realised' }) remainingIdr: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class PaguRevisionDto {
  @ApiProperty({ example: '42', description: 'Grows with every revision' }) id: string;
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ example: '521211' }) accountCode: string;
  @ApiProperty({ type: String, nullable: true, example: '1500000000', description: 'null for the first allocation' }) previousPaguIdr: string | null;
  @ApiProperty({ example: '1750000000' }) paguIdr: string;
  @ApiProperty({ type: String, nullable: true, example: '0', description: 'null for the first allocation' }) previousBlokirIdr: string | null;
  @ApiProperty({ example: '100000000' }) blokirIdr: string;
  @ApiProperty({ type: String, nullable: true, example: 'DIPA-024.01.1.415423/2026', description: 'The DIPA the change came from, when an import named it' })
  dipaNumber: string | null;
  @ApiProperty({ example: 'keuangan.024' }) revisedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) revisedAt: Date;
}
