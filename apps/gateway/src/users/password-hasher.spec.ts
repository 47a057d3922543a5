import { test } from 'node:test';
import { scryptSync } from 'node:crypto';
import assert from 'node:assert/strict';
import { passwordHasher } from './password-hasher.js';

test('accepts the right password and refuses a wrong one', async () => {
  const stored = await passwordHasher.hash('Serapan!2025');
  assert.equal(await passwordHasher.verify('Serapan!2025', stored), true);
  assert.equal(await passwordHasher.verify('serapan!2025', stored), false);
});

test('salts every hash, so equal passwords give different hashes', async () => {
  const [first, second] = await Promise.all([passwordHasher.hash('same'), passwordHasher.hash('same')]);
  assert.notEqual(first, second);
  assert.match(first, /^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
});

test('refuses a malformed or foreign stored hash', async () => {
  assert.equal(await passwordHasher.verify('x', ''), false);
  assert.equal(await passwordHasher.verify('x', 'bcrypt$2b$10$abc'), false);
});

test('a hash at the old cost still verifies, and is outdated; one made today is not', async () => {
  const salt = Buffer.from('0123456789abcdef');
  const key = scryptSync('Serapan!2025', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
  const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  assert.equal(await passwordHasher.verify('Serapan!2025', old), true);
  assert.equal(passwordHasher.isOutdated(old), true);
  assert.equal(passwordHasher.isOutdated(await passwordHasher.hash('Serapan!2025')), false);
});
