import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sqlOne } from '#serapan/database';
import { OutboxService } from '#serapan/messaging';
import { assertInSatkerScope, ConflictError, satkerScopeOf, ScopeError } from '#serapan/service';
import { absorptionChanged } from '../absorption/absorption-events.js';
import { BudgetLine } from './budget-line.entity.js';
import { budgetLineColumns, BudgetLineRow, lineKeyOf } from './budget-line.sql.js';
import { LineKey } from './line-key.js';
import { PaguRevision } from './pagu-revision.entity.js';

const KEY = 'fiscal_year = $1 AND satker_code = $2 AND account_code = $3';

/** Raised when a revision would put the pagu below what is already used. */
export class PaguBelowUsageError extends ConflictError {}

@Injectable()
export class LinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Allocates a new line or revises its pagu; never below committed + realised. */
  async allocate(principal: Principal, key: LineKey, paguIdr: string): Promise<{ line: BudgetLineRow; created: boolean }> {
    if (principal.role !== 'finance') throw new ScopeError('only finance staff allocate or revise a pagu');
    return this.dataSource.transaction(async (manager) => {
      const params = [key.fiscalYear, key.satkerCode, key.accountCode];
      let current = await this.lockLine(manager, key);
      let created = false;
      if (!current) {
        const klCode = principal.klCode;
        if (!klCode) throw new ScopeError(`${principal.username} has no K/L scope to open a line in`);
        // A satker belongs to one K/L: its earlier lines say which, whatever the caller's claim.
        const known = await sqlOne<{ klCode: string }>(manager, `SELECT kl_code AS "klCode" FROM budget_lines WHERE satker_code = $1 LIMIT 1`, [
          key.satkerCode,
        ]);
        assertInSatkerScope(principal, key.satkerCode, known?.klCode ?? klCode);
        if (known && known.klCode !== klCode) throw new ScopeError(`satker ${key.satkerCode} belongs to K/L ${known.klCode}, not ${klCode}`);
        const inserted = await sqlOne<BudgetLineRow>(
          manager,
          `INSERT INTO budget_lines (fiscal_year, satker_code, account_code, kl_code, pagu_idr) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING ${budgetLineColumns()}`,
          [...params, klCode, paguIdr],
        );
        created = inserted !== undefined;
        current = inserted ?? (await this.lockLine(manager, key));
      }
      let line = current!;
      assertInSatkerScope(principal, line.satkerCode, line.klCode);
      const previous = created ? null : line.paguIdr;
      if (!created) {
        const used = BigInt(line.committedIdr) + BigInt(line.realisedIdr);
        if (BigInt(paguIdr) < used) {
          throw new PaguBelowUsageError(
            `paguIdr ${paguIdr} is below what line ${lineKeyOf(key)} already uses: committed ${line.committedIdr} + realised ${line.realisedIdr} = ${used}`,
          );
        }
        line = (await sqlOne<BudgetLineRow>(
          manager,
          `UPDATE budget_lines SET pagu_idr = $4, updated_at = now() WHERE ${KEY} RETURNING ${budgetLineColumns()}`,
          [...params, paguIdr],
        ))!;
      }
      await manager.insert(PaguRevision, { ...key, previousPaguIdr: previous, paguIdr, revisedBy: principal.username });
      await this.outbox.add(manager, [absorptionChanged(line)]);
      return { line, created };
    });
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
    return this.dataSource.getRepository(PaguRevision).find({ where: { ...key }, order: { revisedAt: 'ASC' } });
  }

  private lockLine(manager: EntityManager, key: LineKey): Promise<BudgetLineRow | undefined> {
    return sqlOne<BudgetLineRow>(manager, `SELECT ${budgetLineColumns()} FROM budget_lines WHERE ${KEY} FOR UPDATE`, [
      key.fiscalYear,
      key.satkerCode,
      key.accountCode,
    ]);
  }
}
