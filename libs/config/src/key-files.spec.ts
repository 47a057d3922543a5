import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';
import { readPemFiles } from './key-files.js';
import { ServiceConfig } from './service.config.js';

const dir = mkdtempSync(join(tmpdir(), 'serapan-key-files-'));
const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const [a, b] = [pem(), pem()];
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text, { mode: 0o600 });
  return join(dir, name);
};
const base = { DATABASE_URL: 'postgres://x/y', KAFKA_BROKERS: 'a:9092', PORT: '3001' };

test('reads every public key from a list of files, and several from one file', () => {
  const one = file('a.pem', a.publicKey);
  const both = file('both.pem', `${a.publicKey}\n${b.publicKey}`);
  assert.deepEqual(readPemFiles([one, file('b.pem', b.publicKey)], 'public'), [a.publicKey.trim(), b.publicKey.trim()]);
  assert.equal(readPemFiles([both], 'public').length, 2);
  assert.deepEqual(loadConfig(ServiceConfig, { ...base, JWT_PUBLIC_KEY_FILES: ` ${one}, ${both} ` }).JWT_PUBLIC_KEY_FILES, [one, both]);
});

test('a missing file or one without a key stops the start naming the variable and the file, never a key', () => {
  const privateOnly = file('private.pem', a.privateKey);
  for (const value of [join(dir, 'missing.pem'), privateOnly, '']) {
    assert.throws(
      () => loadConfig(ServiceConfig, { ...base, JWT_PUBLIC_KEY_FILES: value }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((p) => p.startsWith('JWT_PUBLIC_KEY_FILES:')) &&
        !error.message.includes('PRIVATE KEY') &&
        !error.message.includes(a.privateKey.split('\n')[1]),
    );
  }
});
