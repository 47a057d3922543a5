import { ApiProperty } from '@nestjs/swagger';
import { IsRupiah } from '#serapan/contracts';

export class AllocatePaguDto {
  @ApiProperty({ example: '1500000000', description: 'The line ceiling in whole rupiah' })
  @IsRupiah()
  paguIdr: string;
}
