import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DipaFileError, MAX_DIPA_ROWS, parseDipaCsv } from './dipa-csv.js';

const HEADER = 'fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr';

test('reads each data line as a row with its line number, in any column order, with an optional dipa_number', () => {
  const { rows, errors } = parseDipaCsv(
    '\uFEFFkl_code,fiscal_year,satker_code,account_code,pagu_idr,blokir_idr,dipa_number\r\n024,2026,415423,521211,1500000000,100000000,"DIPA-024.01, rev 1"\r\n\r\n024,2026,415423,532111,250000000,,\r\n',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [
    {
      line: 2,
      fiscalYear: 2026,
      satkerCode: '415423',
      klCode: '024',
      accountCode: '521211',
      paguIdr: '1500000000',
      blokirIdr: '100000000',
      dipaNumber: 'DIPA-024.01, rev 1',
    },
    { line: 4, fiscalYear: 2026, satkerCode: '415423', klCode: '024', accountCode: '532111', paguIdr: '250000000', blokirIdr: '0' },
  ]);
});

test('reports each bad line with its number and the field, and keeps the good ones', () => {
  const { rows, errors } = parseDipaCsv(
    [
      HEADER,
      '2026,415423,024,521211,1000,0',
      '2026,41542,024,521211,1000,0',
      '2026,415423,024,511111,1000,0',
      '2026,415423,024,521211,12.5,0',
      '2026,415423,024,521211,1000,2000',
      '2026,415423,024,521211,1000',
      'twenty,415423,024,521211,1000,0',
      '2026,415423,24,521211,1000,0',
    ].join('\n'),
  );
  assert.deepEqual(
    rows.map((r) => r.line),
    [2],
  );
  assert.deepEqual(
    errors.map((e) => e.line),
    [3, 4, 5, 6, 7, 8, 9],
  );
  assert.match(errors[0].reason, /satker_code "41542" must be a 6-digit satker code/);
  assert.match(errors[1].reason, /account_code "511111" must be a 6-digit goods \(52…\) or capital \(53…\) account/);
  assert.match(errors[2].reason, /pagu_idr "12.5" must be whole rupiah/);
  assert.match(errors[3].reason, /blokir_idr 2000 exceeds pagu_idr 1000/);
  assert.match(errors[4].reason, /has 5 fields, the header 6/);
  assert.match(errors[5].reason, /fiscal_year must be a year/);
  assert.match(errors[6].reason, /kl_code "24" must be a 3-digit K\/L code/);
});

test('refuses a file whose header lacks a column, has an unknown one, has no rows or too many', () => {
  assert.throws(
    () => parseDipaCsv('fiscal_year,satker_code,kl_code,account_code,pagu_idr\n2026,415423,024,521211,1'),
    (e: Error) => {
      assert.ok(e instanceof DipaFileError);
      assert.match(e.message, /header lacks blokir_idr/);
      return true;
    },
  );
  assert.throws(() => parseDipaCsv(`${HEADER},note\n2026,415423,024,521211,1,0,x`), /unknown columns: note/);
  assert.throws(() => parseDipaCsv(`${HEADER}\n\n`), /has no rows/);
  const many = [HEADER, ...Array.from({ length: MAX_DIPA_ROWS + 1 }, () => '2026,415423,024,521211,1,0')].join('\n');
  assert.throws(() => parseDipaCsv(many), /at most 5000/);
});
