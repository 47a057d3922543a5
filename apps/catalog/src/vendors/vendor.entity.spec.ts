import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Vendor } from './vendor.entity.js';

const created = new Date('2026-03-10T03:00:00Z');
const later = new Date('2026-03-11T03:00:00Z');
const vendor = () => Vendor.firstUse('7d1c2f3a-0b4e-4c5d-8e9f-0a1b2c3d4e5f', created);

test('a vendor starts under a placeholder name, never its username, not declared UMK', () => {
  assert.deepEqual([vendor().name, vendor().umk, vendor().npwp], ['Penyedia 7d1c2f3a', false, null]);
});

test('only a new name or UMK flag needs re-stamping on the vendor’s products', () => {
  const profile = vendor();
  assert.equal(profile.replaceProfile({ name: 'Penyedia 7d1c2f3a', umk: false, npwp: '0123456789012345' }, later), false);
  assert.equal(profile.npwp, '0123456789012345');
  assert.equal(profile.replaceProfile({ name: 'Penyedia 7d1c2f3a', umk: true }, later), true);
  assert.equal(profile.npwp, null, 'a field left out of the profile is cleared');
  assert.deepEqual([profile.createdAt, profile.updatedAt], [created, later]);
  assert.equal(profile.replaceProfile({ name: 'CV Makmur', umk: true }, later), true);
});
