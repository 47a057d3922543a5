import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waves } from './event-batch.js';

const e = (type: string, subject: string, n: number) => ({ type, subject, n });
const shape = (result: ReturnType<typeof waves<ReturnType<typeof e>>>) => result.map((w) => `${w.type}:${w.events.map((x) => x.n).join(',')}`);

/** Every key's events, in the order the runs apply them. */
const perKey = (result: ReturnType<typeof waves<ReturnType<typeof e>>>) => {
  const keys = new Map<string, number[]>();
  for (const x of result.flatMap((w) => w.events)) keys.set(x.subject, [...(keys.get(x.subject) ?? []), x.n]);
  return keys;
};

test('groups a batch by type when no key has events of two types', () => {
  const batch = [e('placed', 'a', 1), e('paid', 'b', 2), e('placed', 'c', 3), e('paid', 'd', 4)];
  assert.deepEqual(shape(waves(batch)), ['placed:1,3', 'paid:2,4']);
});

test("keeps one key's events in their order across types, with few runs", () => {
  const batch = [e('placed', 'a', 1), e('placed', 'b', 2), e('cancelled', 'a', 3), e('placed', 'c', 4), e('placed', 'a', 5)];
  const result = waves(batch);
  assert.deepEqual(shape(result), ['placed:1,2,4', 'cancelled:3', 'placed:5']);
  assert.deepEqual(perKey(result).get('a'), [1, 3, 5]);
});

test('a key repeated with the same type stays in one run', () => {
  assert.deepEqual(shape(waves([e('updated', 'p', 1), e('updated', 'p', 2), e('updated', 'q', 3)])), ['updated:1,2,3']);
  assert.deepEqual(waves([]), []);
});

test('never reorders a key, whatever the mix of types', () => {
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 300; round++) {
    const batch = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, n) =>
      e(['placed', 'cancelled', 'paid'][Math.floor(random() * 3)], 'abcd'[Math.floor(random() * 4)], n),
    );
    const result = waves(batch);
    assert.equal(result.flatMap((w) => w.events).length, batch.length);
    for (const [key, ns] of perKey(result))
      assert.deepEqual(
        ns,
        batch.filter((x) => x.subject === key).map((x) => x.n),
        `round ${round}, key ${key}`,
      );
    assert.ok(result.every((w) => w.events.every((x) => x.type === w.type)));
  }
});
