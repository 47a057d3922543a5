import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { AuditWriter } from '#serapan/service';
import { passwordHasher } from '../users/password-hasher.js';
import type { UserViewDto } from '../users/dto/user-view.dto.js';
import { User } from '../users/user.entity.js';
import { toUserView } from '../users/user-view.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { LoginResultDto } from './dto/login-result.dto.js';
import { LoginRefusedError } from './login-errors.js';
import { LoginLimiter } from './login-limiter.js';
import { TokenIssuer } from './token-issuer.js';

/** A login or refresh answer, and the refresh token the controller puts in its cookie. */
export interface SignedIn {
  result: LoginResultDto;
  sessionId: string;
  refreshToken: string;
  /** When the session ends whatever happens (ms since the epoch). */
  sessionExpiresAt: number;
}

@Injectable()
export class LoginService {
  /** Checked against when the user does not exist, so a miss takes as long as a wrong password. */
  private readonly decoyHash = passwordHasher.hash('decoy');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly limiter: LoginLimiter,
    private readonly issuer: TokenIssuer,
    private readonly sessions: SessionsService,
    private readonly audit: AuditWriter,
  ) {}

  async login(username: string, password: string, client: string): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    let found: User | null = null;
    let user: User;
    try {
      user = await this.limiter.attempt(client, name, async () => {
        found = await this.users.findOneBy({ username: name });
        const valid = await this.limiter.hashing(async () => passwordHasher.verify(password, found?.passwordHash ?? (await this.decoyHash)));
        return found && valid && !found.disabledAt ? found : undefined;
      });
    } catch (error) {
      if (error instanceof LoginRefusedError) {
        this.record('auth.login-failed', client, name, found);
        const lockedMs = this.limiter.waitFor(client, name);
        if (lockedMs > 0) this.record('auth.lockout', client, name, found, { retryAfterSeconds: Math.ceil(lockedMs / 1000) });
      }
      throw error;
    }
    if (passwordHasher.isOutdated(user.passwordHash)) {
      user.passwordHash = await this.limiter.hashing(() => passwordHasher.hash(password));
      await this.users.update({ id: user.id }, { passwordHash: user.passwordHash });
    }
    this.record('auth.login', client, name, user);
    const grant = await this.sessions.start(user.id);
    return {
      result: { accessToken: this.issuer.issue(user, grant.sessionId), user: toUserView(user) },
      sessionId: grant.sessionId,
      refreshToken: grant.refreshToken,
      sessionExpiresAt: grant.expiresAt,
    };
  }

  /** A new access token and refresh token for the session of `refreshToken`, which is used up. */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const { grant, user } = await this.sessions.refresh(refreshToken);
    return {
      result: { accessToken: this.issuer.issue(user, grant.sessionId), user: toUserView(user) },
      sessionId: grant.sessionId,
      refreshToken: grant.refreshToken,
      sessionExpiresAt: grant.expiresAt,
    };
  }

  /** Ends the session, given by a valid access token of it or by its refresh token. */
  async logout(principal: Principal | undefined, refresh: { sessionId: string; token: string } | undefined): Promise<void> {
    if (principal?.sessionId) await this.sessions.revoke(principal.sessionId);
    else if (refresh && (await this.sessions.sessionOf(refresh.token)) === refresh.sessionId) await this.sessions.revoke(refresh.sessionId);
  }

  streamTicket(principal: Principal): { ticket: string; expiresAt: number } {
    return this.issuer.streamTicket(principal);
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
