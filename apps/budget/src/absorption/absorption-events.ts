import { EventTypes } from '#serapan/contracts';
import type { OutgoingEvent } from '#serapan/messaging';
import type { BudgetLineRow } from '../lines/budget-line.sql.js';

/** The `absorption.changed` snapshot of a line, keyed by satker code. */
export function absorptionChanged(line: BudgetLineRow): OutgoingEvent {
  return {
    type: EventTypes.absorptionChanged,
    key: line.satkerCode,
    data: {
      fiscalYear: line.fiscalYear,
      klCode: line.klCode,
      satkerCode: line.satkerCode,
      accountCode: line.accountCode,
      paguIdr: line.paguIdr,
      blokirIdr: line.blokirIdr,
      committedIdr: line.committedIdr,
      realisedIdr: line.realisedIdr,
      committedPdnIdr: line.committedPdnIdr,
      realisedPdnIdr: line.realisedPdnIdr,
      committedUmkIdr: line.committedUmkIdr,
      realisedUmkIdr: line.realisedUmkIdr,
      topTierIdr: line.topTierIdr,
      pdnTierIdr: line.pdnTierIdr,
      lowTierIdr: line.lowTierIdr,
      uncertifiedTierIdr: line.uncertifiedTierIdr,
      importTierIdr: line.importTierIdr,
    },
  };
}
