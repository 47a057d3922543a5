import { createPublicKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { keyId } from './key-id.js';
import { Principal, ROLES, TOKEN_USES, TokenUse } from './principal.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** A check a verified token must still pass on every request (the gateway's revoked sessions and users). */
export interface SessionCheck {
  /** Why the principal's token may no longer be used; undefined when it may. */
  refusal(principal: Principal): string | undefined;
}

export interface AuthOptions {
  /** PEM public keys tokens may be signed with, each known by its `kid` (keyId); two while the signing key rotates. */
  publicKeys: string[];
  issuer: string;
  audience: string;
  /** Asked on every request, also for a remembered token. */
  sessionCheck?: SessionCheck;
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
 * Verifies RS256 tokens and reads the principal from their claims. A token must
 * name in its header the `kid` of one of the configured keys and carry `exp`;
 * `typ` says whether it is an access token or a stream ticket, and a caller asks
 * for the one it accepts. A client sends the same token with every request until
 * it expires, so a token that verified is remembered until its expiry: the
 * signature is checked once, not on every request.
 */
export class JwtVerifier {
  /** The PEMs are parsed once, not on every request. */
  private readonly keys: Map<string, KeyObject>;
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: AuthOptions) {
    if (options.publicKeys.length === 0) throw new Error('JwtVerifier needs at least one public key');
    this.keys = new Map(options.publicKeys.map((pem) => [keyId(pem), createPublicKey(pem)]));
    this.now = options.now ?? Date.now;
  }

  /** The ids of the keys tokens may be signed with. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** The principal of `token` if it is a valid token for `use` (an access token unless said). */
  verify(token: string, use: TokenUse = 'access'): Principal {
    const principal = this.remembered(token) ?? this.remember(token, this.check(token));
    if (principal.use !== use)
      throw new InvalidTokenError(use === 'stream' ? 'only a stream ticket may be given here' : 'a stream ticket only opens a live stream');
    const refusal = this.options.sessionCheck?.refusal(principal);
    if (refusal) throw new InvalidTokenError(refusal);
    return principal;
  }

  private remembered(token: string): Principal | undefined {
    const known = this.verified.get(token);
    if (known && known.expiresAt > this.now()) return known.principal;
    if (known) this.verified.delete(token);
    return undefined;
  }

  private remember(token: string, principal: Principal): Principal {
    if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, expiresAt: principal.expiresAt! });
    return principal;
  }

  private check(token: string): Principal {
    const kid = jwt.decode(token, { complete: true })?.header.kid;
    const key = kid === undefined ? undefined : this.keys.get(kid);
    if (!key) throw new InvalidTokenError(kid === undefined ? 'access token refused: no key id (kid)' : 'access token refused: unknown key id (kid)');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(this.now() / 1000),
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(`access token refused: ${(error as Error).message}`);
    }
    if (typeof claims.exp !== 'number') throw new InvalidTokenError('access token refused: it has no expiry (exp)');
    if (claims.typ !== undefined && !TOKEN_USES.includes(claims.typ as TokenUse)) throw new InvalidTokenError('access token refused: unknown token type (typ)');
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
      expiresAt: claims.exp * 1000,
      ...(typeof claims.iat === 'number' ? { issuedAt: claims.iat * 1000 } : {}),
      ...(typeof claims.sid === 'string' ? { sessionId: claims.sid } : {}),
      use: (claims.typ as TokenUse | undefined) ?? 'access',
    });
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
