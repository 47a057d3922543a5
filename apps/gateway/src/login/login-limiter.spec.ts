import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { AccountLockedError, LoginBusyError, LoginRefusedError, TooManyLoginsError } from './login-errors.js';
import { LoginLimiter, LoginLimits, Semaphore } from './login-limiter.js';

function limiterAt(limits: Partial<LoginLimits> = {}, start = 1_000_000) {
  const clock = { now: start };
  const limiter = new LoginLimiter(
    { maxFailuresPerUser: 3, maxFailuresPerClient: 5, maxFailuresPerAccount: 8, windowMs: 60_000, concurrentHashes: 2, hashQueue: 4, ...limits },
    () => clock.now,
  );
  return { limiter, clock };
}

const wrong = () => Promise.resolve(undefined);
const right = () => Promise.resolve('signed in');
/** What an attempt came to: the result, or the name of the error it threw. */
const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    (value) => value,
    (error: Error) => error.name,
  );

test('20 parallel attempts with a wrong password: no more than the limit reach the password check', async () => {
  const { limiter } = limiterAt({ maxFailuresPerUser: 5, maxFailuresPerClient: 50, maxFailuresPerAccount: 50 });
  let checks = 0;
  const slowWrong = async () => {
    checks += 1;
    await tick();
    return undefined;
  };
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(limiter.attempt('10.0.0.1', 'auditor', slowWrong))));
  assert.equal(checks, 5);
  assert.equal(outcomes.filter((name) => name === 'LoginRefusedError').length, 5);
  assert.equal(outcomes.filter((name) => name === 'TooManyLoginsError').length, 15);
});

test('blocks a user name after the allowed failures until the window ends', async () => {
  const { limiter, clock } = limiterAt();
  for (let i = 0; i < 3; i++) await assert.rejects(limiter.attempt('10.0.0.1', 'auditor', wrong), LoginRefusedError);
  await assert.rejects(limiter.attempt('10.0.0.1', 'auditor', right), (error: TooManyLoginsError) => error.retryAfterSeconds === 60);
  clock.now += 59_999;
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 1);
  clock.now += 1;
  assert.equal(await limiter.attempt('10.0.0.1', 'auditor', right), 'signed in');
});

test('another user name or another client is not blocked by someone else’s failures', async () => {
  const { limiter } = limiterAt();
  for (let i = 0; i < 3; i++) await outcome(limiter.attempt('10.0.0.1', 'auditor', wrong));
  assert.equal(await limiter.attempt('10.0.0.1', 'ppk.415423', right), 'signed in');
  assert.equal(await limiter.attempt('10.0.0.2', 'auditor', right), 'signed in');
});

test('a client guessing across many user names is blocked for all of them', async () => {
  const { limiter } = limiterAt();
  for (const name of ['a', 'b', 'c', 'd', 'e']) await outcome(limiter.attempt('10.0.0.1', name, wrong));
  assert.ok(limiter.waitFor('10.0.0.1', 'fresh-name') > 0);
});

test('failures from many clients lock the account for everyone, even with the right password', async () => {
  const { limiter, clock } = limiterAt();
  for (const client of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) for (let i = 0; i < 2; i++) await outcome(limiter.attempt(client, 'auditor', wrong));
  await assert.rejects(limiter.attempt('10.0.0.9', 'auditor', right), (error: Error) => {
    assert.ok(error instanceof AccountLockedError);
    assert.equal(error.retryAfterSeconds, 60);
    assert.match(error.message, /account is locked/);
    return true;
  });
  assert.equal(await limiter.attempt('10.0.0.9', 'ppk.415423', right), 'signed in', 'other accounts are not locked');
  clock.now += 60_000;
  assert.equal(await limiter.attempt('10.0.0.9', 'auditor', right), 'signed in');
});

test('a success refunds its attempt, so a user who signs in often is never locked out', async () => {
  const { limiter } = limiterAt({ maxFailuresPerAccount: 3 });
  for (let i = 0; i < 20; i++) assert.equal(await limiter.attempt('10.0.0.1', 'auditor', right), 'signed in');
  await outcome(limiter.attempt('10.0.0.2', 'auditor', wrong));
  await outcome(limiter.attempt('10.0.0.2', 'auditor', wrong));
  assert.equal(limiter.waitFor('10.0.0.3', 'auditor'), 0);
});

test('a success clears the client’s count for that user name', async () => {
  const { limiter } = limiterAt();
  await outcome(limiter.attempt('10.0.0.1', 'auditor', wrong));
  await outcome(limiter.attempt('10.0.0.1', 'auditor', wrong));
  await limiter.attempt('10.0.0.1', 'auditor', right);
  await outcome(limiter.attempt('10.0.0.1', 'auditor', wrong));
  await outcome(limiter.attempt('10.0.0.1', 'auditor', wrong));
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 0);
});

test('an attempt that failed for another reason than the password is refunded', async () => {
  const { limiter } = limiterAt({ maxFailuresPerUser: 1 });
  await assert.rejects(
    limiter.attempt('10.0.0.1', 'auditor', () => Promise.reject(new LoginBusyError(1))),
    LoginBusyError,
  );
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 0);
});

test('password hashes run a few at a time, a few more wait, and the rest are turned away busy', async () => {
  const slots = new Semaphore(2, 3);
  let running = 0;
  let most = 0;
  const hash = async () => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    return 'hashed';
  };
  const outcomes = await Promise.all(Array.from({ length: 8 }, () => outcome(slots.run(hash))));
  assert.equal(most, 2);
  assert.deepEqual(outcomes.filter((o) => o === 'hashed').length, 5);
  assert.deepEqual(outcomes.filter((o) => o === 'LoginBusyError').length, 3);
  assert.equal(await slots.run(hash), 'hashed', 'slots are given back');
});
