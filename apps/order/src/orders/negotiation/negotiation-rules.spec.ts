import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InvalidRequestError } from '#serapan/service';
import { assertMayAgree, assertMayOffer, NegotiableLine, priceOffer } from './negotiation-rules.js';

const lines: NegotiableLine[] = [
  { lineNo: 1, quantity: 20, listPriceIdr: 12_500_000n, pdnTier: 'top' },
  { lineNo: 2, quantity: 2, listPriceIdr: 900_000n, pdnTier: 'import' },
];
const now = new Date('2026-11-30T03:00:00Z');
const open = (...parties: ('officer' | 'vendor')[]) => ({ parties, deadlineAt: new Date('2026-12-03T03:00:00Z'), maxOffers: 4 });

test('an offer prices every line at most at its listed price, with shipping per line; the totals follow', () => {
  const offer = priceOffer(
    lines,
    [
      { lineNo: 2, unitPriceIdr: '900000', shippingIdr: '0' },
      { lineNo: 1, unitPriceIdr: '11900000', shippingIdr: '250000' },
    ],
    true,
  );
  assert.equal(offer.totalIdr, 238_000_000n + 1_800_000n + 250_000n);
  assert.equal(offer.pdnIdr, 238_000_000n);
  assert.equal(offer.umkIdr, offer.totalIdr);
  assert.equal(offer.shippingIdr, 250_000n);
  assert.throws(
    () =>
      priceOffer(
        lines,
        [
          { lineNo: 1, unitPriceIdr: '12500001', shippingIdr: '0' },
          { lineNo: 2, unitPriceIdr: '1', shippingIdr: '0' },
        ],
        false,
      ),
    (e: Error) => e instanceof InvalidRequestError && /lines\[0\]\.unitPriceIdr 12500001 is above the listed price 12500000/.test(e.message),
  );
  assert.throws(() => priceOffer(lines, [{ lineNo: 1, unitPriceIdr: '1', shippingIdr: '0' }], false), /line 2 has no price/);
  assert.throws(() => priceOffer(lines, [{ lineNo: 3, unitPriceIdr: '1', shippingIdr: '0' }], false), /lines\[0\]\.lineNo 3 is not a line of this order/);
  assert.throws(
    () =>
      priceOffer(
        lines,
        [
          { lineNo: 1, unitPriceIdr: '0', shippingIdr: '0' },
          { lineNo: 2, unitPriceIdr: '1', shippingIdr: '0' },
        ],
        false,
      ),
    /unitPriceIdr must be at least 1/,
  );
});

test('offers alternate, are bounded in number, and stop at the deadline; only the other side agrees', () => {
  assert.doesNotThrow(() => assertMayOffer(open('officer'), 'vendor', now));
  assert.throws(
    () => assertMayOffer(open('officer'), 'officer', now),
    (e: Error) => e instanceof ConflictError && /the last offer is yours/.test(e.message),
  );
  assert.throws(() => assertMayOffer(open('officer', 'vendor', 'officer', 'vendor'), 'officer', now), /had its 4 offers/);
  assert.throws(() => assertMayOffer(open('officer'), 'vendor', new Date('2026-12-03T03:00:00Z')), /closed at 2026-12-03T03:00:00.000Z/);
  assert.doesNotThrow(() => assertMayAgree(open('officer', 'vendor', 'officer', 'vendor'), 'officer', now));
  assert.throws(() => assertMayAgree(open('officer'), 'officer', now), /only the vendor can agree/);
});
