import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { keyId } from '../key-id.js';
import type { Principal, TokenUse } from '../principal.js';

export const TEST_ISSUER = 'serapan-login';
export const TEST_AUDIENCE = 'serapan';

export interface MintOptions {
  /** Seconds until it expires (3600 by default); `null` mints a token without `exp`. */
  expiresInSeconds?: number | null;
  issuer?: string;
  /** The `kid` header; the minter's own key id by default. */
  kid?: string;
  use?: TokenUse;
  sessionId?: string;
  /** `iat` in seconds since the epoch; now by default. */
  issuedAt?: number;
}

/** Mints tokens with a key of its own (or a given pair), for tests and local runs. */
export class TokenMinter {
  readonly publicKey: string;
  readonly keyId: string;
  private readonly privateKey: string;

  constructor(keys?: { publicKey: string; privateKey: string }) {
    const pair =
      keys ??
      generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
    this.publicKey = pair.publicKey;
    this.privateKey = pair.privateKey;
    this.keyId = keyId(pair.publicKey);
  }

  mint(principal: Omit<Principal, 'sub'> & { sub?: string }, options: MintOptions = {}): string {
    const { sub, expiresAt: _expiresAt, issuedAt: _issuedAt, sessionId: _sessionId, use: _use, ...claims } = principal;
    return jwt.sign(
      {
        ...claims,
        ...(options.use === 'stream' ? { typ: 'stream' } : {}),
        ...(options.sessionId ? { sid: options.sessionId } : {}),
        ...(options.issuedAt !== undefined ? { iat: options.issuedAt } : {}),
      },
      this.privateKey,
      {
        algorithm: 'RS256',
        keyid: options.kid ?? this.keyId,
        subject: sub ?? principal.username,
        issuer: options.issuer ?? TEST_ISSUER,
        audience: TEST_AUDIENCE,
        ...(options.expiresInSeconds === null ? {} : { expiresIn: options.expiresInSeconds ?? 3600 }),
      },
    );
  }
}
