import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from '#serapan/service';
import { FEED_START, feedPage, type Placed, seqOf, startOf } from './feed-page.js';

const placed = (seq: number, since: string): Placed => ({
  releaseId: `ocds-x-katalog-or-order-${seq}`,
  release: { id: `ocds-x-katalog-or-order-${seq}` },
  at: { since, after: String(seq) },
});

describe('the feed cursor', () => {
  test('without since the feed starts before every release; with since it takes every release at that instant', () => {
    assert.deepEqual(startOf(undefined, undefined), FEED_START);
    assert.deepEqual(startOf('2026-03-01T00:00:00Z', undefined), { since: '2026-03-01T00:00:00Z', after: '-1' });
  });

  test('after names the last release held by its id: the feed goes on after its seq', () => {
    assert.deepEqual(startOf('2026-03-01T00:00:00.000001Z', 'ocds-serapan-0b5c1d7e-0000-4000-8000-000000000001-1234'), {
      since: '2026-03-01T00:00:00.000001Z',
      after: '1234',
    });
    assert.equal(seqOf('ocds-serapan-katalog-0'), '0');
    assert.throws(() => seqOf('ocds-serapan-katalog'), /no release id/);
  });

  test('after without since is refused, naming after', () => {
    assert.throws(
      () => startOf(undefined, 'ocds-serapan-katalog-0'),
      (error: Error) => error instanceof InvalidRequestError && /^after needs since/.test(error.message),
    );
  });

  test('a page holds at most limit releases, and the next starts after the last served, even between releases of one instant', () => {
    const same = '2026-03-01T00:00:00.000001Z';
    const candidates = [placed(7, same), placed(8, same), placed(9, same)];
    const first = feedPage(candidates, 2);
    assert.deepEqual(
      first.releases.map((r) => r.id),
      ['ocds-x-katalog-or-order-7', 'ocds-x-katalog-or-order-8'],
    );
    assert.deepEqual(first.next, { since: same, after: '8', releaseId: 'ocds-x-katalog-or-order-8' });
  });

  test('a place whose release could not be made is passed over unserved, and the next page still starts after it', () => {
    const same = '2026-03-01T00:00:00.000001Z';
    const page = feedPage([placed(7, same), { ...placed(8, same), release: undefined }, placed(9, same)], 2);
    assert.deepEqual(
      page.releases.map((r) => r.id),
      ['ocds-x-katalog-or-order-7'],
    );
    assert.deepEqual(page.next, { since: same, after: '8', releaseId: 'ocds-x-katalog-or-order-8' });
  });

  test('the last page has no next', () => {
    assert.equal(feedPage([placed(1, '2026-03-01T00:00:00Z')], 1).next, undefined);
    assert.equal(feedPage([], 10).next, undefined);
  });
});
