import { IsInt, Min } from 'class-validator';
import { ServiceConfig } from '#serapan/config';

export class CatalogConfig extends ServiceConfig {
  override PORT: number = 3001;

  /** How often products whose TKDN certificate expired are demoted from PDN. */
  @IsInt() @Min(1000) CERTIFICATE_EXPIRY_CHECK_MS: number = 15 * 60_000;
}
