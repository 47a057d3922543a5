import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PdnTier } from '#serapan/contracts';
import { ConflictError } from '#serapan/service';
import { BetterProduct, CascadeLine, checkPreference, PreferenceJustificationRequiredError, worstRankPerCategory } from './preference-cascade.js';

const line = (pdnTier: PdnTier, categoryCode: string | null = '32129', productId = `p-${pdnTier}`): CascadeLine => ({
  productId,
  name: `Kertas ${pdnTier}`,
  categoryCode,
  pdnTier,
});
const better = (pdnTier: PdnTier, productId = `b-${pdnTier}`, categoryCode = '32129'): BetterProduct => ({
  categoryCode,
  productId,
  name: `Best ${pdnTier}`,
  pdnTier,
});
const listing = (...products: BetterProduct[]) => new Map([['32129', products]]);

test('an import while a top product is listed in its category needs a justification naming the top product', () => {
  assert.throws(
    () => checkPreference([line('import')], listing(better('top'))),
    (e) => e instanceof PreferenceJustificationRequiredError && e instanceof ConflictError && /justification/.test(e.message) && /b-top, top/.test(e.message),
  );
  assert.equal(checkPreference([line('import')], listing(better('top')), 'Spare part compatible only with the existing imported printer'), true);
});

test('ordering the best tier listed, or a tier as good as the best, needs no justification', () => {
  assert.equal(checkPreference([line('top')], listing(better('top'))), false);
  assert.equal(checkPreference([line('low')], listing(better('low'), better('uncertified'))), false);
  assert.equal(checkPreference([line('import')], new Map()), false);
});

test('every domestic tier above the ordered one counts, uncertified above import', () => {
  assert.throws(() => checkPreference([line('import')], listing(better('uncertified'))), PreferenceJustificationRequiredError);
  assert.throws(() => checkPreference([line('low')], listing(better('pdn'))), PreferenceJustificationRequiredError);
  assert.throws(() => checkPreference([line('pdn')], listing(better('top'))), PreferenceJustificationRequiredError);
});

test('only products of the line’s own category count', () => {
  assert.equal(checkPreference([line('import', '99999')], listing(better('top'))), false);
  assert.equal(checkPreference([line('import', null)], listing(better('top'))), false);
});

test('a refusal names at most five better products, best first as listed', () => {
  const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => better('top', id));
  try {
    checkPreference([line('import')], listing(...many));
    assert.fail('expected a refusal');
  } catch (error) {
    assert.ok(error instanceof PreferenceJustificationRequiredError);
    assert.deepEqual(
      error.passedOver[0].better.map((b) => b.productId),
      ['a', 'b', 'c', 'd', 'e'],
    );
  }
});

test('the batch looks up each category once, below its worst ordered tier, and skips categories ordered at top', () => {
  const worst = worstRankPerCategory([line('pdn'), line('import'), line('top', '11111'), line('low', null)]);
  assert.deepEqual([...worst], [['32129', 5]]);
});
