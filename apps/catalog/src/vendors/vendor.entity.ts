import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface VendorProfile {
  name: string;
  npwp?: string | null;
  nib?: string | null;
  umk: boolean;
  region?: string | null;
}

/** A vendor's profile. Its name and UMK flag travel with every product event. */
@Entity('vendors')
export class Vendor {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) npwp: string | null;
  @Column('text', { nullable: true }) nib: string | null;
  @Column('boolean') umk: boolean;
  @Column('text', { nullable: true }) region: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  /**
   * A vendor's first profile, before it names its company: "Penyedia" and the start of its id, not yet
   * declared UMK. Never the username: the name travels with its products into orders and open data.
   */
  static firstUse(id: string, now: Date): Vendor {
    return Object.assign(new Vendor(), {
      id,
      name: Vendor.placeholderName(id),
      npwp: null,
      nib: null,
      umk: false,
      region: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  static placeholderName(id: string): string {
    return `Penyedia ${id.slice(0, 8)}`;
  }

  /** Replaces the profile; true when what products carry (name, UMK flag) changed. */
  replaceProfile(profile: VendorProfile, now: Date): boolean {
    const stamped = profile.name !== this.name || profile.umk !== this.umk;
    Object.assign(this, {
      name: profile.name,
      npwp: profile.npwp ?? null,
      nib: profile.nib ?? null,
      umk: profile.umk,
      region: profile.region ?? null,
      updatedAt: now,
    });
    return stamped;
  }
}
