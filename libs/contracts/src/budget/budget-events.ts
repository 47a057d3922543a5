import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { ACCOUNT_CODE, IsRupiah, KL_CODE, SATKER_CODE } from '../validators.js';

/** The budget's answer to an order event, keyed by order id. */
export class BudgetReservationEventData {
  @IsUUID() orderId: string;
  @IsInt() @Min(2000) fiscalYear: number;
  @Matches(SATKER_CODE) satkerCode: string;
  @Matches(ACCOUNT_CODE) accountCode: string;
  @IsRupiah() amountIdr: string;
  /** pagu − committed − realised after this change. */
  @IsRupiah() remainingIdr: string;
  @IsOptional() @IsString() reason?: string;
}

export class BudgetReservedEvent extends BudgetReservationEventData {}
export class BudgetReservationRejectedEvent extends BudgetReservationEventData {}
export class BudgetReleasedEvent extends BudgetReservationEventData {}
export class BudgetRealisedEvent extends BudgetReservationEventData {}

/**
 * The budget's answer to an agreed addendum: `amountIdr` is the change it
 * reserved (an increase) or released (a decrease, as a positive amount) with
 * `increase` telling which; rejected when an increase does not fit the line.
 */
export class BudgetAmendmentEventData extends BudgetReservationEventData {
  @IsInt() @Min(1) addendumNumber: number;
  @IsBoolean() increase: boolean;
}

export class BudgetAmendmentReservedEvent extends BudgetAmendmentEventData {}
export class BudgetAmendmentRejectedEvent extends BudgetAmendmentEventData {}

/** Snapshot of one budget line after a change, keyed by satker code. */
export class AbsorptionChangedEvent {
  @IsInt() @Min(2000) fiscalYear: number;
  @Matches(KL_CODE) klCode: string;
  @Matches(SATKER_CODE) satkerCode: string;
  @Matches(ACCOUNT_CODE) accountCode: string;
  @IsRupiah() paguIdr: string;
  /** Blocked funds (blokir) of the line; absent in events written before blokir existed (read as 0). */
  @IsOptional() @IsRupiah() blokirIdr?: string;
  @IsRupiah() committedIdr: string;
  @IsRupiah() realisedIdr: string;
  @IsRupiah() committedPdnIdr: string;
  @IsRupiah() realisedPdnIdr: string;
  @IsRupiah() committedUmkIdr: string;
  @IsRupiah() realisedUmkIdr: string;
  /** Committed + realised per PDN tier (the line's spending on products of that tier). */
  @IsRupiah() topTierIdr: string;
  @IsRupiah() pdnTierIdr: string;
  @IsRupiah() lowTierIdr: string;
  @IsRupiah() uncertifiedTierIdr: string;
  @IsRupiah() importTierIdr: string;
}

/** A weekly report card (rapor mingguan) was cut for one satker. Keyed by satker code. */
export class ReportPublishedEvent {
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/) weekEnding: string;
  @IsInt() @Min(2000) fiscalYear: number;
  @Matches(SATKER_CODE) satkerCode: string;
  @Matches(KL_CODE) klCode: string;
  @IsRupiah() paguIdr: string;
  @IsRupiah() committedIdr: string;
  @IsRupiah() realisedIdr: string;
  @IsString() absorptionPct: string;
  @IsInt() @Min(1) rankInKl: number;
}
