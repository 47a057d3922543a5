import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql, sqlOne } from '#serapan/database';
import { GatewayConfig } from '../gateway.config.js';
import { LoginRefusedError } from '../login/login-errors.js';
import type { User } from '../users/user.entity.js';
import { SessionRevocations } from './session-revocations.js';

/** A refresh token was refused: unknown, used before, expired, or its session or user is no longer valid. */
export class SessionEndedError extends LoginRefusedError {
  constructor(message = 'the session has ended; sign in again') {
    super(message);
    this.name = 'SessionEndedError';
  }
}

export interface SessionGrant {
  sessionId: string;
  /** The opaque refresh token; only its hash is stored. */
  refreshToken: string;
  /** When the session ends whatever happens (ms since the epoch). */
  expiresAt: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();
const newRefreshToken = () => randomBytes(32).toString('base64url');

interface SessionUserRow {
  session_id: string;
  expires_at: Date;
  id: string;
  username: string;
  display_name: string;
  role: User['role'];
  vendor_id: string | null;
  satker_code: string | null;
  kl_code: string | null;
  ppk: boolean;
}

/**
 * Sign-in sessions with rotating refresh tokens: every refresh uses up the token
 * it was given and hands out a new one; a used token presented again means it was
 * stolen (or raced), and revokes its whole session.
 */
@Injectable()
export class SessionsService implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly revocations: SessionRevocations,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.revocations.start(() => this.readRevocations(), this.config.SESSION_CHECK_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    this.revocations.stop();
  }

  async start(userId: string): Promise<SessionGrant> {
    const refreshToken = newRefreshToken();
    const row = await sqlOne<{ id: string; expires_at: Date }>(
      this.dataSource,
      `WITH session AS (
         INSERT INTO sessions (user_id, expires_at, idle_expires_at)
         VALUES ($1, now() + make_interval(secs => $2), now() + make_interval(secs => least($2, $3)))
         RETURNING id, expires_at)
       INSERT INTO refresh_tokens (token_hash, session_id) SELECT $4, id FROM session
       RETURNING session_id AS id, (SELECT expires_at FROM session)`,
      [userId, this.config.REFRESH_TOKEN_ABSOLUTE_SECONDS, this.config.REFRESH_TOKEN_IDLE_SECONDS, hashOf(refreshToken)],
    );
    return { sessionId: row!.id, refreshToken, expiresAt: row!.expires_at.getTime() };
  }

  /** Uses up `refreshToken` and answers with its successor and the session's user as they are now. */
  async refresh(refreshToken: string): Promise<{ grant: SessionGrant; user: User }> {
    const hash = hashOf(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const used = await sqlOne<{ session_id: string }>(
        manager,
        `UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id`,
        [hash],
      );
      if (!used) return { reused: await this.revokeReused(manager, hash) };
      const row = await sqlOne<SessionUserRow>(
        manager,
        `UPDATE sessions s SET idle_expires_at = least(s.expires_at, now() + make_interval(secs => $2))
         FROM users u
         WHERE s.id = $1 AND u.id = s.user_id AND s.revoked_at IS NULL AND s.expires_at > now() AND s.idle_expires_at > now()
           AND u.disabled_at IS NULL AND (u.sessions_valid_after IS NULL OR s.created_at >= u.sessions_valid_after)
         RETURNING s.id AS session_id, s.expires_at, u.id, u.username, u.display_name, u.role, u.vendor_id, u.satker_code, u.kl_code, u.ppk`,
        [used.session_id, this.config.REFRESH_TOKEN_IDLE_SECONDS],
      );
      if (!row) return {};
      const next = newRefreshToken();
      await sql(manager, `INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [hashOf(next), row.session_id]);
      return { row, next };
    });
    if (outcome.reused) {
      this.revocations.revoke(outcome.reused);
      throw new SessionEndedError('this refresh token was already used; the session is revoked');
    }
    if (!outcome.row || !outcome.next) throw new SessionEndedError();
    const { row, next } = outcome;
    return {
      grant: { sessionId: row.session_id, refreshToken: next, expiresAt: row.expires_at.getTime() },
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        vendorId: row.vendor_id,
        satkerCode: row.satker_code,
        klCode: row.kl_code,
        ppk: row.ppk,
      } as User,
    };
  }

  /** Ends a session (logout): its refresh token stops working, and its access tokens at once here. */
  async revoke(sessionId: string, reason = 'signed out'): Promise<void> {
    this.revocations.revoke(sessionId);
    await sql(this.dataSource, `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  /** The session a refresh token (used or not) belongs to. */
  async sessionOf(refreshToken: string): Promise<string | undefined> {
    const row = await sqlOne<{ session_id: string }>(this.dataSource, `SELECT session_id FROM refresh_tokens WHERE token_hash = $1`, [hashOf(refreshToken)]);
    return row?.session_id;
  }

  private async revokeReused(manager: EntityManager, hash: Buffer): Promise<string | undefined> {
    const row = await sqlOne<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'refresh token reused'
       WHERE id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
       RETURNING id`,
      [hash],
    );
    return row?.id;
  }

  /**
   * Sessions revoked while their access tokens may still live, users disabled, and
   * users whose sessions from before a time are void: small sets, read whole.
   */
  private async readRevocations() {
    const horizon = Math.max(this.config.ACCESS_TOKEN_TTL_SECONDS, this.config.STREAM_TICKET_TTL_SECONDS) + 60;
    const [sessions, users] = await Promise.all([
      sql<{ id: string }>(this.dataSource, `SELECT id FROM sessions WHERE revoked_at > now() - make_interval(secs => $1)`, [horizon]),
      sql<{ id: string; disabled: boolean; valid_after: Date | null }>(
        this.dataSource,
        `SELECT id, disabled_at IS NOT NULL AS disabled, sessions_valid_after AS valid_after FROM users
         WHERE disabled_at IS NOT NULL OR sessions_valid_after > now() - make_interval(secs => $1)`,
        [horizon],
      ),
    ]);
    return {
      revokedSessions: sessions.map((s) => s.id),
      disabledUsers: users.filter((u) => u.disabled).map((u) => u.id),
      validAfter: new Map(users.flatMap((u) => (u.valid_after ? [[u.id, u.valid_after.getTime()] as const] : []))),
    };
  }
}
