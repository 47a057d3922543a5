import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Min } from 'class-validator';
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

  /**
   * The prefix of every ocid the open-data export publishes (docs/open-data.md). A real publisher registers its own
   * with the Open Contracting Partnership; changing it later renames every published contracting process.
   */
  @Matches(/^ocds-[a-z0-9]+$/, { message: 'OCDS_OCID_PREFIX must be "ocds-" and lower-case letters or digits' })
  OCDS_OCID_PREFIX: string = 'ocds-serapan';

  /**
   * Where the public reaches the API (e.g. https://serapan.example.go.id), for the absolute links of the open-data
   * packages; unset, they are made from the X-Forwarded-Proto and X-Forwarded-Host the gateway sets.
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'OCDS_PUBLIC_BASE_URL must be an http(s) URL' })
  OCDS_PUBLIC_BASE_URL?: string;

  /**
   * Seconds a release waits before the open-data feed serves it: a change is dated when it is written, and one
   * committed that much later than written would otherwise be passed by a reader already past its date.
   */
  @IsInt() @Min(0) OCDS_FEED_DELAY_SECONDS: number = 5;

  /** Who publishes the open data (the release packages' publisher.name). */
  @IsString() @IsNotEmpty() OCDS_PUBLISHER_NAME: string = 'Serapan';

  /** The licence of the open data: Creative Commons Attribution 4.0 unless the publisher names another. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'OCDS_LICENSE_URL must be an http(s) URL' })
  OCDS_LICENSE_URL: string = 'https://creativecommons.org/licenses/by/4.0/';

  /** The publisher's publication policy; unset, the export's own (GET /api/open-data/publication-policy). */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'OCDS_PUBLICATION_POLICY_URL must be an http(s) URL' })
  OCDS_PUBLICATION_POLICY_URL?: string;
}
