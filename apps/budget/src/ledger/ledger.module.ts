import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';

/** The ledger as the source of truth: line totals checked against it and rebuilt from it. */
@Module({
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
