import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvRow, splitCsvLine } from './csv-line.js';

test('splits quoted fields, with doubled quotes inside them', () => {
  assert.deepEqual(splitCsvLine('a,"b,c","say ""hi""",'), ['a', 'b,c', 'say "hi"', '']);
});

test('a cell a spreadsheet would run as a formula is quoted and starts with a quote mark', () => {
  assert.deepEqual(['=HYPERLINK("http://x")', '+1', '-5', '@SUM(A1)', '\tx', '\rx'].map(csvCell), [
    '"\'=HYPERLINK(""http://x"")"',
    '"\'+1"',
    '"\'-5"',
    '"\'@SUM(A1)"',
    '"\'\tx"',
    '"\'\rx"',
  ]);
});

test('plain values stay as they are, and commas, quotes and line breaks are quoted', () => {
  assert.equal(csvRow(['2026-03-13', 2026, '100000000', 30.5, true, null, undefined]), '2026-03-13,2026,100000000,30.5,true,,');
  assert.equal(csvRow(['a,b', 'say "hi"', 'two\nlines']), '"a,b","say ""hi""","two\nlines"');
  assert.deepEqual(splitCsvLine(csvRow(['a,b', '-5', 'x'])), ['a,b', "'-5", 'x']);
});
