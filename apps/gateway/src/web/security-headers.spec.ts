import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NextFunction, Request, Response } from 'express';
import { securityHeaders, STRICT_TRANSPORT_SECURITY } from './security-headers.js';

function headersFor(trustedHops: number, requestHeaders: Record<string, string>, encrypted = false): Record<string, string> {
  const set: Record<string, string> = {};
  const req = { headers: requestHeaders, socket: encrypted ? { encrypted: true } : {} } as unknown as Request;
  const res = { setHeader: (name: string, value: string) => (set[name] = value) } as unknown as Response;
  securityHeaders(trustedHops)(req, res, (() => undefined) as NextFunction);
  return set;
}

test('HSTS only on answers that went out over TLS, directly or as a trusted proxy says', () => {
  assert.equal(headersFor(0, {}, true)['Strict-Transport-Security'], STRICT_TRANSPORT_SECURITY);
  assert.equal(headersFor(1, { 'x-forwarded-proto': 'https' })['Strict-Transport-Security'], STRICT_TRANSPORT_SECURITY);
  assert.equal(headersFor(0, {})['Strict-Transport-Security'], undefined);
  assert.equal(headersFor(0, { 'x-forwarded-proto': 'https' })['Strict-Transport-Security'], undefined, 'a client cannot claim TLS itself');
  assert.equal(headersFor(0, {})['X-Frame-Options'], 'DENY');
});
