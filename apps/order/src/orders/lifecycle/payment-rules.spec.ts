import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jakartaDate, paymentDateProblem } from './payment-rules.js';

describe('payment date rules', () => {
  test('accepts an SP2D dated on the BAST date or after it, up to today', () => {
    assert.equal(paymentDateProblem('2026-11-27', '2026-11-27', '2026-11-28'), undefined);
    assert.equal(paymentDateProblem('2026-11-28', '2026-11-20', '2026-11-28'), undefined);
  });

  test('refuses an SP2D dated before the BAST, naming paidOn and the receipt rule', () => {
    assert.match(paymentDateProblem('2026-11-26', '2026-11-27', '2026-11-28') ?? '', /^paidOn 2026-11-26 is before the BAST date \(receivedOn 2026-11-27\)/);
  });

  test('refuses an SP2D dated after today in Jakarta', () => {
    assert.match(paymentDateProblem('2026-11-29', '2026-11-27', '2026-11-28') ?? '', /^paidOn 2026-11-29 is in the future/);
  });

  test('today is the Jakarta date: 17:00 UTC is already the next day there', () => {
    assert.equal(jakartaDate(new Date('2026-11-28T16:59:59Z')), '2026-11-28');
    assert.equal(jakartaDate(new Date('2026-11-28T17:00:00Z')), '2026-11-29');
  });
});
