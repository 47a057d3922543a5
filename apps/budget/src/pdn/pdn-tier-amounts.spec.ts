import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tierAmountsOf } from './pdn-tier-amounts.js';

test('an order’s lines are summed by tier, in cascade order, and a legacy none line counts as import', () => {
  const amounts = tierAmountsOf([
    { pdnTier: 'top', subtotalIdr: '1000' },
    { pdnTier: 'low', subtotalIdr: '300' },
    { pdnTier: 'low', subtotalIdr: '20' },
    { pdnTier: 'uncertified', subtotalIdr: '4' },
    { pdnTier: 'import', subtotalIdr: '50000' },
    { pdnTier: 'none', subtotalIdr: '6' },
  ]);
  assert.deepEqual(amounts, [1000n, 0n, 320n, 4n, 50006n]);
});

test('amounts stay exact beyond what a JavaScript number holds', () => {
  assert.equal(tierAmountsOf([{ pdnTier: 'pdn', subtotalIdr: '899999100000000000' }])[1], 899_999_100_000_000_000n);
});
