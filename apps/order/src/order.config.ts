import { ServiceConfig } from '#serapan/config';

export class OrderConfig extends ServiceConfig {
  override PORT: number = 3002;
}
