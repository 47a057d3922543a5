import { createPublicKey, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier, keyId, type Principal } from '#serapan/auth';
import type { User } from '../users/user.entity.js';

export interface TokenIssuerOptions {
  /** PEM private key tokens are signed with; its public half must be among `publicKeys`. */
  privateKey: string;
  /** The keys the services accept (JWT_PUBLIC_KEY_FILES). */
  publicKeys: string[];
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** How long a stream ticket may be used to open a stream (and the stream stays open). */
  streamTicketTtlSeconds: number;
}

/**
 * Signs RS256 tokens whose claims every service's JwtVerifier reads, with the
 * `kid` of the signing key: access tokens of a session (`sid`), and stream
 * tickets (`typ: stream`) that only open a live stream.
 */
export class TokenIssuer {
  private readonly kid: string;

  constructor(private readonly options: TokenIssuerOptions) {
    this.kid = keyId(createPublicKey(options.privateKey).export({ type: 'spki', format: 'pem' }).toString());
    const verifier = new JwtVerifier(options);
    if (!verifier.keyIds.includes(this.kid)) {
      throw new Error('JWT_PRIVATE_KEY_FILE holds a key whose public half is not in JWT_PUBLIC_KEY_FILES: tokens signed here would be refused');
    }
    verifier.verify(this.sign({ role: 'auditor', username: 'probe' }, 'probe', options.ttlSeconds));
  }

  /** An access token for `user` in session `sessionId`. */
  issue(user: User, sessionId: string): string {
    return this.sign(
      {
        username: user.username,
        role: user.role,
        sid: sessionId,
        ...scopeClaims(user),
      },
      user.id,
      this.options.ttlSeconds,
    );
  }

  /** A short-lived ticket with the access token's claims that only opens a live stream (`?access_token=`). */
  streamTicket(principal: Principal): { ticket: string; expiresAt: number } {
    const ticket = this.sign(
      {
        username: principal.username,
        role: principal.role,
        typ: 'stream',
        ...(principal.sessionId ? { sid: principal.sessionId } : {}),
        ...scopeClaims(principal),
      },
      principal.sub,
      this.options.streamTicketTtlSeconds,
    );
    return { ticket, expiresAt: (jwt.decode(ticket) as jwt.JwtPayload).exp! * 1000 };
  }

  private sign(claims: Record<string, unknown>, subject: string, ttlSeconds: number): string {
    return jwt.sign(claims, this.options.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
      subject,
      issuer: this.options.issuer,
      audience: this.options.audience,
      expiresIn: ttlSeconds,
      jwtid: randomUUID(),
    });
  }
}

/** The scope claims a user or a principal has (a vendor, a satker, a K/L, PPK authority), and no empty ones. */
function scopeClaims(scope: { vendorId?: string | null; satkerCode?: string | null; klCode?: string | null; ppk?: boolean }): Record<string, unknown> {
  return {
    ...(scope.vendorId ? { vendorId: scope.vendorId } : {}),
    ...(scope.satkerCode ? { satkerCode: scope.satkerCode } : {}),
    ...(scope.klCode ? { klCode: scope.klCode } : {}),
    ...(scope.ppk ? { ppk: true } : {}),
  };
}
