import { ServiceConfig } from '#serapan/config';

export class CatalogConfig extends ServiceConfig {
  override PORT: number = 3001;
}
