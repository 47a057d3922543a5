import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InvalidRequestError, ScopeError } from '#serapan/service';
import { Vendor } from '../vendors/vendor.entity.js';
import { Product, ProductDetails } from './product.entity.js';

const today = '2026-03-10';
const now = new Date('2026-03-10T03:00:00Z');
const vendor = Vendor.firstUse('7d1c2f3a-0b4e-4c5d-8e9f-0a1b2c3d4e5f', now);
const details = (overrides: Partial<ProductDetails> = {}): ProductDetails => ({
  sku: 'KRT-A4',
  name: 'Kertas A4 80 gsm',
  categoryCode: '32129',
  unit: 'rim',
  priceIdr: '52000',
  stock: 10,
  origin: 'domestic',
  tkdnPercent: 30,
  bmpPercent: 10,
  tkdnCertificateNo: 'TKDN-1',
  tkdnCertificateExpiresOn: '2027-01-01',
  catalogType: 'national',
  ...overrides,
});

test('a listed product starts at version 1 with its tier and the vendor’s UMK flag', () => {
  const product = Product.list(vendor, details(), today, now);
  assert.equal(product.version, 1);
  assert.equal(product.pdnTier, 'top');
  assert.equal(product.vendorUmk, false);
  assert.equal(product.snapshot().vendorName, 'Penyedia 7d1c2f3a');
});

test('a revision recomputes the tier and bumps the version only when something differs', () => {
  const product = Product.list(vendor, details(), today, now);
  assert.equal(product.revise({ priceIdr: '52000', stock: 10 }, today, now), false);
  assert.equal(product.version, 1);
  assert.equal(product.revise({ bmpPercent: 0 }, today, now), true);
  assert.equal(product.pdnTier, 'pdn');
  assert.equal(product.version, 2);
});

test('a certificate number without an expiry date is refused', () => {
  assert.throws(() => Product.list(vendor, details({ tkdnCertificateExpiresOn: null }), today, now), InvalidRequestError);
  const product = Product.list(vendor, details(), today, now);
  assert.throws(() => product.revise({ tkdnCertificateNo: null }, today, now), /tkdnCertificateExpiresOn/);
});

test('taking more than the stock empties it and reports what was taken', () => {
  const product = Product.list(vendor, details({ stock: 3 }), today, now);
  assert.equal(product.take(5, now), 3);
  assert.equal(product.stock, 0);
  assert.equal(product.take(1, now), 0);
  assert.equal(product.version, 2, 'taking nothing changes nothing');
});

test('a change is stamped with the time it is given', () => {
  const product = Product.list(vendor, details(), today, now);
  const later = new Date('2026-03-12T08:00:00Z');
  product.take(1, later);
  assert.deepEqual([product.createdAt, product.updatedAt, product.version], [now, later, 2]);
});

test('a product expiring its certificate drops to uncertified when reassessed', () => {
  const product = Product.list(vendor, details({ tkdnCertificateExpiresOn: today }), today, now);
  assert.equal(product.reassess(today, now), false);
  assert.equal(product.reassess('2026-03-11', now), true);
  assert.equal(product.pdnTier, 'uncertified');
  assert.equal(product.version, 2);
});

test('read the day after its certificate expired, a product answers uncertified without a new version', () => {
  const product = Product.list(vendor, details({ tkdnCertificateExpiresOn: today }), today, now);
  assert.equal(product.effectiveAt('2026-03-11').pdnTier, 'uncertified');
  assert.equal(product.version, 1);
});

test('declaring a product imported makes it import, and the snapshot carries origin and expiry', () => {
  const product = Product.list(vendor, details(), today, now);
  assert.equal(product.revise({ origin: 'import' }, today, now), true);
  assert.equal(product.pdnTier, 'import');
  assert.deepEqual([product.snapshot().origin, product.snapshot().tkdnCertificateExpiresOn], ['import', '2027-01-01']);
  const uncertified = Product.list(vendor, details({ tkdnCertificateNo: null, tkdnCertificateExpiresOn: null }), today, now);
  assert.equal(uncertified.pdnTier, 'uncertified');
  assert.equal('tkdnCertificateExpiresOn' in JSON.parse(JSON.stringify(uncertified.snapshot())), false);
});

test('delisting twice and relisting a listed product are conflicts', () => {
  const product = Product.list(vendor, details(), today, now);
  assert.throws(() => product.relist(now), ConflictError);
  product.delist(now);
  assert.equal(product.snapshot().status, 'delisted');
  assert.throws(() => product.delist(now), ConflictError);
});

test('only the owning vendor may change a product', () => {
  const product = Product.list(vendor, details(), today, now);
  assert.throws(() => product.ensureOwnedBy('0e9b7a1c-1111-4222-8333-444455556666'), ScopeError);
  assert.doesNotThrow(() => product.ensureOwnedBy(vendor.id));
});
