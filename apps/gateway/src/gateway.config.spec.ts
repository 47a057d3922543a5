import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPairFiles } from '#serapan/auth-testing';
import { ConfigError, loadConfig } from '#serapan/config';
import { GatewayConfig } from './gateway.config.js';

const { publicKeyFile, privateKeyFile } = keyPairFiles();

const env = {
  DATABASE_URL: 'postgres://x/serapan_gateway',
  JWT_PUBLIC_KEY_FILES: publicKeyFile,
  JWT_PRIVATE_KEY_FILE: privateKeyFile,
};

test('demo users are seeded only when SEED_DEMO_USERS says yes', () => {
  const seeds = (value?: string) => loadConfig(GatewayConfig, value === undefined ? env : { ...env, SEED_DEMO_USERS: value }).SEED_DEMO_USERS;
  assert.deepEqual([undefined, 'false', '0', 'no', 'true', '1'].map(seeds), [false, false, false, false, true, true]);
});

test('the signing key is a file path; a file without a private key is refused naming the variable, not printing the key', () => {
  assert.equal(loadConfig(GatewayConfig, { ...env, JWT_PRIVATE_KEY_FILE: privateKeyFile }).JWT_PRIVATE_KEY_FILE, privateKeyFile);
  assert.equal(loadConfig(GatewayConfig, { ...env, JWT_PRIVATE_KEY_FILE: privateKeyFile }).ACCESS_TOKEN_TTL_SECONDS, 300, 'access tokens live minutes');
  assert.throws(
    () => loadConfig(GatewayConfig, { ...env, JWT_PRIVATE_KEY_FILE: publicKeyFile }),
    (error: unknown) =>
      error instanceof ConfigError && /JWT_PRIVATE_KEY_FILE: .*holds no PEM private key/.test(error.message) && !error.message.includes('BEGIN'),
  );
});

test('refuses demo users on an address other machines reach, naming both variables', () => {
  for (const HOST of ['0.0.0.0', '10.1.2.3', '::']) {
    assert.throws(
      () => loadConfig(GatewayConfig, { ...env, HOST, SEED_DEMO_USERS: 'true' }),
      (error: Error) => error instanceof ConfigError && /SEED_DEMO_USERS must be false when HOST \(.+\) is not a loopback address/.test(error.message),
      HOST,
    );
    assert.equal(loadConfig(GatewayConfig, { ...env, HOST, SEED_DEMO_USERS: 'false' }).SEED_DEMO_USERS, false, HOST);
  }
  for (const HOST of ['127.0.0.1', '127.0.0.2', '::1'])
    assert.equal(loadConfig(GatewayConfig, { ...env, HOST, SEED_DEMO_USERS: 'true' }).SEED_DEMO_USERS, true, HOST);
});
