import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportCardDto } from './dto/weekly-report.dto.js';
import { toCsv } from './weekly-report.service.js';

test('the weekly CSV neutralises a negative change, so a spreadsheet reads it as text, not a formula', () => {
  const card = { weekEnding: '2026-03-13', fiscalYear: 2026, klCode: '024', satkerCode: '415423', paguIdr: '100', absorptionChangePct: -5 };
  const [header, row] = toCsv([card as unknown as ReportCardDto]).split('\r\n');
  assert.match(header, /^weekEnding,fiscalYear,klCode,satkerCode,paguIdr,/);
  assert.match(row, /^2026-03-13,2026,024,415423,100,,,,"'-5",/);
});
