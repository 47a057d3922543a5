import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openContract } from './contract-opening.js';
import type { PlaceOrderDto } from './dto/place-order.dto.js';
import { OrderableProduct, priceOrder } from './placement-arithmetic.js';

const product = (productId: string, priceIdr: string, pdnTier: OrderableProduct['pdnTier']): OrderableProduct => ({
  productId,
  vendorId: 'v',
  vendorName: 'CV Maju',
  vendorUmk: false,
  sku: productId,
  name: productId,
  categoryCode: null,
  unit: 'unit',
  priceIdr,
  stock: 100,
  pdnTier,
  status: 'active',
});
const catalog = new Map([
  ['a', product('a', '1000000', 'pdn')],
  ['b', product('b', '250000', 'import')],
]);
const request = (over: Partial<PlaceOrderDto>): PlaceOrderDto => ({
  fiscalYear: 2026,
  accountCode: '521211',
  lines: [
    { productId: 'a', quantity: 10 },
    { productId: 'b', quantity: 4 },
  ],
  ...over,
});
const open = (r: PlaceOrderDto, ppk = true) => openContract(priceOrder(r.lines, catalog, r.shippingFeeIdr), r, { today: '2026-11-30', ppk });

test("a PPK's order goes to the budget, a pejabat pengadaan's waits for approval, a negotiation opens as one", () => {
  assert.equal(open(request({})).status, 'PENDING_BUDGET');
  assert.equal(open(request({}), false).status, 'AWAITING_APPROVAL');
  assert.equal(open(request({ negotiate: true })).status, 'NEGOTIATING');
});

test('without terms one term holds everything, due 14 days out, shipping included', () => {
  const opened = open(request({ shippingFeeIdr: '150000' }));
  assert.equal(opened.terms.length, 1);
  assert.deepEqual(opened.terms[0].quantities, [
    { lineNo: 1, quantity: 10 },
    { lineNo: 2, quantity: 4 },
  ]);
  assert.equal(opened.terms[0].valueIdr, 11_150_000n);
  assert.equal(opened.terms[0].deliveryDate, '2026-12-14');
});

test('terms of 30 % and 70 % of the units: values at the agreed prices, the shipping on the last, the last date the order’s', () => {
  const opened = open(
    request({
      shippingFeeIdr: '100000',
      terms: [
        { quantities: [3, 4], deliveryDate: '2026-12-07' },
        { quantities: [7, 0], deliveryDate: '2026-12-21' },
      ],
    }),
  );
  assert.deepEqual(
    opened.terms.map((t) => t.valueIdr),
    [4_000_000n, 7_100_000n],
  );
  assert.equal(opened.deliveryDate, '2026-12-21');
  assert.throws(
    () => open(request({ terms: [{ quantities: [3, 4], deliveryDate: '2027-01-04' }, { quantities: [7, 0] }] })),
    /terms\[0\]\.deliveryDate 2027-01-04 is outside the order's fiscal year 2026/,
  );
  assert.equal(open(request({ deliveryDate: '2026-11-20' })).deliveryDate, '2026-11-20', 'an order agreed earlier keeps its date');
  assert.equal(openContract(priceOrder(request({}).lines, catalog), request({}), { today: '2026-12-24', ppk: true }).deliveryDate, '2026-12-31');
});

test('a negotiation is priced at the proposal, never above the listing; a proposal outside a negotiation is refused', () => {
  const opened = open(
    request({
      negotiate: true,
      lines: [
        { productId: 'a', quantity: 10, unitPriceIdr: '900000', shippingIdr: '50000' },
        { productId: 'b', quantity: 4 },
      ],
    }),
  );
  assert.equal(opened.priced.totalIdr, 9_000_000n + 1_000_000n + 50_000n);
  assert.equal(opened.priced.pdnIdr, 9_000_000n);
  assert.equal(opened.offer?.totalIdr, opened.priced.totalIdr);
  assert.equal(opened.terms[0].valueIdr, opened.priced.totalIdr);
  assert.throws(() => open(request({ negotiate: true, lines: [{ productId: 'a', quantity: 1, unitPriceIdr: '1000001' }] })), /above the listed price/);
  assert.throws(
    () => open(request({ lines: [{ productId: 'a', quantity: 1, unitPriceIdr: '900000' }] })),
    /lines\[0\]: a unit price or shipping per line is proposed only in a negotiation/,
  );
  assert.throws(() => open(request({ negotiate: true, shippingFeeIdr: '1' })), /shipping is proposed per line/);
});
