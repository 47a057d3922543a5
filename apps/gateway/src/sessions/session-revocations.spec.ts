import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '#serapan/auth';
import { RevocationSnapshot, SessionRevocations } from './session-revocations.js';

const principal = (sessionId: string): Principal => ({ sub: 'user-1', username: 'u', role: 'officer', sessionId, issuedAt: Date.now() });
const snapshot = (revokedSessions: string[]): RevocationSnapshot => ({ revokedSessions, disabledUsers: [], validAfter: new Map() });

test('a logout made here outlives a database read that began before it committed', () => {
  const revocations = new SessionRevocations();
  revocations.revoke('s-1');
  revocations.replace(snapshot([]));
  assert.equal(revocations.refusal(principal('s-1')), 'the session has ended; sign in again');
  revocations.replace(snapshot(['s-1']));
  revocations.replace(snapshot([]));
  assert.equal(revocations.refusal(principal('s-1')), undefined, 'once the database has it, the database answers');
  assert.equal(revocations.refusal(principal('s-2')), undefined);
});
