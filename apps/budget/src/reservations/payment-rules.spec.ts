import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Commitment, NOTHING, plus } from './commitment.js';
import { HeldReservation, PaymentStep, settlePayments, WHOLE_ORDER } from './payment-rules.js';

/** Money of a domestic (`pdn` tier), UMK vendor's goods, plus shipping in no tier. */
const money = (goods: bigint, shipping = 0n): Commitment => ({
  amountIdr: goods + shipping,
  pdnIdr: goods,
  umkIdr: goods + shipping,
  tiers: [0n, goods, 0n, 0n, 0n],
});
const committed = (held: Commitment): HeldReservation => ({ status: 'committed', held });
const term = (orderId: string, termNo: number, paid: Commitment, penalty = NOTHING, final = false): PaymentStep => ({
  orderId,
  step: `term ${termNo}`,
  paid,
  penalty,
  final,
});
const applied = (outcome: ReturnType<typeof settlePayments>['outcomes'][number]) => {
  assert.equal(
    outcome.outcome,
    'applied',
    JSON.stringify(outcome, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
  return outcome;
};

test('a two-term order realises each term as it is paid; the late term’s penalty is released, and after the final term nothing is committed', () => {
  const reservations = new Map([['a', committed(money(3_000_000n, 50_000n))]]);
  const first = settlePayments(reservations, [term('a', 1, money(1_000_000n))]);
  assert.deepEqual(applied(first.outcomes[0]), { outcome: 'applied', realised: money(1_000_000n), released: NOTHING });
  assert.deepEqual(first.after.get('a'), committed(money(2_000_000n, 50_000n)));

  // 2 days late: 2 ‰ of the goods (4,000) and of the shipping (100), withheld
  const second = settlePayments(first.after, [term('a', 2, money(1_996_000n, 49_900n), money(4_000n, 100n), true)]);
  const { realised, released } = applied(second.outcomes[0]);
  assert.deepEqual(realised, money(1_996_000n, 49_900n));
  assert.deepEqual(released, money(4_000n, 100n));
  assert.deepEqual(plus(plus(money(1_000_000n), realised), released), money(3_000_000n, 50_000n), 'every rupiah realised or released');
  assert.equal(second.after.get('a')!.status, 'realised');
});

test('several terms of one order in one batch are booked in arrival order, each on what the one before left', () => {
  const { outcomes, after } = settlePayments(new Map([['a', committed(money(900n))]]), [
    term('a', 1, money(300n)),
    term('a', 2, money(300n)),
    term('a', 3, money(300n), NOTHING, true),
  ]);
  assert.deepEqual(
    outcomes.map((o) => applied(o).realised.amountIdr),
    [300n, 300n, 300n],
  );
  assert.equal(after.get('a')!.status, 'realised');
});

test('the final term releases whatever the terms left committed', () => {
  const { outcomes } = settlePayments(new Map([['a', committed(money(1_000n))]]), [term('a', 1, money(990n), NOTHING, true)]);
  assert.deepEqual(applied(outcomes[0]).released, money(10n));
});

test('a payment in one (an order.paid from before terms) realises all the order holds, and repeated finds it realised and changes nothing', () => {
  const whole: PaymentStep = { orderId: 'a', step: WHOLE_ORDER, penalty: NOTHING, final: true };
  const { outcomes, after } = settlePayments(new Map([['a', committed(money(1_000n, 20n))]]), [whole]);
  assert.deepEqual(applied(outcomes[0]), { outcome: 'applied', realised: money(1_000n, 20n), released: NOTHING });
  assert.deepEqual(after.get('a'), { status: 'realised', held: money(1_000n, 20n) }, 'a settled reservation keeps what it held');
  assert.deepEqual(settlePayments(after, [whole]).outcomes, [{ outcome: 'repeat' }]);
});

test('a payment of an order holding no committed reservation is refused, naming its status', () => {
  const { outcomes } = settlePayments(
    new Map<string, HeldReservation>([
      ['released', { status: 'released', held: money(5n) }],
      ['realised', { status: 'realised', held: money(5n) }],
    ]),
    [term('released', 1, money(5n)), term('realised', 2, money(5n)), { orderId: 'unknown', step: WHOLE_ORDER, penalty: NOTHING, final: true }],
  );
  assert.deepEqual(
    outcomes.map((o) => (o.outcome === 'refused' ? o.reason : o.outcome)),
    [
      'order released was paid for term 1 but holds no committed reservation (released)',
      'order realised was paid for term 2 but holds no committed reservation (realised)',
      'order unknown was paid but holds no committed reservation (none)',
    ],
  );
});

test('a payment of more than the order still holds, in any part, is refused and changes nothing', () => {
  const held = money(1_000n);
  const imported: Commitment = { amountIdr: 500n, pdnIdr: 0n, umkIdr: 500n, tiers: [0n, 0n, 0n, 0n, 500n] };
  const { outcomes, after } = settlePayments(new Map([['a', committed(held)]]), [term('a', 1, money(990n), money(20n)), term('a', 2, imported)]);
  assert.match(
    outcomes[0].outcome === 'refused' ? outcomes[0].reason : '',
    /^term 1 of order a realises 990 and releases 20, more than the order holds \(amount -10 would be left\)$/,
  );
  assert.match(outcomes[1].outcome === 'refused' ? outcomes[1].reason : '', /\(import tier -500 would be left\)/);
  assert.deepEqual(after.get('a'), committed(held));
});

test('whatever the split into terms and penalties, what is realised and released adds up to the order exactly', () => {
  let seed = 11;
  const random = (n: number) => BigInt(Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n));
  for (let round = 0; round < 200; round++) {
    const goods = 1n + random(10_000_000_000);
    const shipping = random(1_000_000);
    const terms = 1 + Number(random(12));
    let goodsLeft = goods;
    let shippingLeft = shipping;
    const steps = Array.from({ length: terms }, (_, i) => {
      const last = i === terms - 1;
      const g = last ? goodsLeft : random(Number(goodsLeft) + 1);
      const s = last ? shippingLeft : 0n;
      goodsLeft -= g;
      shippingLeft -= s;
      const days = random(60);
      const penaltyOn = (value: bigint) => ((value * days) / 1000n < (value * 5n) / 100n ? (value * days) / 1000n : (value * 5n) / 100n);
      const penalty = money(penaltyOn(g), penaltyOn(s));
      return term('a', i + 1, money(g - penalty.pdnIdr, s - (penalty.amountIdr - penalty.pdnIdr)), penalty, last);
    });
    const { outcomes, after } = settlePayments(new Map([['a', committed(money(goods, shipping))]]), steps);
    const moved = outcomes.map(applied).reduce((sum, o) => plus(sum, plus(o.realised, o.released)), NOTHING);
    assert.deepEqual(moved, money(goods, shipping), `round ${round}`);
    assert.equal(after.get('a')!.status, 'realised');
  }
});
