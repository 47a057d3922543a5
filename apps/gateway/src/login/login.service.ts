import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditWriter } from '#serapan/service';
import { passwordHasher } from '../users/password-hasher.js';
import type { UserViewDto } from '../users/dto/user-view.dto.js';
import { User } from '../users/user.entity.js';
import { toUserView } from '../users/user-view.js';
import type { LoginResultDto } from './dto/login-result.dto.js';
import { LoginRefusedError, TooManyLoginsError } from './login-errors.js';
import { LoginLimiter } from './login-limiter.js';
import { TokenIssuer } from './token-issuer.js';

@Injectable()
export class LoginService {
  /** Checked against when the user does not exist, so a miss takes as long as a wrong password. */
  private readonly decoyHash = passwordHasher.hash('decoy');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly limiter: LoginLimiter,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditWriter,
  ) {}

  async login(username: string, password: string, client: string): Promise<LoginResultDto> {
    const name = username.trim().toLowerCase();
    const waitMs = this.limiter.waitFor(client, name);
    if (waitMs > 0) throw new TooManyLoginsError(Math.ceil(waitMs / 1000));

    const user = await this.users.findOneBy({ username: name });
    const valid = await passwordHasher.verify(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) {
      this.limiter.failed(client, name);
      this.record('auth.login-failed', client, name, user);
      const lockedMs = this.limiter.waitFor(client, name);
      if (lockedMs > 0) this.record('auth.lockout', client, name, user, { retryAfterSeconds: Math.ceil(lockedMs / 1000) });
      throw new LoginRefusedError();
    }
    this.limiter.succeeded(client, name);
    this.record('auth.login', client, name, user);
    return { accessToken: this.issuer.issue(user), user: toUserView(user) };
  }

  /** A sign-in, a failed one (also for a user name nobody has) or a lockout, in the audit trail. */
  private record(action: string, client: string, username: string, user: User | null, after?: object): void {
    this.audit.record({ action, entity: 'user', entityId: user?.id, userId: user?.id, username, role: user?.role, clientAddress: client, after });
  }

  async me(userId: string): Promise<UserViewDto> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new LoginRefusedError('the signed-in user no longer exists');
    return toUserView(user);
  }
}
