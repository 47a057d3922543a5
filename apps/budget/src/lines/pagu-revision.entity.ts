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
  @Column({ name: 'revised_by', type: 'text' }) revisedBy: string;
  @Column({ name: 'revised_at', type: 'timestamptz' }) revisedAt: Date;
}
