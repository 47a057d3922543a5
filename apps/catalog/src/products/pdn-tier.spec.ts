import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pdnTier, TkdnClaim } from './pdn-tier.js';

const today = '2026-03-10';
const certified = (tkdnPercent: number, bmpPercent = 0, overrides: Partial<TkdnClaim> = {}): TkdnClaim => ({
  origin: 'domestic',
  tkdnPercent,
  bmpPercent,
  tkdnCertificateNo: 'TKDN-0042/2025',
  tkdnCertificateExpiresOn: '2027-12-31',
  ...overrides,
});

test('a domestic product certified below 25 % is the low tier, whatever the BMP', () => {
  assert.equal(pdnTier(certified(0, 15), today), 'low');
  assert.equal(pdnTier(certified(0.01), today), 'low');
  assert.equal(pdnTier(certified(20, 15), today), 'low');
  assert.equal(pdnTier(certified(24.99, 15), today), 'low');
});

test('TKDN of exactly 25 % is the pdn tier while TKDN + BMP stays below 40 %', () => {
  assert.equal(pdnTier(certified(25, 0), today), 'pdn');
  assert.equal(pdnTier(certified(25, 14.99), today), 'pdn');
  assert.equal(pdnTier(certified(39.99, 0), today), 'pdn');
});

test('TKDN + BMP of exactly 40 % with TKDN ≥ 25 % is the top tier', () => {
  assert.equal(pdnTier(certified(25, 15), today), 'top');
  assert.equal(pdnTier(certified(25.5, 14.5), today), 'top');
  assert.equal(pdnTier(certified(40, 0), today), 'top');
  assert.equal(pdnTier(certified(100, 15), today), 'top');
});

test('TKDN + BMP of 40 % with TKDN under 25 % stays low', () => {
  assert.equal(pdnTier(certified(24.99, 15), today), 'low');
  assert.equal(pdnTier(certified(24, 15), today), 'low');
});

test('a domestic product without a certificate is uncertified, not import', () => {
  assert.equal(pdnTier(certified(80, 15, { tkdnCertificateNo: null }), today), 'uncertified');
  assert.equal(pdnTier(certified(80, 15, { tkdnCertificateExpiresOn: undefined }), today), 'uncertified');
  assert.equal(pdnTier(certified(0, 0, { tkdnCertificateNo: null, tkdnCertificateExpiresOn: null }), today), 'uncertified');
});

test('a certificate is valid through its expiry date; the day after, the product is uncertified', () => {
  assert.equal(pdnTier(certified(30, 10, { tkdnCertificateExpiresOn: today }), today), 'top');
  assert.equal(pdnTier(certified(30, 10, { tkdnCertificateExpiresOn: '2026-03-09' }), today), 'uncertified');
  assert.equal(pdnTier(certified(20, 0, { tkdnCertificateExpiresOn: '2026-03-09' }), today), 'uncertified');
});

test('an imported product is import whatever its TKDN and certificate', () => {
  assert.equal(pdnTier(certified(100, 15, { origin: 'import' }), today), 'import');
  assert.equal(pdnTier(certified(0, 0, { origin: 'import', tkdnCertificateNo: null, tkdnCertificateExpiresOn: null }), today), 'import');
  assert.equal(pdnTier(certified(40, 0, { origin: 'import', tkdnCertificateExpiresOn: '2026-03-09' }), today), 'import');
});
