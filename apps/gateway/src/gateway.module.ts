import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '#serapan/auth';
import { readPemFiles } from '#serapan/config';
import { DatabaseModule } from '#serapan/database';
import { AuditModule, CreateAuditLog1765200100000, LivenessController, MetricsController } from '#serapan/service';
import { TelemetryShutdown } from '#serapan/telemetry';
import { GatewayConfig } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { LoginModule } from './login/login.module.js';
import { CreateUsers1764300400000 } from './migrations/1764300400000-CreateUsers.js';
import { CreateSessions1765200000000 } from './migrations/1765200000000-CreateSessions.js';
import { ProxyModule } from './proxy/proxy.module.js';
import { SessionRevocations } from './sessions/session-revocations.js';
import { User } from './users/user.entity.js';

/** The one origin browsers talk to: login, the API proxy and the web app; /metrics for the operator. */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    const publicKeys = readPemFiles(config.JWT_PUBLIC_KEY_FILES, 'public');
    // the proxy's and the guard's verifier ask it on every request; the sessions service keeps it up to date
    const revocations = new SessionRevocations();
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationUrl: config.DATABASE_MIGRATION_URL,
          entities: [User],
          migrations: [CreateUsers1764300400000, CreateSessions1765200000000, CreateAuditLog1765200100000],
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        AuthModule.forRoot({ publicKeys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, sessionCheck: revocations }),
        AuditModule.forRoot({ path: 'api/auth/audit' }),
        LoginModule.register(config, revocations),
        ProxyModule.register(config),
      ],
      controllers: [HealthController, LivenessController, MetricsController],
      providers: [TelemetryShutdown],
    };
  }
}
