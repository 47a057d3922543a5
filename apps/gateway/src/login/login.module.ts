import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readPemFiles } from '#serapan/config';
import { GatewayConfig } from '../gateway.config.js';
import { SessionRevocations } from '../sessions/session-revocations.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { DemoUsersSeeder } from '../users/demo-users.seeder.js';
import { User } from '../users/user.entity.js';
import { LoginLimiter } from './login-limiter.js';
import { LoginController } from './login.controller.js';
import { LoginService } from './login.service.js';
import { TokenIssuer } from './token-issuer.js';

/** Users, password login, sessions with rotating refresh tokens, and the tokens every service trusts. */
@Module({})
export class LoginModule {
  static register(config: GatewayConfig, revocations: SessionRevocations): DynamicModule {
    return {
      module: LoginModule,
      imports: [TypeOrmModule.forFeature([User])],
      controllers: [LoginController],
      providers: [
        LoginService,
        SessionsService,
        DemoUsersSeeder,
        { provide: SessionRevocations, useValue: revocations },
        { provide: GatewayConfig, useValue: config },
        {
          provide: LoginLimiter,
          useValue: new LoginLimiter({
            maxFailuresPerUser: config.LOGIN_MAX_FAILURES,
            maxFailuresPerClient: config.LOGIN_MAX_FAILURES_PER_CLIENT,
            maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
            concurrentHashes: config.LOGIN_CONCURRENT_HASHES,
            hashQueue: config.LOGIN_HASH_QUEUE,
            windowMs: config.LOGIN_WINDOW_SECONDS * 1000,
          }),
        },
        {
          provide: TokenIssuer,
          useValue: new TokenIssuer({
            privateKey: readPemFiles([config.JWT_PRIVATE_KEY_FILE], 'private')[0],
            publicKeys: readPemFiles(config.JWT_PUBLIC_KEY_FILES, 'public'),
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            streamTicketTtlSeconds: config.STREAM_TICKET_TTL_SECONDS,
          }),
        },
      ],
    };
  }
}
