import { DynamicModule, Module } from '@nestjs/common';
import { JwtVerifier } from '#serapan/auth';
import { GatewayConfig } from '../gateway.config.js';
import { ApiProxy } from './api-proxy.js';

/** The live streams (`@LiveStream()` routes): the only paths that take a stream ticket as `?access_token=`. */
const LIVE_STREAMS = ['/api/budget/absorption/stream', '/api/orders/stream'];

/** The services behind the public API paths (docs/domain.md, "Public HTTP API"). */
@Module({})
export class ProxyModule {
  static register(config: GatewayConfig): DynamicModule {
    const routes = [
      { prefix: '/api/catalog', service: 'catalog', target: config.CATALOG_URL },
      { prefix: '/api/orders', service: 'order', target: config.ORDER_URL },
      { prefix: '/api/budget', service: 'budget', target: config.BUDGET_URL },
      // open data: no sign-in, aggregates and OCDS releases only
      { prefix: '/api/open-data', service: 'order', target: config.ORDER_URL, public: true },
      { prefix: '/api/transparency', service: 'budget', target: config.BUDGET_URL, public: true },
    ];
    return {
      module: ProxyModule,
      providers: [
        {
          provide: ApiProxy,
          inject: [JwtVerifier],
          useFactory: (verifier: JwtVerifier) => new ApiProxy(routes, verifier, config.UPSTREAM_TIMEOUT_MS, LIVE_STREAMS, config.TRUSTED_PROXY_HOPS),
        },
      ],
      exports: [ApiProxy],
    };
  }
}
