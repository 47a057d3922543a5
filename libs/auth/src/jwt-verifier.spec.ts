import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier.js';
import { TEST_AUDIENCE, TEST_ISSUER, TokenMinter } from './testing/token-minter.js';

const minter = new TokenMinter();
const verifier = new JwtVerifier({ publicKey: minter.publicKey, issuer: TEST_ISSUER, audience: TEST_AUDIENCE });

test('reads role and scope claims from a valid RS256 token', () => {
  const principal = verifier.verify(minter.mint({ username: 'ppk.kemenkes', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true }));
  const { expiresAt, ...claims } = principal;
  assert.deepEqual(claims, {
    sub: 'ppk.kemenkes',
    username: 'ppk.kemenkes',
    role: 'officer',
    vendorId: undefined,
    satkerCode: '415423',
    klCode: '024',
    ppk: true,
  });
  assert.ok(expiresAt! > Date.now(), 'carries the expiry of its token');
});

test('remembers a verified token until it expires, then refuses it', () => {
  let now = Date.now();
  const clocked = new JwtVerifier({ publicKey: minter.publicKey, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, now: () => now });
  const token = minter.mint({ username: 'bendahara', role: 'finance', satkerCode: '415423', klCode: '024' }, { expiresInSeconds: 60 });
  const first = clocked.verify(token);
  assert.equal(clocked.verify(token), first, 'the second call answers from memory');
  assert.ok(Object.isFrozen(first), 'a remembered principal cannot be changed by a caller');
  now += 61_000;
  assert.throws(() => clocked.verify(token), /expired/);
});

test('refuses a token signed with another key', () => {
  const stranger = new TokenMinter();
  assert.throws(() => verifier.verify(stranger.mint({ username: 'x', role: 'finance' })), InvalidTokenError);
});

test('refuses an expired token and one from another issuer', () => {
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'vendor' }, { expiresInSeconds: -10 })), /expired/);
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'vendor' }, { issuer: 'elsewhere' })), /issuer/);
});

test('refuses a token whose role is unknown', () => {
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'admin' as never })), /unknown role/);
});
