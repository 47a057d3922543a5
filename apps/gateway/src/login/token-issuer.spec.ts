import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier, keyId } from '#serapan/auth';
import type { User } from '../users/user.entity.js';
import { TokenIssuer } from './token-issuer.js';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const keys = pem();
const options = {
  privateKey: keys.privateKey,
  publicKeys: [keys.publicKey],
  issuer: 'serapan-login',
  audience: 'serapan',
  ttlSeconds: 300,
  streamTicketTtlSeconds: 60,
};
const SESSION = '0190a000-0000-7000-8000-000000000001';

const officer = {
  id: '6f1d2c3b-0000-4000-8000-000000000001',
  username: 'ppk.415423',
  role: 'officer',
  vendorId: null,
  satkerCode: '415423',
  klCode: '024',
  ppk: true,
} as User;

test('issues a token the services’ verifier reads with role, scope and session', () => {
  const token = new TokenIssuer(options).issue(officer, SESSION);
  const { expiresAt, issuedAt, ...principal } = new JwtVerifier(options).verify(token);
  assert.deepEqual(principal, {
    sub: officer.id,
    username: 'ppk.415423',
    role: 'officer',
    vendorId: undefined,
    satkerCode: '415423',
    klCode: '024',
    ppk: true,
    sessionId: SESSION,
    use: 'access',
  });
  assert.ok(Math.abs(expiresAt! - (Date.now() + 300_000)) < 5_000, 'expires after the configured time');
  assert.ok(Math.abs(issuedAt! - Date.now()) < 5_000);
});

test('the token is RS256, names its key and expires after the configured time', () => {
  const token = new TokenIssuer({ ...options, ttlSeconds: 600 }).issue(officer, SESSION);
  const decoded = jwt.decode(token, { complete: true })!;
  const payload = decoded.payload as jwt.JwtPayload;
  assert.equal(decoded.header.alg, 'RS256');
  assert.equal(decoded.header.kid, keyId(keys.publicKey));
  assert.equal(payload.exp! - payload.iat!, 600);
});

test('a stream ticket opens only a stream, and lives as long as configured', () => {
  const issuer = new TokenIssuer(options);
  const verifier = new JwtVerifier(options);
  const access = verifier.verify(issuer.issue(officer, SESSION));
  const { ticket, expiresAt } = issuer.streamTicket(access);
  assert.ok(Math.abs(expiresAt - (Date.now() + 60_000)) < 5_000);
  assert.equal(verifier.verify(ticket, 'stream').sessionId, SESSION);
  assert.throws(() => verifier.verify(ticket), /only opens a live stream/);
  assert.throws(() => verifier.verify(issuer.issue(officer, SESSION), 'stream'), /only a stream ticket/);
});

test('refuses to start with a signing key whose public half is not among the public keys', () => {
  assert.throws(() => new TokenIssuer({ ...options, publicKeys: [pem().publicKey] }), /JWT_PRIVATE_KEY_FILE .* not in JWT_PUBLIC_KEY_FILES/);
});
