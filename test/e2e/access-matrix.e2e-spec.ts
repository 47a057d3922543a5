import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenMinter } from '#serapan/auth-testing';
import { Api, testEnv, testTokens } from '../support/index.js';

const id = 'a1000000-0000-4000-8000-0000000000ff';

/** Every protected path of the public API in DESIGN.md, with sample parameters. */
const PROTECTED: [method: string, path: string][] = [
  ['GET', '/api/auth/me'],
  ['GET', '/api/catalog/products?q=kursi&domestic=true&umk=true&page=1&pageSize=20'],
  ['POST', '/api/catalog/products'],
  ['PATCH', `/api/catalog/products/${id}`],
  ['DELETE', `/api/catalog/products/${id}`],
  ['POST', `/api/catalog/products/${id}/relist`],
  ['GET', '/api/catalog/vendors/me'],
  ['PUT', '/api/catalog/vendors/me'],
  ['POST', '/api/orders'],
  ['GET', '/api/orders?status=AWAITING_VENDOR&satkerCode=415423'],
  ['GET', `/api/orders/${id}`],
  ['POST', `/api/orders/${id}/accept`],
  ['POST', `/api/orders/${id}/decline`],
  ['POST', `/api/orders/${id}/ship`],
  ['POST', `/api/orders/${id}/receive`],
  ['POST', `/api/orders/${id}/cancel`],
  ['POST', `/api/orders/${id}/pay`],
  ['PUT', '/api/budget/lines/2025/415423/525111'],
  ['GET', '/api/budget/lines?fiscalYear=2025&satkerCode=415423'],
  ['GET', '/api/budget/absorption?fiscalYear=2025&groupBy=satker'],
  ['GET', '/api/budget/absorption/stream'],
  ['GET', '/api/budget/reports/weekly?satkerCode=415423&weekEnding=2025-11-28&format=csv'],
];

describe('access matrix through the gateway', () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const expired = testTokens().mint({ username: 'auditor', role: 'auditor' }, { expiresInSeconds: -60 });
  const forged = new TokenMinter().mint({ username: 'auditor', role: 'auditor' });

  for (const [method, path] of PROTECTED) {
    test(`${method} ${path.split('?')[0]} refuses anonymous, expired and forged callers with 401`, async () => {
      for (const token of [undefined, expired, forged]) {
        const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
        const { status, body: answer } = await gateway.as(token).request<{ statusCode: number; message: string }>(method, path, body);
        assert.equal(status, 401, `${method} ${path} with ${token ? 'a bad token' : 'no token'}`);
        assert.equal(answer.statusCode, 401);
        assert.match(answer.message, /^authorization: /);
      }
    });
  }
});
