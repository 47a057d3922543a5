import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAddendumMayOpen,
  assertCancellable,
  ContractState,
  IllegalAddendumStepError,
  IllegalTransitionError,
  nextAddendumStatus,
  nextStatus,
  OrderAction,
  OrderStatus,
  statusOfTerms,
  termStep,
  TERM_TRANSITIONS,
  TermStatus,
  TRANSITIONS,
} from './order-state.js';

const contract = (status: OrderStatus, ...terms: TermStatus[]): ContractState => ({ status, terms: terms.map((s, i) => ({ termNo: i + 1, status: s })) });

/** Applies term steps in turn, as the service does, returning each order status. */
function run(order: ContractState, steps: readonly [keyof typeof TERM_TRANSITIONS, number?][]): OrderStatus[] {
  const seen: OrderStatus[] = [];
  for (const [action, termNo] of steps) {
    const step = termStep(order, action, termNo);
    order = { ...order, status: step.orderStatus, terms: order.terms.map((t) => (t.termNo === step.termNo ? { ...t, status: step.termStatus } : t)) };
    seen.push(order.status);
  }
  return seen;
}

test('a negotiated order of a pejabat pengadaan goes to the PPK, then to the budget and the vendor', () => {
  const path: OrderAction[] = ['offer', 'offer', 'agree', 'approve', 'reserve', 'accept'];
  assert.equal(
    path.reduce((status: OrderStatus, action) => nextStatus(status, action), 'NEGOTIATING'),
    'IN_PROCESS',
  );
  assert.equal(nextStatus('NEGOTIATING', 'withdraw'), 'CANCELLED');
  assert.equal(nextStatus('NEGOTIATING', 'lapse'), 'CANCELLED');
  assert.equal(nextStatus('AWAITING_APPROVAL', 'refuse'), 'REJECTED');
  assert.throws(() => nextStatus('PENDING_BUDGET', 'approve'), /cannot approve an order that is PENDING_BUDGET; allowed only when AWAITING_APPROVAL/);
  assert.throws(() => nextStatus('AWAITING_APPROVAL', 'offer'), IllegalTransitionError);
});

test('a one-term order ships, is received and is paid as before: SHIPPED, RECEIVED, COMPLETED', () => {
  assert.deepEqual(run(contract('IN_PROCESS', 'PLANNED'), [['ship'], ['receive'], ['pay']]), ['SHIPPED', 'RECEIVED', 'COMPLETED']);
});

test('a two-term order stays in process until its last term ships, and completes with its last payment', () => {
  const statuses = run(contract('IN_PROCESS', 'PLANNED', 'PLANNED'), [['ship'], ['receive'], ['pay'], ['ship'], ['receive', 2], ['pay', 2]]);
  assert.deepEqual(statuses, ['IN_PROCESS', 'IN_PROCESS', 'IN_PROCESS', 'SHIPPED', 'RECEIVED', 'COMPLETED']);
  assert.equal(statusOfTerms([{ status: 'PAID' }, { status: 'RECEIVED' }]), 'RECEIVED');
});

test('terms ship in order, each step needs the one before, and a wrong term is named', () => {
  assert.throws(() => termStep(contract('IN_PROCESS', 'PLANNED', 'PLANNED'), 'ship', 2), /term 1 ships first/);
  assert.throws(() => termStep(contract('IN_PROCESS', 'SHIPPED', 'PLANNED'), 'pay', 1), /that term is SHIPPED, not RECEIVED/);
  assert.throws(() => termStep(contract('IN_PROCESS', 'PLANNED'), 'receive'), /cannot receive an order that is IN_PROCESS: no term is SHIPPED/);
  assert.throws(() => termStep(contract('SHIPPED', 'SHIPPED'), 'receive', 3), /it has terms 1–1, not term 3/);
  assert.throws(() => termStep(contract('AWAITING_VENDOR', 'PLANNED'), 'ship'), /cannot ship an order that is AWAITING_VENDOR/);
  assert.throws(() => termStep(contract('COMPLETED', 'PAID'), 'pay'), IllegalTransitionError);
});

test('no shipment and no cancellation while an addendum is open, and only one addendum at a time', () => {
  const waiting = { ...contract('IN_PROCESS', 'PLANNED'), openAddendum: { number: 1, status: 'PENDING_BUDGET' as const } };
  assert.throws(() => termStep(waiting, 'ship'), /addendum 1 is PENDING_BUDGET/);
  assert.throws(() => assertCancellable(waiting), /addendum 1 is waiting for the budget/);
  assert.throws(() => assertAddendumMayOpen(waiting), /addendum 1 is still PENDING_BUDGET/);
  assert.doesNotThrow(() => assertAddendumMayOpen(contract('RECEIVED', 'RECEIVED')));
  assert.throws(() => assertAddendumMayOpen(contract('COMPLETED', 'PAID')), /cannot propose an addendum to an order that is COMPLETED/);
});

test('an officer may cancel before any term ships, not after', () => {
  assert.doesNotThrow(() => assertCancellable(contract('IN_PROCESS', 'PLANNED', 'PLANNED')));
  assert.doesNotThrow(() => assertCancellable(contract('AWAITING_APPROVAL', 'PLANNED')));
  assert.throws(
    () => assertCancellable({ ...contract('IN_PROCESS', 'PLANNED'), openAddendum: { number: 2, status: 'PROPOSED' } }),
    /addendum 2 is PROPOSED; withdraw it first/,
  );
  assert.throws(() => assertCancellable(contract('IN_PROCESS', 'SHIPPED', 'PLANNED')), /term 1 is already SHIPPED/);
  assert.throws(() => assertCancellable(contract('SHIPPED', 'SHIPPED')), IllegalTransitionError);
  assert.throws(() => assertCancellable(contract('NEGOTIATING', 'PLANNED')), /allowed only when AWAITING_APPROVAL/);
});

test('an addendum is agreed or refused only while proposed, and applied or rejected only while with the budget', () => {
  assert.equal(nextAddendumStatus('PROPOSED', 'agree', 1), 'PENDING_BUDGET');
  assert.equal(nextAddendumStatus('PENDING_BUDGET', 'apply', 1), 'APPLIED');
  assert.equal(nextAddendumStatus('PENDING_BUDGET', 'reject', 1), 'REJECTED');
  assert.throws(
    () => nextAddendumStatus('APPLIED', 'refuse', 2),
    (e: Error) => e instanceof IllegalAddendumStepError && /addendum 2: it is APPLIED/.test(e.message),
  );
});

test('terminal states accept no action', () => {
  for (const terminal of ['COMPLETED', 'CANCELLED', 'REJECTED'] as const) {
    for (const action of Object.keys(TRANSITIONS) as OrderAction[]) assert.throws(() => nextStatus(terminal, action), IllegalTransitionError);
  }
});
