import { createPublicKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Principal, ROLES } from './principal.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** PEM public key of the login service. */
  publicKey: string;
  issuer: string;
  audience: string;
  /** The time in ms (tests move it); Date.now by default. */
  now?: () => number;
}

/** Why a token was refused; the guard turns it into a 401. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** How many verified tokens are remembered (about 1 kB each). */
const REMEMBERED = 5000;

/**
 * Verifies RS256 access tokens and reads the principal from their claims. A
 * client sends the same token with every request until it expires, so a
 * token that verified is remembered until its expiry: the signature is
 * checked once, not on every request.
 */
export class JwtVerifier {
  /** The PEM is parsed once, not on every request. */
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly options: AuthOptions) {
    this.key = createPublicKey(options.publicKey);
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  verify(token: string): Principal {
    const known = this.verified.get(token);
    if (known && known.expiresAt > this.now()) return known.principal;
    if (known) this.verified.delete(token);
    const principal = this.check(token);
    if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, expiresAt: principal.expiresAt ?? this.now() + 60_000 });
    return principal;
  }

  private check(token: string): Principal {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(this.now() / 1000),
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(`access token refused: ${(error as Error).message}`);
    }
    const role = claims.role as Principal['role'];
    if (typeof claims.sub !== 'string' || !ROLES.includes(role)) {
      throw new InvalidTokenError('access token has no subject or an unknown role');
    }
    return Object.freeze({
      sub: claims.sub,
      username: String(claims.username ?? claims.sub),
      role,
      vendorId: optionalString(claims.vendorId),
      satkerCode: optionalString(claims.satkerCode),
      klCode: optionalString(claims.klCode),
      ppk: claims.ppk === true,
      ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
    });
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
