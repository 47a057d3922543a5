import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileReleases, mergeJson } from './ocds-merge.js';

describe('OCDS merge', () => {
  test('objects merge field by field; a later value replaces an earlier one', () => {
    assert.deepEqual(mergeJson({ tender: { id: 't', status: 'active', title: 'A' } }, { tender: { id: 't', status: 'complete' } }), {
      tender: { id: 't', status: 'complete', title: 'A' },
    });
  });

  test('a null removes the field', () => {
    assert.deepEqual(mergeJson({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null } }), { a: 1, b: { d: 3 } });
  });

  test('arrays of objects with ids merge item by item; new ids are appended in order', () => {
    const earlier = {
      milestones: [
        { id: 'term-1', status: 'scheduled', dueDate: 'x' },
        { id: 'term-2', status: 'scheduled' },
      ],
    };
    const later = {
      milestones: [
        { id: 'term-1', status: 'met' },
        { id: 'term-3', status: 'scheduled' },
      ],
    };
    assert.deepEqual(mergeJson(earlier, later), {
      milestones: [
        { id: 'term-1', status: 'met', dueDate: 'x' },
        { id: 'term-2', status: 'scheduled' },
        { id: 'term-3', status: 'scheduled' },
      ],
    });
  });

  test('ids are compared as strings, so 1 and "1" are the same item', () => {
    assert.deepEqual(mergeJson({ items: [{ id: 1, quantity: 2 }] }, { items: [{ id: '1', quantity: 3 }] }), { items: [{ id: '1', quantity: 3 }] });
  });

  test('arrays of strings, and arrays of objects without ids, replace the earlier array', () => {
    assert.deepEqual(mergeJson({ roles: ['tenderer'] }, { roles: ['supplier', 'payee'] }), { roles: ['supplier', 'payee'] });
    assert.deepEqual(mergeJson({ list: [{ a: 1 }, { a: 2 }] }, { list: [{ a: 3 }] }), { list: [{ a: 3 }] });
  });

  test('an empty array replaces the earlier one', () => {
    assert.deepEqual(mergeJson({ items: [{ id: '1' }] }, { items: [] }), { items: [] });
  });

  test('a compiled release merges the releases in order, keeps no release of its own id, date or tag, and is tagged compiled', () => {
    const compiled = compileReleases([
      { ocid: 'ocds-x-1', id: 'ocds-x-1-1', date: '2026-01-01T00:00:00Z', tag: ['tender'], tender: { id: 't', status: 'active' } },
      { ocid: 'ocds-x-1', id: 'ocds-x-1-2', date: '2026-01-02T00:00:00Z', tag: ['award'], awards: [{ id: 'a', status: 'pending' }] },
      { ocid: 'ocds-x-1', id: 'ocds-x-1-3', date: '2026-01-03T00:00:00Z', tag: ['awardUpdate'], awards: [{ id: 'a', status: 'active' }] },
    ]);
    assert.deepEqual(compiled, {
      ocid: 'ocds-x-1',
      id: 'ocds-x-1-3-compiled',
      date: '2026-01-03T00:00:00Z',
      tag: ['compiled'],
      tender: { id: 't', status: 'active' },
      awards: [{ id: 'a', status: 'active' }],
    });
  });

  test('compiling no release is an error', () => {
    assert.throws(() => compileReleases([]), /at least one release/);
  });
});
