import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from '#serapan/service';
import { MAX_SP2D_ROWS, parseSp2dCsv } from './csv-treasury-payments.js';

const HEADER = 'sp2d_number,sp2d_date,amount_idr,purchase_order_number';

describe('the SP2D list as CSV', () => {
  test('reads one record a line, numbering lines from the header as 1 and skipping blank lines', () => {
    const entries = parseSp2dCsv(
      `${HEADER}\r\n260231301000123,2026-11-27,28650000,SP-415423-2026-000042\r\n\r\n260231301000124, 2026-11-28 ,"1500000",SP-415423-2026-000043\r\n`,
    );
    assert.deepEqual(entries, [
      { line: 2, record: { sp2dNumber: '260231301000123', sp2dDate: '2026-11-27', amountIdr: '28650000', purchaseOrderNumber: 'SP-415423-2026-000042' } },
      { line: 4, record: { sp2dNumber: '260231301000124', sp2dDate: '2026-11-28', amountIdr: '1500000', purchaseOrderNumber: 'SP-415423-2026-000043' } },
    ]);
  });

  test('reports a line it cannot read, naming the column, and reads the others', () => {
    const entries = parseSp2dCsv(
      [
        HEADER,
        '1001,2026-02-30,1000,SP-415423-2026-000001',
        '1002,2026-11-27,1.5e6,SP-415423-2026-000001',
        '1003,2026-11-27,-100,SP-415423-2026-000001',
        '1004,2026-11-27,1000,PO-1',
        '1005,2026-11-27,1000',
        '1006,2026-11-27,1000,SP-415423-2026-000001',
        '1007,2026-13-01,1000,SP-415423-2026-000001',
      ].join('\n'),
    );
    assert.deepEqual(
      entries.map((e) => ('malformed' in e ? [e.line, e.sp2dNumber, e.malformed.split(' ')[0]] : [e.line, e.record.sp2dNumber, 'ok'])),
      [
        [2, '1001', 'sp2d_date'],
        [3, '1002', 'amount_idr'],
        [4, '1003', 'amount_idr'],
        [5, '1004', 'purchase_order_number'],
        [6, '1005', 'expected'],
        [7, '1006', 'ok'],
        [8, '1007', 'sp2d_date'],
      ],
    );
  });

  test('reads quoted fields as one cell, so a comma inside quotes is not a column break', () => {
    const entries = parseSp2dCsv(`${HEADER}\n"1001","2026-11-27","1,500,000",SP-415423-2026-000001\n"1002","2026-11-27","1500000","SP-415423-2026-000002"\n`);
    assert.deepEqual(
      entries.map((e) => ('malformed' in e ? [e.line, e.malformed] : [e.line, e.record.amountIdr])),
      [
        [2, 'amount_idr "1,500,000" must be a positive whole rupiah amount, digits only'],
        [3, '1500000'],
      ],
    );
  });

  test('refuses a file of more than MAX_SP2D_ROWS rows, whole, naming the limit', () => {
    const row = '1001,2026-11-27,1000,SP-415423-2026-000001';
    assert.equal(parseSp2dCsv([HEADER, ...Array.from({ length: MAX_SP2D_ROWS }, () => row)].join('\n')).length, MAX_SP2D_ROWS);
    assert.throws(
      () => parseSp2dCsv([HEADER, ...Array.from({ length: MAX_SP2D_ROWS + 1 }, () => row)].join('\n')),
      (e) => e instanceof InvalidRequestError && /has 5001 rows; one import takes at most 5000/.test(e.message),
    );
  });

  test('refuses a file without the header line, whole', () => {
    assert.throws(() => parseSp2dCsv('260231301000123,2026-11-27,28650000,SP-415423-2026-000042\n'), InvalidRequestError);
    assert.throws(() => parseSp2dCsv(''), /header line sp2d_number,sp2d_date,amount_idr,purchase_order_number/);
  });

  test('accepts a byte-order mark and an upper-case header, as spreadsheets write them', () => {
    assert.equal(parseSp2dCsv(`\uFEFF${HEADER.toUpperCase()}\n1001,2026-11-27,1000,SP-415423-2026-000001\n`).length, 1);
  });
});
