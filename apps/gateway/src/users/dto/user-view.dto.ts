import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, ROLES } from '#serapan/auth';

/** What the web app and `GET /api/auth/me` learn about the signed-in user: the scope claims of their token. */
export class UserViewDto {
  @ApiProperty({ example: 'ppk.415423' }) username: string;
  @ApiProperty({ example: 'Rina Wulandari (PPK, Satker 415423)' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'Vendors: the vendor they act for' }) vendorId?: string;
  @ApiPropertyOptional({ example: '415423', description: 'Officers and satker finance: their satker' }) satkerCode?: string;
  @ApiPropertyOptional({ example: '024', description: 'Their K/L' }) klCode?: string;
  @ApiPropertyOptional({ description: 'Officers only: may sign orders above Rp 200,000,000 (PPK)' }) ppk?: boolean;
}
