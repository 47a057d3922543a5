import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../gateway.config.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import { passwordHasher } from './password-hasher.js';
import { User } from './user.entity.js';

/** Creates the demo users that are missing; leaves existing ones as they are. */
@Injectable()
export class DemoUsersSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoUsers');

  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_USERS) return;
    const users = this.dataSource.getRepository(User);
    const existing = new Set((await users.find({ select: { username: true } })).map((u) => u.username));
    const missing = DEMO_USERS.filter((demo) => !existing.has(demo.username));
    // one hash for all: they share the password anyway, and each hash at today's cost takes a while
    const passwordHash = missing.length ? await passwordHasher.hash(DEMO_PASSWORD) : '';
    for (const demo of missing) {
      await users
        .createQueryBuilder()
        .insert()
        .values({ ...demo, passwordHash })
        .orIgnore()
        .execute();
    }
    if (missing.length) this.logger.log(`created ${missing.length} demo users (see docs/demo-users.md)`);
  }
}
