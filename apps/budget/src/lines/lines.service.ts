import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sqlOne } from '#serapan/database';
import { OutboxService } from '#serapan/messaging';
import { assertInSatkerScope, ConflictError, InvalidRequestError, satkerScopeOf, ScopeError } from '#serapan/service';
import { absorptionChanged } from '../absorption/absorption-events.js';
import { assertSatkerOf, registerSatker } from '../satkers/satker-registry.js';
import { BudgetLine } from './budget-line.entity.js';
import { budgetLineColumns, BudgetLineRow, lineKeyOf } from './budget-line.sql.js';
import { LineKey } from './line-key.js';
import { PaguRevision } from './pagu-revision.entity.js';

const KEY = 'fiscal_year = $1 AND satker_code = $2 AND account_code = $3';

/** Raised when a revision would put the pagu − blokir below what is already used. */
export class PaguBelowUsageError extends ConflictError {}

/** What the DIPA says of one line: its pagu and, when given, its blocked funds. */
export interface PaguSetting {
  paguIdr: string;
  /** Kept as it is when omitted (0 for a new line). */
  blokirIdr?: string;
  /** The DIPA (revision) it comes from, when known. */
  dipaNumber?: string;
}

export type PaguOutcome = 'created' | 'revised' | 'unchanged';

/**
 * The K/L whose finance may set pagu, or a refusal naming the rule: the pagu
 * comes from the DIPA, so only K/L finance (a finance user with a K/L and no
 * satker) sets or revises it; a satker's own finance reads its lines only.
 */
export function paguAuthorityOf(principal: Principal): string {
  if (principal.role !== 'finance' || !principal.klCode || principal.satkerCode) {
    throw new ScopeError(
      `only K/L finance (a finance user of a K/L, without a satker) sets or revises a pagu, as the DIPA does (docs/domain.md rule 13); ${principal.username} may read its lines but not set them`,
    );
  }
  return principal.klCode;
}

@Injectable()
export class LinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Allocates a new line or revises its pagu (and blokir) as K/L finance; never below committed + realised + blokir. */
  async allocate(principal: Principal, key: LineKey, setting: PaguSetting): Promise<{ line: BudgetLineRow; outcome: PaguOutcome }> {
    const klCode = paguAuthorityOf(principal);
    return this.dataSource.transaction((manager) => this.setPagu(manager, principal.username, klCode, key, setting));
  }

  /**
   * Sets one line's pagu and blokir within `klCode`, inside the caller's
   * transaction: registers an unknown satker under the K/L, refuses one of
   * another K/L, a blokir above the pagu, and a pagu − blokir below what the
   * line already uses. Every change is kept as a revision and announced; a
   * setting equal to the line changes nothing. Checks come before any write,
   * so a refusal leaves the transaction usable.
   */
  async setPagu(
    manager: EntityManager,
    revisedBy: string,
    klCode: string,
    key: LineKey,
    setting: PaguSetting,
  ): Promise<{ line: BudgetLineRow; outcome: PaguOutcome }> {
    const params = [key.fiscalYear, key.satkerCode, key.accountCode];
    await assertSatkerOf(manager, key.satkerCode, klCode);
    const current = await this.lockLine(manager, key);
    if (current && current.klCode !== klCode) throw new ScopeError(`line ${lineKeyOf(key)} belongs to another K/L, outside K/L ${klCode}`);
    const paguIdr = setting.paguIdr;
    const blokirIdr = setting.blokirIdr ?? current?.blokirIdr ?? '0';
    if (BigInt(blokirIdr) > BigInt(paguIdr)) throw new InvalidRequestError(`blokirIdr ${blokirIdr} exceeds paguIdr ${paguIdr} of line ${lineKeyOf(key)}`);
    if (current) {
      if (current.paguIdr === paguIdr && current.blokirIdr === blokirIdr) return { line: current, outcome: 'unchanged' };
      const used = BigInt(current.committedIdr) + BigInt(current.realisedIdr);
      if (BigInt(paguIdr) - BigInt(blokirIdr) < used) {
        throw new PaguBelowUsageError(
          `paguIdr ${paguIdr} − blokirIdr ${blokirIdr} is below what line ${lineKeyOf(key)} already uses: committed ${current.committedIdr} + realised ${current.realisedIdr} = ${used}`,
        );
      }
    }
    await registerSatker(manager, key.satkerCode, klCode);
    const line = current
      ? await sqlOne<BudgetLineRow>(
          manager,
          `UPDATE budget_lines SET pagu_idr = $4, blokir_idr = $5, updated_at = now() WHERE ${KEY} RETURNING ${budgetLineColumns()}`,
          [...params, paguIdr, blokirIdr],
        )
      : await sqlOne<BudgetLineRow>(
          manager,
          `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr, blokir_idr) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING RETURNING ${budgetLineColumns()}`,
          [...params, klCode, paguIdr, blokirIdr],
        );
    if (!line) throw new ConflictError(`line ${lineKeyOf(key)} was opened at the same moment by another request; try again`);
    await manager.insert(PaguRevision, {
      ...key,
      previousPaguIdr: current?.paguIdr ?? null,
      paguIdr,
      previousBlokirIdr: current?.blokirIdr ?? null,
      blokirIdr,
      dipaNumber: setting.dipaNumber ?? null,
      revisedBy,
    });
    await this.outbox.add(manager, [absorptionChanged(line)]);
    return { line, outcome: current ? 'revised' : 'created' };
  }

  async list(principal: Principal, filter: { fiscalYear?: number; satkerCode?: string; klCode?: string }): Promise<BudgetLine[]> {
    const scope = satkerScopeOf(principal);
    const query = this.dataSource.getRepository(BudgetLine).createQueryBuilder('l');
    const where = { ...filter, ...scope };
    if (filter.satkerCode && scope.satkerCode && filter.satkerCode !== scope.satkerCode) return [];
    if (filter.klCode && scope.klCode && filter.klCode !== scope.klCode) return [];
    if (where.fiscalYear) query.andWhere('l.fiscalYear = :fiscalYear', where);
    if (where.satkerCode) query.andWhere('l.satkerCode = :satkerCode', where);
    if (where.klCode) query.andWhere('l.klCode = :klCode', where);
    return query.orderBy('l.fiscalYear', 'DESC').addOrderBy('l.satkerCode').addOrderBy('l.accountCode').limit(5000).getMany();
  }

  async history(principal: Principal, key: LineKey): Promise<PaguRevision[]> {
    const line = await this.dataSource.getRepository(BudgetLine).findOneBy({ ...key });
    if (!line) return [];
    assertInSatkerScope(principal, line.satkerCode, line.klCode);
    return this.dataSource.getRepository(PaguRevision).find({ where: { ...key }, order: { revisedAt: 'ASC', id: 'ASC' } });
  }

  private lockLine(manager: EntityManager, key: LineKey): Promise<BudgetLineRow | undefined> {
    return sqlOne<BudgetLineRow>(manager, `SELECT ${budgetLineColumns()} FROM budget_lines WHERE ${KEY} FOR UPDATE`, [
      key.fiscalYear,
      key.satkerCode,
      key.accountCode,
    ]);
  }
}
