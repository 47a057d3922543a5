import { test } from 'node:test';
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
  assert.match(first, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
});

test('refuses a malformed or foreign stored hash', async () => {
  assert.equal(await passwordHasher.verify('x', ''), false);
  assert.equal(await passwordHasher.verify('x', 'bcrypt$2b$10$abc'), false);
});
