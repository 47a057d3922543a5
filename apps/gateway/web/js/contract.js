// Contract arithmetic the screens show before the order service decides:
// offers, payment terms (termin), late penalties and addenda. The service's
// answer is what counts; these only let a person see the figures as they type.
// Money is decimal strings in and out, BigInt inside.
import { sum, times, toRupiah } from './money.js';

/** Most payment terms an order may have (the order service refuses more). */
export const MAX_TERMS = 12;

/** Order states in which the officer may propose an addendum. */
export const ADDENDUM_ORDER_STATES = ['IN_PROCESS', 'SHIPPED', 'RECEIVED'];

/** Addendum states still waiting for the vendor or the budget: one at a time, and no shipment while one is. */
export const OPEN_ADDENDUM_STATES = ['PROPOSED', 'PENDING_BUDGET'];

/** An offer's total: each line's units at its proposed price, plus its shipping. */
export const offerTotal = (lines) => sum(lines.flatMap((line) => [times(line.unitPriceIdr, line.quantity), line.shippingIdr ?? '0']));

/**
 * One more payment term: the first call splits the order into two, later
 * calls split the last term again; the new term takes the smaller half of
 * every line, so each line's units still add up to its quantity.
 */
export function addTerm(terms, quantities) {
  const base = terms.length ? terms.map((term) => ({ ...term, quantities: [...term.quantities] })) : [{ quantities: [...quantities], deliveryDate: '' }];
  const last = base[base.length - 1];
  const moved = last.quantities.map((q) => Math.floor(q / 2));
  last.quantities = last.quantities.map((q, i) => q - moved[i]);
  return [...base, { quantities: moved, deliveryDate: '' }];
}

/** Drops term `index`, giving its units back to the term before it (or after, for the first); one term left is no terms at all. */
export function removeTerm(terms, index) {
  const receiver = index === 0 ? 1 : index - 1;
  const kept = terms.map((term, i) =>
    i === receiver ? { ...term, quantities: term.quantities.map((q, j) => q + terms[index].quantities[j]) } : { ...term, quantities: [...term.quantities] },
  );
  kept.splice(index, 1);
  return kept.length > 1 ? kept : [];
}

/**
 * What is wrong with the terms for lines of `quantities`, as message keys
 * with their values: too many terms, a term with no units, a line whose
 * units over the terms do not add up to its quantity.
 */
export function termProblems(quantities, terms) {
  if (!terms.length) return [];
  const problems = [];
  if (terms.length > MAX_TERMS) problems.push({ key: 'termsTooMany', vars: { max: MAX_TERMS } });
  terms.forEach((term, i) => {
    if (term.quantities.every((q) => q === 0)) problems.push({ key: 'termEmpty', vars: { term: i + 1 } });
  });
  quantities.forEach((quantity, j) => {
    const total = terms.reduce((n, term) => n + (term.quantities[j] ?? 0), 0);
    if (total !== quantity) problems.push({ key: 'termsLineSum', vars: { line: j + 1, sum: total, quantity } });
  });
  return problems;
}

/** A term's value: its units at the line prices; the order's shipping rides on the last term. */
export const termValue = (prices, quantities, shippingIdr, last) => sum([...quantities.map((q, i) => times(prices[i], q)), last ? (shippingIdr ?? '0') : '0']);

/** Calendar days from `due` to `on` (both YYYY-MM-DD), never below zero. */
export function daysLate(due, on) {
  if (!due || !on) return 0;
  const day = (text) => Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Math.max(0, Math.round((day(on) - day(due)) / 86_400_000));
}

/**
 * The late penalty on a term's parts (each line's part and the shipping
 * part): per part 1 ‰ of its value per day late, at most 5 % of it, in
 * whole rupiah rounded down.
 */
export function latePenalty(parts, days) {
  if (days <= 0) return '0';
  const d = BigInt(days);
  return parts
    .map(toRupiah)
    .reduce((total, value) => {
      const daily = (value * d) / 1000n;
      const cap = (value * 5n) / 100n;
      return total + (daily < cap ? daily : cap);
    }, 0n)
    .toString();
}

/** A term's parts as the penalty sees them: each line's units at its price, and what is left of the term's value (its shipping). */
export function termParts(order, term) {
  const lines = order.lines ?? [];
  const parts = (term.quantities ?? []).map(({ lineNo, quantity }) => {
    const line = lines.find((l, i) => (l.lineNo ?? i + 1) === lineNo);
    return line ? times(line.unitPriceIdr, quantity) : '0';
  });
  const shipping = toRupiah(term.valueIdr ?? '0') - toRupiah(sum(parts));
  return shipping > 0n ? [...parts, shipping.toString()] : parts;
}

/** What finance pays for a term: its value less the penalty taken at receipt. */
export const amountDue = (term) => (toRupiah(term.valueIdr ?? '0') - toRupiah(term.penaltyIdr ?? '0')).toString();

/** The addendum still open on the order, if any. */
export const openAddendum = (order) => (order.addenda ?? []).find((a) => OPEN_ADDENDUM_STATES.includes(a.status));

/**
 * The order's value after an addendum as the officer drafts it: lines at
 * their new quantities and agreed prices, added products at their listed
 * price, the shipping unchanged. An estimate; the service prices it.
 */
export function addendumEstimate(lines, newQuantities, added, shippingIdr) {
  return sum([
    ...lines.map((line, i) => times(line.unitPriceIdr, newQuantities[i] ?? line.quantity)),
    ...added.map((item) => times(item.priceIdr, item.quantity)),
    shippingIdr ?? '0',
  ]);
}
