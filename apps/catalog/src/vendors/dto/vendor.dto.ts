import { ApiProperty } from '@nestjs/swagger';
import type { Vendor } from '../vendor.entity.js';

export class VendorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) npwp: string | null;
  @ApiProperty({ type: String, nullable: true }) nib: string | null;
  @ApiProperty() umk: boolean;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty() updatedAt: string;

  static from(vendor: Vendor): VendorDto {
    const { id, name, npwp, nib, umk, region, updatedAt } = vendor;
    return { id, name, npwp, nib, umk, region, updatedAt: updatedAt.toISOString() };
  }
}
