import { Logger } from '@nestjs/common';
import type { Principal, SessionCheck } from '#serapan/auth';

/** What ends access before a token expires, as last read from the database. */
export interface RevocationSnapshot {
  revokedSessions: string[];
  disabledUsers: string[];
  /** User id → sessions_valid_after (ms since the epoch). */
  validAfter: Map<string, number>;
}

/**
 * The gateway's answer, on every request, to "may this verified token still be
 * used?": not if its session is revoked, its user disabled, or it was issued
 * before the user's `sessions_valid_after`. It answers from memory, read again
 * from the database every `intervalMs` (so the hot path never waits on it);
 * a revocation made here (logout, a reused refresh token) counts at once.
 */
export class SessionRevocations implements SessionCheck {
  private revokedSessions = new Set<string>();
  /** Revoked here and not yet seen in a snapshot: a read that began before the revocation committed must not drop them. */
  private readonly revokedHere = new Set<string>();
  private disabledUsers = new Set<string>();
  private validAfter = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('SessionRevocations');

  refusal(principal: Principal): string | undefined {
    if (principal.sessionId && this.revokedSessions.has(principal.sessionId)) return 'the session has ended; sign in again';
    if (this.disabledUsers.has(principal.sub)) return 'the user is disabled';
    const after = this.validAfter.get(principal.sub);
    // iat has whole seconds: a token from the second of the change is refused too
    if (after !== undefined && (principal.issuedAt ?? 0) < Math.ceil(after / 1000) * 1000) return 'the user’s access has changed; sign in again';
    return undefined;
  }

  /** Counts at once in this gateway; the others learn it on their next read. */
  revoke(sessionId: string): void {
    this.revokedSessions.add(sessionId);
    this.revokedHere.add(sessionId);
  }

  replace(snapshot: RevocationSnapshot): void {
    this.revokedSessions = new Set(snapshot.revokedSessions);
    for (const sessionId of this.revokedHere) {
      if (this.revokedSessions.has(sessionId)) this.revokedHere.delete(sessionId);
      else this.revokedSessions.add(sessionId);
    }
    this.disabledUsers = new Set(snapshot.disabledUsers);
    this.validAfter = snapshot.validAfter;
  }

  /** Reads now, then every `intervalMs`; a failed read keeps the last answer and is tried again. */
  async start(read: () => Promise<RevocationSnapshot>, intervalMs: number): Promise<void> {
    this.replace(await read());
    const again = () => {
      this.timer = setTimeout(() => {
        read()
          .then((snapshot) => this.replace(snapshot))
          .catch((error: Error) => this.logger.warn(`could not read revoked sessions: ${error.message}`))
          .finally(() => this.timer && again());
      }, intervalMs);
      this.timer.unref();
    };
    again();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
