import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AmendmentRequest, decideAmendments } from './amendment-rules.js';
import { Commitment } from './commitment.js';
import { HeldReservation } from './payment-rules.js';
import { LineFigures } from './reservation-rules.js';

/** Money of goods in the `pdn` tier, or (negative) taken away from it. */
const money = (amountIdr: bigint): Commitment => ({ amountIdr, pdnIdr: amountIdr, umkIdr: 0n, tiers: [0n, amountIdr, 0n, 0n, 0n] });
const line = (paguIdr: bigint, committedIdr = 0n, realisedIdr = 0n, blokirIdr = 0n): LineFigures => ({ paguIdr, blokirIdr, committedIdr, realisedIdr });
const committed = (amount: bigint): HeldReservation => ({ status: 'committed', held: money(amount) });
const ask = (orderId: string, addendumNumber: number, change: bigint, lineKey = 'L'): AmendmentRequest => ({
  orderId,
  addendumNumber,
  lineKey,
  change: money(change),
});

test('an increase that does not fit what the line has left is rejected, naming the figures, and the order keeps what it held', () => {
  const reservations = new Map([['a', committed(60n)]]);
  const { decisions, after } = decideAmendments(new Map([['L', line(100n, 60n, 10n)]]), reservations, [ask('a', 1, 31n)]);
  assert.deepEqual(
    decisions.map((d) => [d.applied, d.remainingIdr, d.rejection]),
    [[false, 30n, 'exceeds_remaining_pagu']],
  );
  assert.equal(decisions[0].reason, 'addendum 1 adds 31 to order a, more than the remaining pagu 30 of line L (pagu − blokir − committed − realised)');
  assert.deepEqual(after.get('a'), committed(60n));
});

test('an increase that fits exactly is reserved; blocked funds are not available to it', () => {
  const { decisions, after } = decideAmendments(new Map([['L', line(100n, 60n, 0n, 10n)]]), new Map([['a', committed(60n)]]), [
    ask('a', 1, 31n),
    ask('a', 2, 30n),
  ]);
  assert.deepEqual(
    decisions.map((d) => [d.applied, d.remainingIdr]),
    [
      [false, 30n],
      [true, 0n],
    ],
  );
  assert.deepEqual(after.get('a'), committed(90n));
});

test('a decrease always applies, and gives its room to an increase decided after it', () => {
  const full = new Map([['L', line(100n, 100n)]]);
  const { decisions, after } = decideAmendments(
    full,
    new Map([
      ['a', committed(70n)],
      ['b', committed(30n)],
    ]),
    [ask('a', 1, -20n), ask('b', 1, 20n), ask('b', 2, 1n)],
  );
  assert.deepEqual(
    decisions.map((d) => [d.orderId, d.applied, d.remainingIdr]),
    [
      ['a', true, 20n],
      ['b', true, 0n],
      ['b', false, 0n],
    ],
  );
  assert.deepEqual([after.get('a'), after.get('b')], [committed(50n), committed(50n)]);
});

test('a change that leaves the amount as it is applies, even on a full line, while one part rises and another falls', () => {
  const swap: Commitment = { amountIdr: 0n, pdnIdr: -40n, umkIdr: 0n, tiers: [0n, -40n, 0n, 0n, 40n] };
  const { decisions, after } = decideAmendments(new Map([['L', line(100n, 100n)]]), new Map([['a', committed(100n)]]), [
    { orderId: 'a', addendumNumber: 1, lineKey: 'L', change: swap },
  ]);
  assert.equal(decisions[0].applied, true);
  assert.deepEqual(after.get('a')!.held, { amountIdr: 100n, pdnIdr: 60n, umkIdr: 0n, tiers: [0n, 60n, 0n, 0n, 40n] });
});

test('only an order holding a committed reservation can be amended', () => {
  const { decisions } = decideAmendments(new Map([['L', line(100n)]]), new Map<string, HeldReservation>([['paid', { status: 'realised', held: money(10n) }]]), [
    ask('paid', 1, -5n),
    ask('unknown', 1, 5n),
  ]);
  assert.deepEqual(
    decisions.map((d) => [d.applied, d.rejection, d.reason]),
    [
      [false, 'not_committed', 'order paid holds no committed reservation to amend (realised)'],
      [false, 'not_committed', 'order unknown holds no committed reservation to amend (none)'],
    ],
  );
});

test('a decrease cannot take away more than the order still holds, in any part', () => {
  const { decisions, after } = decideAmendments(new Map([['L', line(100n, 40n)]]), new Map([['a', committed(40n)]]), [ask('a', 3, -41n)]);
  assert.equal(decisions[0].rejection, 'exceeds_commitment');
  assert.equal(decisions[0].reason, 'addendum 3 takes away more than order a holds (amount -1 would be left)');
  assert.deepEqual(after.get('a'), committed(40n));
});

test('the increases reserved never exceed what the line had left, whatever the sizes and signs', () => {
  let seed = 5;
  const random = (n: number) => BigInt(Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n));
  for (let round = 0; round < 200; round++) {
    const pagu = 1n + random(1_000_000);
    const orders = Array.from({ length: 1 + Number(random(10)) }, (_, i) => [String(i), random(Number(pagu / 10n))] as const);
    const used = orders.reduce((sum, [, held]) => sum + held, 0n);
    if (used > pagu) continue;
    const asks = Array.from({ length: 1 + Number(random(30)) }, (_, i) => ask(String(Number(random(orders.length))), i + 1, random(200_000) - 100_000n));
    const { decisions, after } = decideAmendments(new Map([['L', line(pagu, used)]]), new Map(orders.map(([id, held]) => [id, committed(held)])), asks);
    const heldAfter = [...after.values()].reduce((sum, r) => sum + r.held.amountIdr, 0n);
    assert.ok(heldAfter <= pagu, `round ${round}: ${heldAfter} > ${pagu}`);
    assert.equal(
      heldAfter - used,
      asks.filter((_, i) => decisions[i].applied).reduce((sum, a) => sum + a.change.amountIdr, 0n),
    );
    assert.ok([...after.values()].every((r) => r.held.amountIdr >= 0n));
  }
});
