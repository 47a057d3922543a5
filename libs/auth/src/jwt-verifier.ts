import { createPublicKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Principal, ROLES } from './principal.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** PEM public key of the login service. */
  publicKey: string;
  issuer: string;
  audience: string;
}

/** Why a token was refused; the guard turns it into a 401. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies RS256 access tokens and reads the principal from their claims. */
export class JwtVerifier {
  /** The PEM is parsed once, not on every request. */
  private readonly key: KeyObject;

  constructor(private readonly options: AuthOptions) {
    this.key = createPublicKey(options.publicKey);
  }

  verify(token: string): Principal {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(`access token refused: ${(error as Error).message}`);
    }
    const role = claims.role as Principal['role'];
    if (typeof claims.sub !== 'string' || !ROLES.includes(role)) {
      throw new InvalidTokenError('access token has no subject or an unknown role');
    }
    return {
      sub: claims.sub,
      username: String(claims.username ?? claims.sub),
      role,
      vendorId: optionalString(claims.vendorId),
      satkerCode: optionalString(claims.satkerCode),
      klCode: optionalString(claims.klCode),
      ppk: claims.ppk === true,
    };
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
