import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { DomainError, InvalidRequestError } from '#serapan/service';
import { LinesService, paguAuthorityOf } from '../lines/lines.service.js';
import { DipaFileError, parseDipaCsv } from './dipa-csv.js';
import type { DipaImportReportDto, DipaLineOutcomeDto } from './dto/dipa-import-report.dto.js';

/**
 * Imports a DIPA (docs/domain.md rule 13): K/L finance uploads the lines of its
 * satkers' budget documents as CSV; each valid row in the caller's K/L sets or
 * revises its line (pagu and blokir, a revision dated today), by the same
 * rules as a single allocation. A row that is invalid, outside the caller's
 * K/L, or refused by those rules changes nothing and is reported with its
 * line number and reason; a row equal to its line is reported unchanged, so
 * importing the same file again changes nothing.
 */
@Injectable()
export class DipaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lines: LinesService,
  ) {}

  async import(principal: Principal, csv: string): Promise<DipaImportReportDto> {
    const klCode = paguAuthorityOf(principal);
    let parsed: ReturnType<typeof parseDipaCsv>;
    try {
      parsed = parseDipaCsv(csv);
    } catch (error) {
      if (error instanceof DipaFileError) throw new InvalidRequestError(error.message);
      throw error;
    }
    const outcomes: DipaLineOutcomeDto[] = parsed.errors.map(({ line, reason }) => ({ line, outcome: 'rejected', reason }));
    await this.dataSource.transaction(async (manager) => {
      for (const row of parsed.rows) {
        const { line, fiscalYear, satkerCode, accountCode, paguIdr, blokirIdr } = row;
        const described = { line, fiscalYear, satkerCode, accountCode, paguIdr, blokirIdr };
        if (row.klCode !== klCode) {
          outcomes.push({ ...described, outcome: 'rejected', reason: `kl_code ${row.klCode} is outside your K/L ${klCode}` });
          continue;
        }
        try {
          const { outcome } = await this.lines.setPagu(manager, principal.username, klCode, { fiscalYear, satkerCode, accountCode }, row);
          outcomes.push({ ...described, outcome });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push({ ...described, outcome: 'rejected', reason: error.message });
        }
      }
    });
    outcomes.sort((a, b) => a.line - b.line);
    const count = (outcome: DipaLineOutcomeDto['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
    return {
      rows: outcomes.length,
      created: count('created'),
      revised: count('revised'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
      lines: outcomes,
    };
  }
}
