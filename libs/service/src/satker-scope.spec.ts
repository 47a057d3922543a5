import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '#serapan/auth';
import { assertInSatkerScope } from './satker-scope.js';

const officer: Principal = { sub: 'u1', username: 'ppk.415423', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true };
const klFinance: Principal = { sub: 'u2', username: 'keuangan.024', role: 'finance', klCode: '024' };

test('a refusal names the caller’s own satker or K/L, never the other one', () => {
  assert.throws(
    () => assertInSatkerScope(officer, '632481', '024'),
    (error: Error) => error.message.includes('415423') && !error.message.includes('632481'),
  );
  assert.throws(
    () => assertInSatkerScope(klFinance, '777001', '077'),
    (error: Error) => error.message.includes('024') && !/777001|077/.test(error.message),
  );
  assert.doesNotThrow(() => assertInSatkerScope(klFinance, '632481', '024'));
});
