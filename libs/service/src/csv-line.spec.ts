import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCsvLine } from './csv-line.js';

test('splits quoted fields, with doubled quotes inside them', () => {
  assert.deepEqual(splitCsvLine('a,"b,c","say ""hi""",'), ['a', 'b,c', 'say "hi"', '']);
});
