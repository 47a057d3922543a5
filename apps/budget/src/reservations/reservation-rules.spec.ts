import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideReservations, LineFigures } from './reservation-rules.js';

const line = (paguIdr: bigint, committedIdr = 0n, realisedIdr = 0n): LineFigures => ({ paguIdr, committedIdr, realisedIdr });
const ask = (orderId: string, totalIdr: bigint, lineKey = 'L') => ({ orderId, lineKey, totalIdr });

test('reserves orders in arrival order while they fit, and a later smaller one after a rejection', () => {
  const { decisions, committedByLine } = decideReservations(new Map([['L', line(100n)]]), [ask('a', 60n), ask('b', 50n), ask('c', 30n), ask('d', 11n)]);
  assert.deepEqual(
    decisions.map((d) => [d.orderId, d.reserved, d.remainingIdr]),
    [
      ['a', true, 40n],
      ['b', false, 40n],
      ['c', true, 10n],
      ['d', false, 10n],
    ],
  );
  assert.equal(committedByLine.get('L'), 90n);
  assert.match(decisions[1].reason!, /order total 50 exceeds the remaining pagu 40 of line L/);
  assert.equal(decisions[1].rejection, 'exceeds_remaining_pagu');
});

test('counts what is already committed and realised against the pagu; an exact fit is reserved', () => {
  const { decisions } = decideReservations(new Map([['L', line(100n, 30n, 20n)]]), [ask('a', 50n), ask('b', 1n)]);
  assert.deepEqual(
    decisions.map((d) => d.reserved),
    [true, false],
  );
  assert.equal(decisions[0].remainingIdr, 0n);
});

test('rejects an order whose line was never allocated, and keeps lines apart', () => {
  const { decisions, committedByLine } = decideReservations(
    new Map([
      ['L', line(10n)],
      ['M', line(5n)],
    ]),
    [ask('a', 10n, 'L'), ask('b', 5n, 'M'), ask('c', 1n, 'X')],
  );
  assert.deepEqual(
    decisions.map((d) => d.reserved),
    [true, true, false],
  );
  assert.match(decisions[2].reason!, /no budget line X has been allocated/);
  assert.equal(decisions[2].rejection, 'no_budget_line');
  assert.deepEqual(
    [...committedByLine],
    [
      ['L', 10n],
      ['M', 5n],
    ],
  );
});

test('the sum reserved never exceeds what the line had left, whatever the order sizes', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const pagu = BigInt(1 + Math.floor(random() * 1_000_000));
    const used = (pagu * BigInt(Math.floor(random() * 1_000_000))) / 1_000_000n;
    const asks = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => ask(String(i), BigInt(1 + Math.floor(random() * 100_000))));
    const { decisions, committedByLine } = decideReservations(new Map([['L', line(pagu, used)]]), asks);
    const reserved = committedByLine.get('L') ?? 0n;
    assert.ok(used + reserved <= pagu, `round ${round}: ${used} + ${reserved} > ${pagu}`);
    assert.equal(
      reserved,
      decisions.filter((d) => d.reserved).reduce((s, d) => s + asks[Number(d.orderId)].totalIdr, 0n),
    );
  }
});
