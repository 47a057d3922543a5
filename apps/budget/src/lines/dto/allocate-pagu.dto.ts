import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsRupiah } from '#serapan/contracts';

export class AllocatePaguDto {
  @ApiProperty({ example: '1500000000', description: 'The line ceiling in whole rupiah, as the DIPA gives it' })
  @IsRupiah()
  paguIdr: string;

  @ApiPropertyOptional({ example: '100000000', description: 'Blocked funds (blokir), 0 ≤ blokir ≤ pagu; kept as it is when omitted (0 for a new line)' })
  @IsOptional()
  @IsRupiah()
  blokirIdr?: string;
}
