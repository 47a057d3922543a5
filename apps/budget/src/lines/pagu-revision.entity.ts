import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One allocation or revision of a line's pagu, kept for its history. */
@Entity('pagu_revisions')
export class PaguRevision {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'fiscal_year', type: 'int' }) fiscalYear: number;
  @Column({ name: 'satker_code', type: 'char', length: 6 }) satkerCode: string;
  @Column({ name: 'account_code', type: 'char', length: 6 }) accountCode: string;
  @Column({ name: 'previous_pagu_idr', type: 'bigint', nullable: true }) previousPaguIdr: string | null;
  @Column({ name: 'pagu_idr', type: 'bigint' }) paguIdr: string;
  @Column({ name: 'previous_blokir_idr', type: 'bigint', nullable: true }) previousBlokirIdr: string | null;
  @Column({ name: 'blokir_idr', type: 'bigint' }) blokirIdr: string;
  /** The DIPA (or its revision) the change came from, when it came from an import that named it. */
  @Column({ name: 'dipa_number', type: 'text', nullable: true }) dipaNumber: string | null;
  @Column({ name: 'revised_by', type: 'text' }) revisedBy: string;
  @Column({ name: 'revised_at', type: 'timestamptz' }) revisedAt: Date;
}
