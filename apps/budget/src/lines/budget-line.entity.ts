import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The ceiling (pagu) of one (fiscal year, satker, account) and what is committed and realised against it. */
@Entity('budget_lines')
export class BudgetLine {
  @PrimaryColumn({ name: 'fiscal_year', type: 'int' }) fiscalYear: number;
  @PrimaryColumn({ name: 'satker_code', type: 'char', length: 6 }) satkerCode: string;
  @PrimaryColumn({ name: 'account_code', type: 'char', length: 6 }) accountCode: string;
  @Column({ name: 'kl_code', type: 'char', length: 3 }) klCode: string;
  @Column({ name: 'pagu_idr', type: 'bigint' }) paguIdr: string;
  /** Blocked funds (blokir): part of the pagu that orders may not use. */
  @Column({ name: 'blokir_idr', type: 'bigint' }) blokirIdr: string;
  @Column({ name: 'committed_idr', type: 'bigint' }) committedIdr: string;
  @Column({ name: 'realised_idr', type: 'bigint' }) realisedIdr: string;
  @Column({ name: 'committed_pdn_idr', type: 'bigint' }) committedPdnIdr: string;
  @Column({ name: 'realised_pdn_idr', type: 'bigint' }) realisedPdnIdr: string;
  @Column({ name: 'committed_umk_idr', type: 'bigint' }) committedUmkIdr: string;
  @Column({ name: 'realised_umk_idr', type: 'bigint' }) realisedUmkIdr: string;
  /** Committed + realised spent on products of each PDN tier (docs/domain.md "PDN tiers"). */
  @Column({ name: 'top_tier_idr', type: 'bigint' }) topTierIdr: string;
  @Column({ name: 'pdn_tier_idr', type: 'bigint' }) pdnTierIdr: string;
  @Column({ name: 'low_tier_idr', type: 'bigint' }) lowTierIdr: string;
  @Column({ name: 'uncertified_tier_idr', type: 'bigint' }) uncertifiedTierIdr: string;
  @Column({ name: 'import_tier_idr', type: 'bigint' }) importTierIdr: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The pagu orders may use: pagu − blokir. */
export const availablePaguOf = (line: Pick<BudgetLine, 'paguIdr' | 'blokirIdr'>): bigint => BigInt(line.paguIdr) - BigInt(line.blokirIdr);

/** pagu − blokir − committed − realised. */
export const remainingOf = (line: Pick<BudgetLine, 'paguIdr' | 'blokirIdr' | 'committedIdr' | 'realisedIdr'>): bigint =>
  availablePaguOf(line) - BigInt(line.committedIdr) - BigInt(line.realisedIdr);
