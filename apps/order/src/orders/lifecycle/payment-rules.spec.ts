import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { paymentDateProblem } from './payment-rules.js';

describe('payment date rules', () => {
  test('accepts an SP2D dated on the BAST date or after it, up to today', () => {
    assert.equal(paymentDateProblem('2026-11-27', '2026-11-27', '2026-11-28', 2026), undefined);
    assert.equal(paymentDateProblem('2026-11-28', '2026-11-20', '2026-11-28', 2026), undefined);
  });

  test('refuses an SP2D dated before the BAST, naming paidOn and the receipt rule', () => {
    assert.match(
      paymentDateProblem('2026-11-26', '2026-11-27', '2026-11-28', 2026) ?? '',
      /^paidOn 2026-11-26 is before the BAST date \(receivedOn 2026-11-27\)/,
    );
  });

  test('refuses an SP2D dated after today in Jakarta', () => {
    assert.match(paymentDateProblem('2026-11-29', '2026-11-27', '2026-11-28', 2026) ?? '', /^paidOn 2026-11-29 is in the future/);
  });

  test("refuses an SP2D dated outside the order's fiscal year, naming paidOn and the rule", () => {
    assert.match(paymentDateProblem('2026-01-05', '2025-12-30', '2026-01-06', 2025) ?? '', /^paidOn 2026-01-05 is outside the order's fiscal year 2025/);
    assert.match(paymentDateProblem('2025-12-31', null, '2026-01-06', 2026) ?? '', /^paidOn 2025-12-31 is outside the order's fiscal year 2026/);
    assert.equal(paymentDateProblem('2025-12-31', '2025-12-30', '2026-01-06', 2025), undefined);
  });
});
