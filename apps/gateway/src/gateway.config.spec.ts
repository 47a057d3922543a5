import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '#serapan/config';
import { GatewayConfig } from './gateway.config.js';

test('demo users are seeded only when SEED_DEMO_USERS says yes', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const env = {
    DATABASE_URL: 'postgres://x/serapan_gateway',
    JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const seeds = (value?: string) => loadConfig(GatewayConfig, value === undefined ? env : { ...env, SEED_DEMO_USERS: value }).SEED_DEMO_USERS;
  assert.deepEqual([undefined, 'false', '0', 'no', 'true', '1'].map(seeds), [false, false, false, false, true, true]);
});
