import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ranksWithinKl } from './rank-within-kl.js';

test('satkers are ranked by absorption within their own K/L, and equal absorption shares a rank', () => {
  const ranks = ranksWithinKl([
    { klCode: '023', absorptionPct: 10 },
    { klCode: '024', absorptionPct: 5 },
    { klCode: '023', absorptionPct: 30 },
    { klCode: '023', absorptionPct: 10 },
    { klCode: '023', absorptionPct: 2 },
  ]);
  assert.deepEqual(ranks, [
    { rankInKl: 2, satkersInKl: 4 },
    { rankInKl: 1, satkersInKl: 1 },
    { rankInKl: 1, satkersInKl: 4 },
    { rankInKl: 2, satkersInKl: 4 },
    { rankInKl: 4, satkersInKl: 4 },
  ]);
});
