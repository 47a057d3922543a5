import { EventTypes } from '#serapan/contracts';
import type { OutgoingEvent } from '#serapan/messaging';
import type { BudgetLine } from '../lines/budget-line.entity.js';

/** The `absorption.changed` snapshot of a line, keyed by satker code. */
export function absorptionChanged(line: BudgetLine): OutgoingEvent {
  return {
    type: EventTypes.absorptionChanged,
    key: line.satkerCode,
    data: {
      fiscalYear: line.fiscalYear,
      klCode: line.klCode,
      satkerCode: line.satkerCode,
      accountCode: line.accountCode,
      paguIdr: line.paguIdr,
      committedIdr: line.committedIdr,
      realisedIdr: line.realisedIdr,
      committedPdnIdr: line.committedPdnIdr,
      realisedPdnIdr: line.realisedPdnIdr,
      committedUmkIdr: line.committedUmkIdr,
      realisedUmkIdr: line.realisedUmkIdr,
    },
  };
}
