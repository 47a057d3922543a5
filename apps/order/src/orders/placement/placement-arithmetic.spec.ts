import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InvalidRequestError, NotFoundError, ScopeError } from '#serapan/service';
import { assertWithinAuthority, MAX_RUPIAH, OrderableProduct, priceOrder, requestHash } from './placement-arithmetic.js';

const vendorId = '11111111-1111-4111-8111-111111111111';
const product = (productId: string, priceIdr: string, over: Partial<OrderableProduct> = {}): OrderableProduct => ({
  productId,
  vendorId,
  vendorName: 'CV Sinar',
  vendorUmk: false,
  sku: productId,
  name: `P ${productId}`,
  categoryCode: '32129',
  unit: 'unit',
  priceIdr,
  stock: 100,
  pdnTier: 'import',
  status: 'active',
  ...over,
});
const catalog = (...products: OrderableProduct[]) => new Map(products.map((p) => [p.productId, p]));

test('totals the lines and the shipping fee in whole rupiah', () => {
  const order = priceOrder(
    [
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 10 },
    ],
    catalog(product('a', '12500000'), product('b', '350000')),
    '150000',
  );
  assert.equal(order.totalIdr, 2n * 12_500_000n + 10n * 350_000n + 150_000n);
  assert.deepEqual(
    order.lines.map((l) => [l.lineNo, l.subtotalIdr]),
    [
      [1, 25_000_000n],
      [2, 3_500_000n],
    ],
  );
});

test('counts every domestic tier in the PDN part, imports and the shipping fee not', () => {
  const order = priceOrder(
    [
      { productId: 'top', quantity: 1 },
      { productId: 'pdn', quantity: 1 },
      { productId: 'low', quantity: 1 },
      { productId: 'unc', quantity: 1 },
      { productId: 'imp', quantity: 1 },
    ],
    catalog(
      product('top', '1000', { pdnTier: 'top' }),
      product('pdn', '200', { pdnTier: 'pdn' }),
      product('low', '30', { pdnTier: 'low' }),
      product('unc', '7', { pdnTier: 'uncertified' }),
      product('imp', '4', { pdnTier: 'import' }),
    ),
    '5',
  );
  assert.equal(order.pdnIdr, 1237n);
  assert.equal(order.totalIdr, 1246n);
});

test('a UMK vendor takes the whole total (shipping included) into the UMK share; another none', () => {
  const umk = priceOrder([{ productId: 'a', quantity: 3 }], catalog(product('a', '1000', { vendorUmk: true })), '100');
  assert.equal(umk.umkIdr, 3100n);
  assert.equal(priceOrder([{ productId: 'a', quantity: 3 }], catalog(product('a', '1000'))).umkIdr, 0n);
});

test('keeps money exact beyond what a JavaScript number holds', () => {
  const order = priceOrder([{ productId: 'a', quantity: 999_999 }], catalog(product('a', '900000000000', { stock: 1_000_000 })));
  assert.equal(order.totalIdr.toString(), '899999100000000000');
});

test('refuses a line whose quantity × price passes what money can hold, naming the line', () => {
  assert.throws(
    () => priceOrder([{ productId: 'a', quantity: 1_000_000 }], catalog(product('a', '999999999999999999', { stock: 1_000_000 }))),
    (e) => e instanceof InvalidRequestError && /^lines\[0\]\.quantity 1000000 × 999999999999999999 .* more than 999999999999999999 rupiah/.test(e.message),
  );
});

test('refuses lines that each fit but whose sum passes what money can hold, naming the line that tips it', () => {
  const half = '500000000000000000';
  const order = () =>
    priceOrder(
      [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
      ],
      catalog(product('a', half), product('b', half)),
    );
  assert.throws(order, (e) => e instanceof InvalidRequestError && /^lines\[1\]\.quantity .* 1000000000000000000, more than/.test(e.message));
});

test('refuses a shipping fee that tips the total past what money can hold, naming it; exactly the maximum is accepted', () => {
  const justUnder = priceOrder([{ productId: 'a', quantity: 1 }], catalog(product('a', '999999999999999998')), '1');
  assert.equal(justUnder.totalIdr, MAX_RUPIAH);
  assert.throws(
    () => priceOrder([{ productId: 'a', quantity: 1 }], catalog(product('a', '999999999999999998')), '2'),
    (e) => e instanceof InvalidRequestError && /^shippingFeeIdr 2 brings the order total to 1000000000000000000/.test(e.message),
  );
});

test('refuses unknown, delisted, short and repeated products, and two vendors, naming the line', () => {
  const other = product('x', '10', { vendorId: '22222222-2222-4222-8222-222222222222' });
  const known = catalog(product('a', '10', { stock: 2 }), product('d', '10', { status: 'delisted' }), other);
  assert.throws(
    () => priceOrder([{ productId: 'nope', quantity: 1 }], known),
    (e) => e instanceof NotFoundError && /lines\[0\]/.test(e.message),
  );
  assert.throws(
    () => priceOrder([{ productId: 'd', quantity: 1 }], known),
    (e) => e instanceof ConflictError && /delisted/.test(e.message),
  );
  assert.throws(
    () => priceOrder([{ productId: 'a', quantity: 3 }], known),
    (e) => e instanceof ConflictError && /exceeds the stock/.test(e.message),
  );
  assert.throws(
    () =>
      priceOrder(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'a', quantity: 1 },
        ],
        known,
      ),
    (e) => e instanceof InvalidRequestError && /lines\[1\]/.test(e.message),
  );
  assert.throws(
    () =>
      priceOrder(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'x', quantity: 1 },
        ],
        known,
      ),
    (e) => e instanceof InvalidRequestError && /one vendor/.test(e.message),
  );
});

test('above the PPK threshold only an officer with PPK authority may order; at it, anyone', () => {
  assert.doesNotThrow(() => assertWithinAuthority(200_000_000n, 200_000_000n, false));
  assert.throws(
    () => assertWithinAuthority(200_000_001n, 200_000_000n, false),
    (e) => e instanceof ScopeError && /PPK authority/.test(e.message),
  );
  assert.doesNotThrow(() => assertWithinAuthority(200_000_001n, 200_000_000n, true));
});

test('the request hash ignores key order and sees every value', () => {
  const a = { fiscalYear: 2026, accountCode: '521211', lines: [{ productId: 'p', quantity: 1 }] };
  const b = { lines: [{ quantity: 1, productId: 'p' }], accountCode: '521211', fiscalYear: 2026 };
  assert.equal(requestHash(a), requestHash(b));
  assert.notEqual(requestHash(a), requestHash({ ...a, lines: [{ productId: 'p', quantity: 2 }] }));
  assert.notEqual(requestHash(a), requestHash({ ...a, lines: [...a.lines, { productId: 'q', quantity: 1 }] }));
});
