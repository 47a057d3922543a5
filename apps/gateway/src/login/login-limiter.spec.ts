import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginLimiter } from './login-limiter.js';

function limiterAt(start = 1_000_000) {
  const clock = { now: start };
  const limiter = new LoginLimiter({ maxFailuresPerUser: 3, maxFailuresPerClient: 5, windowMs: 60_000 }, () => clock.now);
  return { limiter, clock };
}

test('blocks a user name after the allowed failures until the window ends', () => {
  const { limiter, clock } = limiterAt();
  for (let i = 0; i < 3; i++) {
    assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 0);
    limiter.failed('10.0.0.1', 'auditor');
  }
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 60_000);
  clock.now += 59_999;
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 1);
  clock.now += 1;
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 0);
});

test('another user name or another client is not blocked by someone else’s failures', () => {
  const { limiter } = limiterAt();
  for (let i = 0; i < 3; i++) limiter.failed('10.0.0.1', 'auditor');
  assert.equal(limiter.waitFor('10.0.0.1', 'ppk.415423'), 0);
  assert.equal(limiter.waitFor('10.0.0.2', 'auditor'), 0);
});

test('a client guessing across many user names is blocked for all of them', () => {
  const { limiter } = limiterAt();
  for (const name of ['a', 'b', 'c', 'd', 'e']) limiter.failed('10.0.0.1', name);
  assert.ok(limiter.waitFor('10.0.0.1', 'fresh-name') > 0);
});

test('a successful login clears the count for that user name', () => {
  const { limiter } = limiterAt();
  limiter.failed('10.0.0.1', 'auditor');
  limiter.failed('10.0.0.1', 'auditor');
  limiter.succeeded('10.0.0.1', 'auditor');
  limiter.failed('10.0.0.1', 'auditor');
  limiter.failed('10.0.0.1', 'auditor');
  assert.equal(limiter.waitFor('10.0.0.1', 'auditor'), 0);
});
