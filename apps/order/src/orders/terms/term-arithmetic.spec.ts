import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTermsCoverLines, ContractLine, daysLate, latePenalty, minus, termSpend } from './term-arithmetic.js';

const lines: ContractLine[] = [
  { lineNo: 1, quantity: 10, unitPriceIdr: 1_000_000n, pdnTier: 'pdn' },
  { lineNo: 2, quantity: 4, unitPriceIdr: 333_333n, pdnTier: 'import' },
];

test('terms share out every unit: a term short or over a line, or empty, is refused naming the field', () => {
  assert.doesNotThrow(() =>
    assertTermsCoverLines(lines, [
      [3, 4],
      [7, 0],
    ]),
  );
  assert.throws(
    () =>
      assertTermsCoverLines(lines, [
        [3, 4],
        [6, 0],
      ]),
    /terms\[\*\]\.quantities\[0\] add up to 9, but line 1 orders 10/,
  );
  assert.throws(
    () =>
      assertTermsCoverLines(lines, [
        [10, 4],
        [0, 0],
      ]),
    /terms\[1\]\.quantities: a term delivers at least one unit/,
  );
  assert.throws(() => assertTermsCoverLines(lines, [[10]]), /terms\[0\]\.quantities must give one quantity per order line \(2\)/);
});

test('two terms add up exactly to the order, the shipping riding on the last; PDN counts only domestic lines; UMK is all or nothing', () => {
  const first = termSpend(
    lines,
    [
      { lineNo: 1, quantity: 3 },
      { lineNo: 2, quantity: 4 },
    ],
    0n,
    true,
  );
  const last = termSpend(lines, [{ lineNo: 1, quantity: 7 }], 150_000n, true);
  assert.equal(first.amountIdr, 3_000_000n + 1_333_332n);
  assert.equal(first.pdnIdr, 3_000_000n);
  assert.equal(first.umkIdr, first.amountIdr);
  assert.equal(last.amountIdr, 7_150_000n);
  assert.equal(first.amountIdr + last.amountIdr, 10_000_000n + 1_333_332n + 150_000n);
  assert.equal(termSpend(lines, [{ lineNo: 1, quantity: 7 }], 0n, false).umkIdr, 0n);
});

test('days late are calendar days after the delivery date, none when on time or early', () => {
  assert.equal(daysLate('2026-12-10', '2026-12-13'), 3);
  assert.equal(daysLate('2026-12-31', '2027-01-02'), 2);
  assert.equal(daysLate('2026-12-10', '2026-12-10'), 0);
  assert.equal(daysLate('2026-12-10', '2026-12-01'), 0);
});

test('the late penalty is 1 per mille a day of each late part, rounded down per line, at most 5 %', () => {
  const term = termSpend(
    lines,
    [
      { lineNo: 1, quantity: 3 },
      { lineNo: 2, quantity: 4 },
    ],
    100_000n,
    false,
  );
  const threeDays = latePenalty(term, 3, false);
  // 3 ‰ of 3,000,000 = 9,000; of 1,333,332 = 3,999 (3,999.996 rounded down); of the shipping 100,000 = 300
  assert.deepEqual(
    threeDays.lines.map((l) => l.subtotalIdr),
    [9_000n, 3_999n],
  );
  assert.equal(threeDays.amountIdr, 9_000n + 3_999n + 300n);
  assert.equal(threeDays.pdnIdr, 9_000n);
  const capped = latePenalty(term, 80, false);
  assert.deepEqual(
    capped.lines.map((l) => l.subtotalIdr),
    [150_000n, 66_666n],
  );
  assert.equal(capped.amountIdr, 150_000n + 66_666n + 5_000n);
  const net = minus(term, threeDays);
  assert.equal(net.amountIdr + threeDays.amountIdr, term.amountIdr);
  assert.deepEqual(
    net.lines.map((l) => l.subtotalIdr),
    [2_991_000n, 1_329_333n],
  );
});
