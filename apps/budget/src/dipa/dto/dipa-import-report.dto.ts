import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What one line of the file did. */
export class DipaLineOutcomeDto {
  @ApiProperty({ example: 2, description: 'Its line in the file; the header is line 1' }) line: number;
  @ApiProperty({ enum: ['created', 'revised', 'unchanged', 'rejected'] }) outcome: 'created' | 'revised' | 'unchanged' | 'rejected';
  @ApiPropertyOptional({ example: 2026 }) fiscalYear?: number;
  @ApiPropertyOptional({ example: '415423' }) satkerCode?: string;
  @ApiPropertyOptional({ example: '521211' }) accountCode?: string;
  @ApiPropertyOptional({ example: '1500000000' }) paguIdr?: string;
  @ApiPropertyOptional({ example: '0' }) blokirIdr?: string;
  @ApiPropertyOptional({ example: 'kl_code 024 is outside your K/L 023', description: 'Why a rejected line changed nothing' }) reason?: string;
}

/** The answer to a DIPA import: counts, then each line's outcome in file order. */
export class DipaImportReportDto {
  @ApiProperty({ example: 3, description: 'Data lines read (blank lines are skipped)' }) rows: number;
  @ApiProperty({ example: 1 }) created: number;
  @ApiProperty({ example: 1 }) revised: number;
  @ApiProperty({ example: 0, description: 'Lines already as the file says: nothing changed' }) unchanged: number;
  @ApiProperty({ example: 1, description: 'Lines refused; each changed nothing' }) rejected: number;
  @ApiProperty({ type: [DipaLineOutcomeDto] }) lines: DipaLineOutcomeDto[];
}
