import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { CsvTreasuryPayments } from './csv-treasury-payments.js';
import { Sp2dImportController } from './sp2d-import.controller.js';
import { Sp2dImportService } from './sp2d-import.service.js';
import { TreasuryPayments } from './treasury-payments.js';

/** Payments from the treasury: the SP2D list, paid through the lifecycle's pay step. */
@Module({
  imports: [LifecycleModule],
  controllers: [Sp2dImportController],
  providers: [Sp2dImportService, { provide: TreasuryPayments, useClass: CsvTreasuryPayments }],
})
export class PaymentsModule {}
