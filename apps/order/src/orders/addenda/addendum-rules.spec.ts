import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InvalidRequestError, NotFoundError, ScopeError } from '#serapan/service';
import type { TermStatus } from '../lifecycle/order-state.js';
import type { OrderableProduct } from '../placement/placement-arithmetic.js';
import { AddendumContext, AddendumRequest, changeOf, ContractVersion, deliveryDateOf, lineSnapshotsOf, planAddendum, VersionLine } from './addendum-rules.js';

const VENDOR = 'b1000000-0000-4000-8000-000000000001';
const TODAY = '2026-08-10';
const SHIPPING = 100_000n;

const line = (lineNo: number, quantity: number, unitPriceIdr: string, pdnTier: VersionLine['pdnTier'] = 'pdn'): VersionLine => ({
  lineNo,
  productId: `a1000000-0000-4000-8000-00000000000${lineNo}`,
  sku: `SKU-${lineNo}`,
  name: `Product ${lineNo}`,
  unit: 'unit',
  quantity,
  unitPriceIdr,
  subtotalIdr: (BigInt(unitPriceIdr) * BigInt(quantity)).toString(),
  shippingIdr: '0',
  pdnTier,
  vendorUmk: false,
});

/**
 * A contract of two lines (10 × 1.000.000 domestic, 4 × 250.000 import) in
 * terms with these statuses, each term delivering the given units of line 1
 * and line 2; shipping 100.000 on the last term.
 */
function contract(terms: [TermStatus, number, number][]): ContractVersion {
  const lines = [line(1, 0, '1000000'), line(2, 0, '250000', 'import')].map((l, i) => {
    const quantity = terms.reduce((sum, [, a, b]) => sum + (i === 0 ? a : b), 0);
    return { ...l, quantity, subtotalIdr: (BigInt(l.unitPriceIdr) * BigInt(quantity)).toString() };
  });
  const goods = lines.reduce((sum, l) => sum + BigInt(l.subtotalIdr), 0n);
  return {
    version: 1,
    shippingFeeIdr: SHIPPING.toString(),
    totalIdr: (goods + SHIPPING).toString(),
    pdnIdr: lines[0].subtotalIdr,
    umkIdr: '0',
    lines,
    terms: terms.map(([status, a, b], i) => ({
      termNo: i + 1,
      status,
      deliveryDate: `2026-09-0${i + 1}`,
      quantities: [
        { lineNo: 1, quantity: a },
        { lineNo: 2, quantity: b },
      ],
      valueIdr: (BigInt(a) * 1_000_000n + BigInt(b) * 250_000n + (i === terms.length - 1 ? SHIPPING : 0n)).toString(),
    })),
  };
}

const product = (over: Partial<OrderableProduct> = {}): OrderableProduct => ({
  productId: 'c1000000-0000-4000-8000-000000000009',
  vendorId: VENDOR,
  vendorName: 'CV Sinar',
  vendorUmk: false,
  sku: 'SKU-NEW',
  name: 'Printer',
  categoryCode: '4321',
  unit: 'unit',
  priceIdr: '3000000',
  stock: 50,
  pdnTier: 'top',
  status: 'active',
  ...over,
});

function context(current: ContractVersion, over: Partial<AddendumContext> = {}): AddendumContext {
  return {
    current,
    vendorId: VENDOR,
    vendorUmk: false,
    catalog: new Map([[product().productId, product()]]),
    today: TODAY,
    fiscalYear: Number(TODAY.slice(0, 4)),
    ppkThresholdIdr: 200_000_000n,
    ppk: false,
    ...over,
  };
}

const plan = (current: ContractVersion, request: Omit<AddendumRequest, 'reason'>, over: Partial<AddendumContext> = {}) =>
  planAddendum(context(current, over), { reason: 'the lab needs more units', ...request });

const unitsOf = (version: ContractVersion) => version.terms.map((t) => t.quantities.map((q) => q.quantity));

test('a rise lands on the last term not yet shipped, and the order and that term are worth more', () => {
  const current = contract([
    ['SHIPPED', 4, 2],
    ['PLANNED', 3, 1],
    ['PLANNED', 3, 1],
  ]);
  const after = plan(current, { lines: [{ lineNo: 1, quantity: 12 }] });
  assert.deepEqual(unitsOf(after), [
    [4, 2],
    [3, 1],
    [5, 1],
  ]);
  assert.equal(after.version, 2);
  assert.equal(after.totalIdr, String(12n * 1_000_000n + 4n * 250_000n + SHIPPING));
  assert.equal(after.pdnIdr, '12000000');
  assert.deepEqual(
    after.terms.map((t) => t.valueIdr),
    ['4500000', '3250000', String(5_250_000n + SHIPPING)],
  );
  assert.equal(
    after.terms.reduce((sum, t) => sum + BigInt(t.valueIdr), 0n),
    BigInt(after.totalIdr),
    'the terms still sum to the order',
  );
  assert.deepEqual(changeOf(current, after), { amountIdr: '2000000', pdnIdr: '2000000', umkIdr: '0', lines: [{ pdnTier: 'pdn', subtotalIdr: '2000000' }] });
});

test('a cut takes from the unshipped terms from the last backward, and never below what shipped', () => {
  const current = contract([
    ['SHIPPED', 4, 2],
    ['PLANNED', 3, 1],
    ['PLANNED', 3, 1],
  ]);
  const after = plan(current, { lines: [{ lineNo: 1, quantity: 5 }] });
  assert.deepEqual(unitsOf(after), [
    [4, 2],
    [1, 1],
    [0, 1],
  ]);
  assert.deepEqual(changeOf(current, after), { amountIdr: '-5000000', pdnIdr: '-5000000', umkIdr: '0', lines: [{ pdnTier: 'pdn', subtotalIdr: '-5000000' }] });
  assert.throws(() => plan(current, { lines: [{ lineNo: 1, quantity: 3 }] }), {
    name: ConflictError.name,
    message: 'lines[0].quantity 3 is less than the 4 of line 1 already shipped',
  });
});

test('a cut that would leave a term with nothing to deliver is refused, naming the field; terms are never removed', () => {
  const current = contract([
    ['PLANNED', 5, 2],
    ['PLANNED', 5, 0],
  ]);
  assert.throws(() => plan(current, { lines: [{ lineNo: 1, quantity: 5 }] }), {
    name: ConflictError.name,
    message: 'lines[0].quantity: term 2 would deliver nothing; every term keeps at least one unit',
  });
  assert.deepEqual(unitsOf(plan(current, { lines: [{ lineNo: 1, quantity: 6 }] })), [
    [5, 2],
    [1, 0],
  ]);
});

test('a line with nothing shipped is removed from every term with quantity 0; a line partly shipped cannot be', () => {
  const current = contract([
    ['PLANNED', 5, 2],
    ['PLANNED', 5, 2],
  ]);
  const after = plan(current, { lines: [{ lineNo: 2, quantity: 0 }] });
  assert.deepEqual(
    after.lines.map((l) => l.lineNo),
    [1],
  );
  assert.deepEqual(unitsOf(after), [[5], [5]]);
  assert.deepEqual(changeOf(current, after).lines, [{ pdnTier: 'import', subtotalIdr: '-1000000' }]);
  assert.equal(changeOf(current, after).pdnIdr, '0', 'an import line is no part of PDN');
  const shipped = contract([
    ['SHIPPED', 5, 2],
    ['PLANNED', 5, 2],
  ]);
  assert.equal(after.shippingFeeIdr, SHIPPING.toString(), 'the shipping stays as agreed');
  assert.throws(() => plan(shipped, { lines: [{ lineNo: 2, quantity: 0 }] }), /lines\[0\]\.quantity 0 is less than the 2 of line 2 already shipped/);
  assert.throws(
    () =>
      plan(current, {
        lines: [
          { lineNo: 1, quantity: 0 },
          { lineNo: 2, quantity: 0 },
        ],
      }),
    {
      name: InvalidRequestError.name,
      message: 'lines: an order keeps at least one line; cancel it instead',
    },
  );
});

test('a removed line takes with it the shipping a negotiation agreed for it', () => {
  const negotiated = contract([
    ['PLANNED', 5, 2],
    ['PLANNED', 5, 2],
  ]);
  negotiated.lines[1].shippingIdr = '40000';
  const after = plan(negotiated, { lines: [{ lineNo: 2, quantity: 0 }] });
  assert.equal(after.shippingFeeIdr, '60000');
  assert.equal(after.totalIdr, String(10_000_000n + 60_000n));
  assert.deepEqual(
    after.terms.map((t) => t.valueIdr),
    ['5000000', '5060000'],
  );
  assert.equal(changeOf(negotiated, after).amountIdr, '-1040000', 'the change is the goods and the shipping taken away');
});

test('once every term has shipped, quantities and lines can no longer change, but an unreceived term may still move', () => {
  const current = contract([
    ['RECEIVED', 5, 2],
    ['SHIPPED', 5, 2],
  ]);
  assert.throws(() => plan(current, { lines: [{ lineNo: 1, quantity: 11 }] }), {
    name: ConflictError.name,
    message: 'lines[0].quantity: every term has shipped, so quantities can no longer change',
  });
  assert.throws(() => plan(current, { add: [{ productId: product().productId, quantity: 1 }] }), /add\[0\]: every term has shipped, so no line can be added/);
  const moved = plan(current, { deliveryDates: [{ termNo: 2, deliveryDate: '2026-09-20' }] });
  assert.equal(deliveryDateOf(moved), '2026-09-20');
  assert.equal(moved.totalIdr, current.totalIdr);
  assert.deepEqual(changeOf(current, moved), { amountIdr: '0', pdnIdr: '0', umkIdr: '0', lines: [] });
  assert.throws(() => plan(current, { deliveryDates: [{ termNo: 1, deliveryDate: '2026-09-20' }] }), {
    name: ConflictError.name,
    message: 'deliveryDates[0].termNo 1 is RECEIVED; only a term not yet received may move',
  });
});

test('a new line takes the listed price and tier of the day, lands on the last unshipped term and is numbered after the others', () => {
  const current = contract([
    ['SHIPPED', 5, 2],
    ['PLANNED', 5, 2],
  ]);
  const after = plan(current, { add: [{ productId: product().productId, quantity: 2 }] });
  assert.deepEqual(after.lines[2], {
    lineNo: 3,
    productId: product().productId,
    sku: 'SKU-NEW',
    name: 'Printer',
    unit: 'unit',
    quantity: 2,
    unitPriceIdr: '3000000',
    subtotalIdr: '6000000',
    shippingIdr: '0',
    pdnTier: 'top',
    vendorUmk: false,
  });
  assert.deepEqual(unitsOf(after), [
    [5, 2, 0],
    [5, 2, 2],
  ]);
  assert.deepEqual(changeOf(current, after).lines, [{ pdnTier: 'top', subtotalIdr: '6000000' }]);
  assert.deepEqual(lineSnapshotsOf(after)[2], {
    productId: product().productId,
    quantity: 2,
    unitPriceIdr: '3000000',
    subtotalIdr: '6000000',
    pdnTier: 'top',
    vendorUmk: false,
  });
});

test('a new line must be a listed product of the same vendor, in stock, not already ordered', () => {
  const current = contract([['PLANNED', 5, 2]]);
  const cases: [string, AddendumRequest['add'], Map<string, OrderableProduct>, string, RegExp][] = [
    [
      'unknown',
      [{ productId: 'c1000000-0000-4000-8000-0000000000aa', quantity: 1 }],
      new Map<string, OrderableProduct>(),
      NotFoundError.name,
      /add\[0\]\.productId .* is not in the catalog/,
    ],
    [
      'delisted',
      [{ productId: product().productId, quantity: 1 }],
      new Map([[product().productId, product({ status: 'delisted' })]]),
      ConflictError.name,
      /delisted/,
    ],
    [
      'another vendor',
      [{ productId: product().productId, quantity: 1 }],
      new Map([[product().productId, product({ vendorId: 'b1000000-0000-4000-8000-000000000002' })]]),
      InvalidRequestError.name,
      /add\[0\]\.productId .* another vendor's product/,
    ],
    [
      'scarce',
      [{ productId: product().productId, quantity: 9 }],
      new Map([[product().productId, product({ stock: 8 })]]),
      ConflictError.name,
      /add\[0\]\.quantity: 9 more exceed the stock of Printer \(8 unit\)/,
    ],
    [
      'already a line',
      [{ productId: current.lines[1].productId, quantity: 1 }],
      new Map<string, OrderableProduct>(),
      InvalidRequestError.name,
      /add\[0\]\.productId is line 2 already/,
    ],
    [
      'twice',
      [
        { productId: product().productId, quantity: 1 },
        { productId: product().productId, quantity: 1 },
      ],
      new Map([[product().productId, product()]]),
      InvalidRequestError.name,
      /add\[1\]\.productId repeats a product/,
    ],
  ];
  for (const [name, add, catalog, error, message] of cases) {
    assert.throws(() => plan(current, { add }, { catalog }), { name: error, message }, name);
  }
});

test('a rise needs the stock of its product, as placing it would', () => {
  const current = contract([['PLANNED', 5, 2]]);
  const scarce = new Map([[current.lines[0].productId, product({ productId: current.lines[0].productId, name: 'Laptop', stock: 3 })]]);
  assert.throws(
    () => plan(current, { lines: [{ lineNo: 1, quantity: 9 }] }, { catalog: scarce }),
    /lines\[0\]\.quantity: 4 more exceed the stock of Laptop \(3 unit\)/,
  );
  assert.equal(plan(current, { lines: [{ lineNo: 1, quantity: 8 }] }, { catalog: scarce }).lines[0].quantity, 8);
});

test('each malformed field is refused with 400 naming it', () => {
  const current = contract([
    ['PLANNED', 5, 2],
    ['PLANNED', 5, 2],
  ]);
  const cases: [Omit<AddendumRequest, 'reason'>, RegExp][] = [
    [{}, /an addendum must change something: give lines, add or deliveryDates/],
    [{ lines: [], add: [], deliveryDates: [] }, /must change something/],
    [{ lines: [{ lineNo: 7, quantity: 1 }] }, /^lines\[0\]\.lineNo 7: the order has lines 1, 2$/],
    [{ lines: [{ lineNo: 2, quantity: 4 }] }, /^lines\[0\]\.quantity 4 is line 2's quantity already$/],
    [
      {
        lines: [
          { lineNo: 1, quantity: 12 },
          { lineNo: 1, quantity: 13 },
        ],
      },
      /^lines\[1\]\.lineNo repeats line 1/,
    ],
    [{ deliveryDates: [{ termNo: 3, deliveryDate: '2026-10-01' }] }, /^deliveryDates\[0\]\.termNo 3: the order has terms 1–2$/],
    [{ deliveryDates: [{ termNo: 1, deliveryDate: '2026-08-09' }] }, /^deliveryDates\[0\]\.deliveryDate 2026-08-09 is before today \(2026-08-10\)$/],
    [{ deliveryDates: [{ termNo: 1, deliveryDate: '2027-01-05' }] }, /^deliveryDates\[0\]\.deliveryDate 2027-01-05 is outside the order's fiscal year 2026$/],
    [{ deliveryDates: [{ termNo: 2, deliveryDate: '2026-09-02' }] }, /^deliveryDates\[0\]\.deliveryDate 2026-09-02 is term 2's delivery date already$/],
    [
      {
        deliveryDates: [
          { termNo: 1, deliveryDate: '2026-10-01' },
          { termNo: 1, deliveryDate: '2026-10-02' },
        ],
      },
      /^deliveryDates\[1\]\.termNo repeats term 1/,
    ],
  ];
  for (const [request, message] of cases) assert.throws(() => plan(current, request), { name: InvalidRequestError.name, message }, JSON.stringify(request));
  assert.equal(plan(current, { deliveryDates: [{ termNo: 2, deliveryDate: TODAY }] }).terms[1].deliveryDate, TODAY, 'today is not before today');
});

test('an officer without PPK authority may not take the total above the PPK threshold, but may lower it', () => {
  const current = contract([['PLANNED', 150, 2]]);
  assert.throws(() => plan(current, { lines: [{ lineNo: 1, quantity: 250 }] }), { name: ScopeError.name, message: /needs an officer with PPK authority/ });
  assert.equal(plan(current, { lines: [{ lineNo: 1, quantity: 250 }] }, { ppk: true }).totalIdr, String(250_000_000n + 500_000n + SHIPPING));
  const large = contract([['PLANNED', 300, 2]]);
  assert.equal(plan(large, { lines: [{ lineNo: 1, quantity: 250 }] }).lines[0].quantity, 250, 'a cut is no step above the threshold');
});

test('a total past what a rupiah field holds is refused, naming the field that passes it', () => {
  const current = contract([['PLANNED', 5, 2]]);
  const dear = new Map([[product().productId, product({ priceIdr: '999999999999999999', stock: 10 })]]);
  assert.throws(() => plan(current, { add: [{ productId: product().productId, quantity: 2 }] }, { catalog: dear, ppk: true }), {
    name: InvalidRequestError.name,
    message: /^add\[0\]\.quantity brings the order total to \d+, more than 999999999999999999 rupiah$/,
  });
});

test('a vendor of micro or small business has all of every version in UMK', () => {
  const current = { ...contract([['PLANNED', 5, 2]]), umkIdr: String(5_000_000n + 500_000n + SHIPPING) };
  const after = plan(current, { lines: [{ lineNo: 2, quantity: 4 }] }, { vendorUmk: true });
  assert.equal(after.umkIdr, after.totalIdr);
  assert.equal(changeOf(current, after).umkIdr, '500000');
});
