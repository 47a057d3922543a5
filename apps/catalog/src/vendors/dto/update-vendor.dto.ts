import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { VendorProfile } from '../vendor.entity.js';

/** The whole profile; fields left out are cleared. */
export class UpdateVendorDto implements VendorProfile {
  @ApiProperty({ example: 'CV Sumber Makmur', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'Tax number, 15 or 16 digits', example: '0123456789012345', nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{15,16}$/, { message: 'npwp must be 15 or 16 digits' })
  npwp?: string | null;

  @ApiPropertyOptional({ description: 'Business identification number (NIB), 13 digits', example: '9120001234567', nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{13}$/, { message: 'nib must be 13 digits' })
  nib?: string | null;

  @ApiProperty({ description: 'Micro or small business (UMK)' })
  @IsBoolean()
  umk: boolean;

  @ApiPropertyOptional({ example: 'Jawa Barat', maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  region?: string | null;
}
