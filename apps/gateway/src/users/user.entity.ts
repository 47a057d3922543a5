import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '#serapan/auth';

/** Someone who can sign in; their role and scope go into every access token. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'vendor_id', type: 'uuid', nullable: true }) vendorId: string | null;
  @Column({ name: 'satker_code', type: 'text', nullable: true }) satkerCode: string | null;
  @Column({ name: 'kl_code', type: 'text', nullable: true }) klCode: string | null;
  @Column({ type: 'boolean', default: false }) ppk: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set, the user can neither sign in nor use a session they have. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  /** Sessions and tokens from before this time are refused (set when role or scope changes). */
  @Column({ name: 'sessions_valid_after', type: 'timestamptz', nullable: true }) sessionsValidAfter: Date | null;
}
