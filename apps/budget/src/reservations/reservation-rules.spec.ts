import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideReservations, LineFigures } from './reservation-rules.js';

const line = (paguIdr: bigint, committedIdr = 0n, realisedIdr = 0n, blokirIdr = 0n): LineFigures => ({ paguIdr, blokirIdr, committedIdr, realisedIdr });
const ask = (orderId: string, totalIdr: bigint, lineKey = 'L', satkerCode = '415423', klCode = '023') => ({ orderId, lineKey, totalIdr, satkerCode, klCode });
const registry = new Map([
  ['415423', '023'],
  ['415424', '023'],
]);

test('reserves orders in arrival order while they fit, and a later smaller one after a rejection', () => {
  const { decisions, committedByLine } = decideReservations(new Map([['L', line(100n)]]), registry, [
    ask('a', 60n),
    ask('b', 50n),
    ask('c', 30n),
    ask('d', 11n),
  ]);
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
  const { decisions } = decideReservations(new Map([['L', line(100n, 30n, 20n)]]), registry, [ask('a', 50n), ask('b', 1n)]);
  assert.deepEqual(
    decisions.map((d) => d.reserved),
    [true, false],
  );
  assert.equal(decisions[0].remainingIdr, 0n);
});

test('blocked funds are not available: an order that fits the pagu but not pagu − blokir is rejected', () => {
  const { decisions } = decideReservations(new Map([['L', line(100n, 10n, 0n, 30n)]]), registry, [ask('a', 61n), ask('b', 60n), ask('c', 1n)]);
  assert.deepEqual(
    decisions.map((d) => [d.reserved, d.remainingIdr]),
    [
      [false, 60n],
      [true, 0n],
      [false, 0n],
    ],
  );
  assert.match(decisions[0].reason!, /order total 61 exceeds the remaining pagu 60 of line L \(pagu − blokir − committed − realised\)/);
});

test('a line entirely blocked takes no order', () => {
  const { decisions } = decideReservations(new Map([['L', line(100n, 0n, 0n, 100n)]]), registry, [ask('a', 1n)]);
  assert.equal(decisions[0].reserved, false);
  assert.equal(decisions[0].rejection, 'exceeds_remaining_pagu');
});

test('rejects an order whose satker is registered to another K/L, or not registered, naming the registry; money is not touched', () => {
  const { decisions, committedByLine } = decideReservations(new Map([['L', line(100n)]]), registry, [
    ask('a', 10n, 'L', '415423', '024'),
    ask('b', 10n, 'L', '999999', '023'),
    ask('c', 10n, 'L', '415423', '023'),
  ]);
  assert.deepEqual(
    decisions.map((d) => [d.reserved, d.rejection]),
    [
      [false, 'kl_mismatch'],
      [false, 'satker_not_registered'],
      [true, undefined],
    ],
  );
  assert.match(decisions[0].reason!, /the order's K\/L 024 does not match K\/L 023 of satker 415423 in the satker registry/);
  assert.match(decisions[1].reason!, /satker 999999 is not in the satker registry/);
  assert.equal(committedByLine.get('L'), 10n);
  assert.equal(decisions[2].remainingIdr, 90n);
});

test('rejects an order whose line was never allocated, and keeps lines apart', () => {
  const { decisions, committedByLine } = decideReservations(
    new Map([
      ['L', line(10n)],
      ['M', line(5n)],
    ]),
    registry,
    [ask('a', 10n, 'L'), ask('b', 5n, 'M', '415424'), ask('c', 1n, 'X')],
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

test('the sum reserved never exceeds what the line had left after its blokir, whatever the order sizes', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const pagu = BigInt(1 + Math.floor(random() * 1_000_000));
    const blokir = (pagu * BigInt(Math.floor(random() * 500_000))) / 1_000_000n;
    const used = ((pagu - blokir) * BigInt(Math.floor(random() * 1_000_000))) / 1_000_000n;
    const asks = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => ask(String(i), BigInt(1 + Math.floor(random() * 100_000))));
    const { decisions, committedByLine } = decideReservations(new Map([['L', line(pagu, used, 0n, blokir)]]), registry, asks);
    const reserved = committedByLine.get('L') ?? 0n;
    assert.ok(used + reserved <= pagu - blokir, `round ${round}: ${used} + ${reserved} > ${pagu} − ${blokir}`);
    assert.equal(
      reserved,
      decisions.filter((d) => d.reserved).reduce((s, d) => s + asks[Number(d.orderId)].totalIdr, 0n),
    );
  }
});
