import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Principal } from '../principal.js';

export const TEST_ISSUER = 'serapan-login';
export const TEST_AUDIENCE = 'serapan';

/** Mints access tokens with a key of its own, for tests and local runs. */
export class TokenMinter {
  readonly publicKey: string;
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
  }

  mint(principal: Omit<Principal, 'sub'> & { sub?: string }, options: { expiresInSeconds?: number; issuer?: string } = {}): string {
    const { sub, ...claims } = principal;
    return jwt.sign(claims, this.privateKey, {
      algorithm: 'RS256',
      subject: sub ?? principal.username,
      issuer: options.issuer ?? TEST_ISSUER,
      audience: TEST_AUDIENCE,
      expiresIn: options.expiresInSeconds ?? 3600,
    });
  }
}
