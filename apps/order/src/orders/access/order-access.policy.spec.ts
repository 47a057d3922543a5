import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '#serapan/auth';
import { OrderAccess } from './order-access.policy.js';

const order = { id: 'a0000000-0000-4000-8000-000000000001', satkerCode: '632481', klCode: '077', vendorId: 'b0000000-0000-4000-8000-000000000001' };
const officer: Principal = { sub: 'u1', username: 'ppk.415423', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true };
const finance: Principal = { sub: 'u2', username: 'bendahara.415423', role: 'finance', satkerCode: '415423', klCode: '024' };
const auditor: Principal = { sub: 'u3', username: 'auditor', role: 'auditor' };

test('a 403 on another satker’s order names neither its satker nor its K/L', () => {
  const refusals = [
    () => OrderAccess.assertOfficer(officer, order),
    () => OrderAccess.assertReader(officer, order),
    () => OrderAccess.assertFinance(finance, order),
    () => OrderAccess.assertFinance(auditor, order),
  ];
  for (const refusal of refusals) assert.throws(refusal, (error: Error) => error.name === 'ScopeError' && !/632481|077/.test(error.message));
});
