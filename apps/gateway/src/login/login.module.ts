import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GatewayConfig } from '../gateway.config.js';
import { DemoUsersSeeder } from '../users/demo-users.seeder.js';
import { User } from '../users/user.entity.js';
import { LoginLimiter } from './login-limiter.js';
import { LoginController } from './login.controller.js';
import { LoginService } from './login.service.js';
import { TokenIssuer } from './token-issuer.js';

/** Users, password login and the access tokens every service trusts. */
@Module({})
export class LoginModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: LoginModule,
      imports: [TypeOrmModule.forFeature([User])],
      controllers: [LoginController],
      providers: [
        LoginService,
        DemoUsersSeeder,
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
            privateKey: config.JWT_PRIVATE_KEY,
            publicKey: config.JWT_PUBLIC_KEY,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          }),
        },
      ],
    };
  }
}
