import { test } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier.js';
import { keyId } from './key-id.js';
import type { Principal } from './principal.js';
import { TEST_AUDIENCE, TEST_ISSUER, TokenMinter } from './testing/token-minter.js';

const minter = new TokenMinter();
const verifierOf = (...minters: TokenMinter[]) =>
  new JwtVerifier({ publicKeys: minters.map((m) => m.publicKey), issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
const verifier = verifierOf(minter);
const finance = { username: 'bendahara', role: 'finance', satkerCode: '415423', klCode: '024' } as const;

test('reads role and scope claims from a valid RS256 token', () => {
  const principal = verifier.verify(minter.mint({ username: 'ppk.kemenkes', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true }));
  const { expiresAt, issuedAt, ...claims } = principal;
  assert.deepEqual(claims, {
    sub: 'ppk.kemenkes',
    username: 'ppk.kemenkes',
    role: 'officer',
    vendorId: undefined,
    satkerCode: '415423',
    klCode: '024',
    ppk: true,
    use: 'access',
  });
  assert.ok(expiresAt! > Date.now(), 'carries the expiry of its token');
  assert.ok(issuedAt! <= Date.now());
});

test('remembers a verified token until it expires, then refuses it', () => {
  let now = Date.now();
  const clocked = new JwtVerifier({ publicKeys: [minter.publicKey], issuer: TEST_ISSUER, audience: TEST_AUDIENCE, now: () => now });
  const token = minter.mint(finance, { expiresInSeconds: 60 });
  const first = clocked.verify(token);
  assert.equal(clocked.verify(token), first, 'the second call answers from memory');
  assert.ok(Object.isFrozen(first), 'a remembered principal cannot be changed by a caller');
  now += 61_000;
  assert.throws(() => clocked.verify(token), /expired/);
});

test('refuses a token signed with another key, one naming an unknown kid, and one without a kid', () => {
  const stranger = new TokenMinter();
  assert.throws(() => verifier.verify(stranger.mint(finance)), /unknown key id/);
  assert.throws(() => verifier.verify(stranger.mint(finance, { kid: minter.keyId })), /invalid signature/);
  assert.throws(() => verifier.verify(minter.mint(finance, { kid: 'not-a-key' })), /unknown key id/);
  const [header, payload, signature] = minter.mint(finance).split('.');
  const bare = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), kid: undefined })).toString('base64url');
  assert.throws(() => verifier.verify([bare, payload, signature].join('.')), /no key id/);
});

test('refuses an unsigned token (alg none)', () => {
  const unsigned = jwt.sign({ ...finance, exp: Math.floor(Date.now() / 1000) + 60 }, '', {
    algorithm: 'none',
    subject: 'x',
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    keyid: minter.keyId,
  });
  assert.throws(() => verifier.verify(unsigned), InvalidTokenError);
});

test('refuses a token without exp', () => {
  assert.throws(() => verifier.verify(minter.mint(finance, { expiresInSeconds: null })), /no expiry/);
});

test('refuses an expired token and one from another issuer', () => {
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'vendor' }, { expiresInSeconds: -10 })), /expired/);
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'vendor' }, { issuer: 'elsewhere' })), /issuer/);
});

test('refuses a token whose role is unknown', () => {
  assert.throws(() => verifier.verify(minter.mint({ username: 'x', role: 'admin' as never })), /unknown role/);
});

test('rotation: tokens of key A and key B both pass while both are configured; without A, A’s are refused', () => {
  const [a, b] = [minter, new TokenMinter()];
  const tokenA = a.mint(finance);
  const tokenB = b.mint(finance);
  assert.notEqual(a.keyId, b.keyId);
  assert.equal(a.keyId, keyId(a.publicKey), 'the kid is derived from the public key');
  const both = verifierOf(a, b);
  assert.deepEqual(both.keyIds.sort(), [a.keyId, b.keyId].sort());
  assert.equal(both.verify(tokenA).username, 'bendahara');
  assert.equal(both.verify(tokenB).username, 'bendahara');
  const onlyB = verifierOf(b);
  assert.throws(() => onlyB.verify(tokenA), /unknown key id/);
  assert.equal(onlyB.verify(tokenB).username, 'bendahara');
});

test('a stream ticket is taken only where a ticket is asked for, and an access token only where one is', () => {
  const ticket = minter.mint(finance, { use: 'stream', expiresInSeconds: 60 });
  const access = minter.mint(finance);
  assert.equal(verifier.verify(ticket, 'stream').use, 'stream');
  assert.throws(() => verifier.verify(ticket), /only opens a live stream/);
  assert.throws(() => verifier.verify(access, 'stream'), /only a stream ticket/);
});

test('asks the session check on every request, also for a remembered token', () => {
  let revoked = false;
  const checked = new JwtVerifier({
    publicKeys: [minter.publicKey],
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    sessionCheck: { refusal: (p: Principal) => (revoked && p.sessionId === 's-1' ? 'the session has ended' : undefined) },
  });
  const token = minter.mint(finance, { sessionId: 's-1' });
  assert.equal(checked.verify(token).sessionId, 's-1');
  revoked = true;
  assert.throws(() => checked.verify(token), /session has ended/);
});
