import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { cameOverTls, clientAddress, trustedChain } from './forwarded.js';

const request = (headers: IncomingMessage['headers'], remoteAddress = '10.0.0.9', encrypted = false) =>
  ({ headers, socket: encrypted ? { remoteAddress, encrypted } : { remoteAddress } }) as unknown as IncomingMessage;

test('with no trusted hops the client is the socket, whatever X-Forwarded-For says', () => {
  assert.deepEqual(trustedChain('10.0.0.9', '1.2.3.4', 0), ['10.0.0.9']);
  assert.equal(clientAddress(request({ 'x-forwarded-for': '1.2.3.4' }), 0), '10.0.0.9');
});

test('each trusted hop believes one more entry from the right of X-Forwarded-For', () => {
  const forwardedFor = '6.6.6.6, 203.0.113.5, 10.0.0.2';
  assert.deepEqual(trustedChain('10.0.0.9', forwardedFor, 1), ['10.0.0.2', '10.0.0.9']);
  assert.deepEqual(trustedChain('10.0.0.9', forwardedFor, 2), ['203.0.113.5', '10.0.0.2', '10.0.0.9']);
  assert.equal(clientAddress(request({ 'x-forwarded-for': forwardedFor }), 2), '203.0.113.5');
  assert.equal(clientAddress(request({ 'x-forwarded-for': ['6.6.6.6, 203.0.113.5', '10.0.0.2'] }), 2), '203.0.113.5');
});

test('a chain shorter than the hops ends at its first entry, and a request past the proxy at the socket', () => {
  assert.equal(clientAddress(request({ 'x-forwarded-for': '203.0.113.5' }), 3), '203.0.113.5');
  assert.equal(clientAddress(request({}), 1), '10.0.0.9');
});

test('an entry that is not an address ends what is believed', () => {
  assert.equal(clientAddress(request({ 'x-forwarded-for': '203.0.113.5, unknown, 10.0.0.2' }), 3), '10.0.0.2');
  assert.equal(clientAddress(request({ 'x-forwarded-for': '203.0.113.5, ::1' }), 2), '203.0.113.5');
});

test('TLS is the socket’s, or X-Forwarded-Proto only when a trusted hop wrote it', () => {
  assert.equal(cameOverTls(request({}, '10.0.0.9', true), 0), true);
  assert.equal(cameOverTls(request({ 'x-forwarded-proto': 'https' }), 0), false);
  assert.equal(cameOverTls(request({ 'x-forwarded-proto': 'https' }), 1), true);
  assert.equal(cameOverTls(request({ 'x-forwarded-proto': 'http' }), 1), false);
});

test('X-Forwarded-Proto is read at the outermost trusted proxy, not where the client wrote it', () => {
  assert.equal(cameOverTls(request({ 'x-forwarded-proto': 'https, http' }), 1), false, 'the client wrote https, the proxy http');
  assert.equal(cameOverTls(request({ 'x-forwarded-proto': 'http, https, http' }), 2), true);
});
