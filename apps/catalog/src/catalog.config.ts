import { IsInt, Min } from 'class-validator';
import { ServiceConfig } from '#serapan/config';

export class CatalogConfig extends ServiceConfig {
  override PORT: number = 3001;

  /**
   * Stock follows accepted orders within a second; the order topic is busy
   * with events the catalog skips, so its fetches gather for that long.
   */
  override CONSUMER_FETCH_LINGER_MS: number = 1000;

  /** How often products whose TKDN certificate expired are stored and published as `uncertified`. */
  @IsInt() @Min(1000) CERTIFICATE_EXPIRY_CHECK_MS: number = 15 * 60_000;
}
