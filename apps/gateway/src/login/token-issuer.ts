import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier } from '#serapan/auth';
import type { User } from '../users/user.entity.js';

export interface TokenIssuerOptions {
  privateKey: string;
  publicKey: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs RS256 access tokens whose claims every service's JwtVerifier reads. */
export class TokenIssuer {
  constructor(private readonly options: TokenIssuerOptions) {
    const probe = this.sign({ role: 'auditor', username: 'probe' }, 'probe');
    try {
      new JwtVerifier(options).verify(probe);
    } catch {
      throw new Error('JWT_PRIVATE_KEY and JWT_PUBLIC_KEY are not one key pair: tokens signed here would be refused');
    }
  }

  issue(user: User): string {
    return this.sign(
      {
        username: user.username,
        role: user.role,
        ...(user.vendorId ? { vendorId: user.vendorId } : {}),
        ...(user.satkerCode ? { satkerCode: user.satkerCode } : {}),
        ...(user.klCode ? { klCode: user.klCode } : {}),
        ...(user.ppk ? { ppk: true } : {}),
      },
      user.id,
    );
  }

  private sign(claims: Record<string, unknown>, subject: string): string {
    return jwt.sign(claims, this.options.privateKey, {
      algorithm: 'RS256',
      subject,
      issuer: this.options.issuer,
      audience: this.options.audience,
      expiresIn: this.options.ttlSeconds,
      jwtid: randomUUID(),
    });
  }
}
