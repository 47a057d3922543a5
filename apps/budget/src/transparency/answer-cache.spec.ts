import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerCache } from './answer-cache.js';

test('one question asked many times within the time is answered by one computation; after it, by a new one', async () => {
  let now = 0;
  let computed = 0;
  const cache = new AnswerCache(30_000, () => now);
  const ask = () => cache.get('summary 2026', () => Promise.resolve(++computed));
  assert.deepEqual(await Promise.all([ask(), ask(), ask()]), [1, 1, 1]);
  now = 29_999;
  assert.equal(await ask(), 1);
  now = 30_000;
  assert.equal(await ask(), 2);
  assert.equal(await cache.get('weekly 2026', () => Promise.resolve('other')), 'other');
});

test('a failed answer is not kept, and the cache never holds more than its bound', async () => {
  let now = 0;
  const cache = new AnswerCache(1_000, () => now, 2);
  await assert.rejects(cache.get('a', () => Promise.reject(new Error('database down'))));
  assert.equal(await cache.get('a', () => Promise.resolve('up')), 'up');
  await cache.get('b', () => Promise.resolve('b'));
  await cache.get('c', () => Promise.resolve('c'));
  now = 500;
  let computed = 0;
  // full of fresh answers: it starts over, so 'a' is computed again
  await cache.get('d', () => Promise.resolve(++computed));
  assert.equal(await cache.get('a', () => Promise.resolve('again')), 'again');
});
