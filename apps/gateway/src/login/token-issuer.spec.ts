import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier } from '#serapan/auth';
import type { User } from '../users/user.entity.js';
import { TokenIssuer } from './token-issuer.js';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const keys = pem();
const options = { ...keys, issuer: 'serapan-login', audience: 'serapan', ttlSeconds: 8 * 3600 };

const officer = {
  id: '6f1d2c3b-0000-4000-8000-000000000001',
  username: 'ppk.415423',
  role: 'officer',
  vendorId: null,
  satkerCode: '415423',
  klCode: '024',
  ppk: true,
} as User;

test('issues a token the services’ verifier reads with role and scope', () => {
  const token = new TokenIssuer(options).issue(officer);
  const { expiresAt, ...principal } = new JwtVerifier(options).verify(token);
  assert.deepEqual(principal, {
    sub: officer.id,
    username: 'ppk.415423',
    role: 'officer',
    vendorId: undefined,
    satkerCode: '415423',
    klCode: '024',
    ppk: true,
  });
  assert.ok(Math.abs(expiresAt! - (Date.now() + 8 * 3600_000)) < 60_000, 'expires after the configured time');
});

test('the token is RS256 and expires after the configured time', () => {
  const token = new TokenIssuer({ ...options, ttlSeconds: 600 }).issue(officer);
  const decoded = jwt.decode(token, { complete: true })!;
  const payload = decoded.payload as jwt.JwtPayload;
  assert.equal(decoded.header.alg, 'RS256');
  assert.equal(payload.exp! - payload.iat!, 600);
});

test('refuses to start with a public key from another pair', () => {
  assert.throws(() => new TokenIssuer({ ...options, publicKey: pem().publicKey }), /not one key pair/);
});
