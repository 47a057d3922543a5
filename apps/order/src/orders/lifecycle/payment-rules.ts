/**
 * Why a payment dated `paidOn` (the SP2D date) cannot be recorded for an
 * order of `fiscalYear` received (BAST) on `receivedOn`, or undefined when it
 * can: no payment before receipt (rule 10, BAST before payment), no SP2D
 * dated after today in Jakarta (the treasury issues it on its date), and none
 * dated outside the order's fiscal year (an SP2D realises its own year's
 * budget). Dates are Jakarta dates YYYY-MM-DD, so they compare as text. See
 * docs/domain.md, "Payment dated by the SP2D".
 */
export function paymentDateProblem(paidOn: string, receivedOn: string | null, today: string, fiscalYear: number): string | undefined {
  if (paidOn > today) return `paidOn ${paidOn} is in the future: an SP2D is dated on or before today (${today}, Jakarta)`;
  if (receivedOn && paidOn < receivedOn) return `paidOn ${paidOn} is before the BAST date (receivedOn ${receivedOn}): no payment before receipt`;
  if (Number(paidOn.slice(0, 4)) !== fiscalYear) {
    return `paidOn ${paidOn} is outside the order's fiscal year ${fiscalYear}: an SP2D is dated in the fiscal year whose budget it realises`;
  }
  return undefined;
}
