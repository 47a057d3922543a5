import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicBaseUrl } from './public-base-url.js';

describe("the export's public base URL", () => {
  test('the configured URL wins over every header', () => {
    assert.equal(publicBaseUrl('https://data.example.go.id/', { 'x-forwarded-host': 'evil.example', host: 'order:3002' }), 'https://data.example.go.id');
  });

  test('unconfigured, the forwarded host is used when it is a hostname[:port]', () => {
    assert.equal(
      publicBaseUrl(undefined, { 'x-forwarded-host': 'serapan.example.go.id', 'x-forwarded-proto': 'https', host: '127.0.0.1:3002' }),
      'https://serapan.example.go.id',
    );
    assert.equal(publicBaseUrl(undefined, { 'x-forwarded-host': '127.0.0.1:3000, proxy', host: '127.0.0.1:3002' }), 'http://127.0.0.1:3000');
  });

  test('a forwarded host that is no hostname[:port] falls back to the request Host, then localhost', () => {
    for (const forged of ['evil.example/phish?x=', 'a@evil.example', 'evil.example:80#', '"><script>', 'evil..example', '-evil.example']) {
      assert.equal(publicBaseUrl(undefined, { 'x-forwarded-host': forged, host: '127.0.0.1:3002' }), 'http://127.0.0.1:3002', forged);
    }
    assert.equal(publicBaseUrl(undefined, { 'x-forwarded-host': 'evil.example/x', host: 'evil.example/y' }), 'http://localhost');
    assert.equal(publicBaseUrl(undefined, {}), 'http://localhost');
  });
});
