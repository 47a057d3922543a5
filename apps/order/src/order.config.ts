import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min } from 'class-validator';
import { ServiceConfig } from '#serapan/config';

export class OrderConfig extends ServiceConfig {
  override PORT: number = 3002;

  /** Working days a vendor has to accept an order. */
  @IsInt() @Min(1) ORDER_VENDOR_DEADLINE_WORKING_DAYS: number = 3;

  @IsInt() @Min(100) ORDER_DEADLINE_SWEEP_MS: number = 1000;

  /** Working days a negotiation stays open before it lapses. */
  @IsInt() @Min(1) ORDER_NEGOTIATION_WORKING_DAYS: number = 3;

  /** Offers a negotiation allows in all, the officer's opening offer included. */
  @IsInt() @Min(2) ORDER_NEGOTIATION_MAX_OFFERS: number = 6;

  /**
   * A directory of `<year>.json` holiday calendars used in place of the shipped
   * apps/order/holidays (docs/domain.md, "Holiday calendar").
   */
  @IsOptional() @IsString() @IsNotEmpty() ORDER_HOLIDAY_CALENDAR_DIR?: string;

  @Matches(/^[1-9][0-9]*$/, { message: 'ORDER_PPK_THRESHOLD_IDR must be whole rupiah' })
  ORDER_PPK_THRESHOLD_IDR: string = '200000000';
}
