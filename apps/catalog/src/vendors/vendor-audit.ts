import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { AuditCall } from '#serapan/service';
import { VendorDto } from './dto/vendor.dto.js';
import { Vendor } from './vendor.entity.js';

/** The caller's vendor profile before the change (null when it is made now). */
export async function vendorAsItWas(db: DataSource, call: AuditCall): Promise<VendorDto | null> {
  const id = call.principal?.vendorId;
  const vendor = id && isUUID(id) ? await db.getRepository(Vendor).findOneBy({ id }) : null;
  return vendor ? VendorDto.from(vendor) : null;
}
