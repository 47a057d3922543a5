import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TokenMinter } from '#serapan/auth-testing';
import type { AbsorptionGroupDto } from '../../apps/budget/src/absorption/dto/absorption.dto.js';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import type { WeeklyReportDto } from '../../apps/budget/src/reports/dto/weekly-report.dto.js';
import type { TransparencySummaryDto, WeeklySeriesDto } from '../../apps/budget/src/transparency/dto/transparency.dto.js';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { OrderPageDto, OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import type { Sp2dImportReportDto } from '../../apps/order/src/orders/payments/dto/sp2d-import-report.dto.js';
import type { VendorSalesDto } from '../../apps/order/src/orders/sales/dto/vendor-sales.dto.js';
import { Api, ErrorBody, eventually, Json, testEnv, testTokens, tokenFor, uniqueId, uniqueSatker } from '../support/index.js';

const id = 'a1000000-0000-4000-8000-0000000000ff';

/** Every protected path of the public API (docs/domain.md, "Public HTTP API"), with sample parameters. */
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
  ['POST', `/api/orders/${id}/offers`],
  ['POST', `/api/orders/${id}/agree`],
  ['POST', `/api/orders/${id}/withdraw`],
  ['POST', `/api/orders/${id}/approve`],
  ['POST', `/api/orders/${id}/refuse`],
  ['POST', `/api/orders/${id}/addenda`],
  ['POST', `/api/orders/${id}/addenda/1/agree`],
  ['POST', `/api/orders/${id}/addenda/1/refuse`],
  ['POST', `/api/orders/${id}/addenda/1/withdraw`],
  ['POST', '/api/orders/payments/sp2d-import'],
  ['GET', '/api/orders/stream'],
  ['GET', '/api/orders/vendor-sales/weekly?fiscalYear=2025'],
  ['PUT', '/api/budget/lines/2025/415423/525111'],
  ['POST', '/api/budget/dipa'],
  ['GET', '/api/budget/lines?fiscalYear=2025&satkerCode=415423'],
  ['GET', '/api/budget/absorption?fiscalYear=2025&groupBy=satker'],
  ['GET', '/api/budget/absorption/stream'],
  ['GET', '/api/budget/absorption/weekly?fiscalYear=2025'],
  ['GET', '/api/budget/reports/weekly?satkerCode=415423&weekEnding=2025-11-28&format=csv'],
  ['GET', '/api/auth/audit?action=auth.login'],
  ['GET', '/api/catalog/audit?entity=product'],
  ['GET', '/api/orders/audit?action=order.'],
  ['GET', '/api/budget/audit?limit=10'],
];

describe('access matrix through the gateway', () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const expired = testTokens().mint({ username: 'auditor', role: 'auditor' }, { expiresInSeconds: -60 });
  const forged = new TokenMinter().mint({ username: 'auditor', role: 'auditor' });

  for (const [method, path] of PROTECTED) {
    test(`${method} ${path.split('?')[0]} refuses anonymous, expired and forged callers with 401`, async () => {
      for (const token of [undefined, expired, forged]) {
        const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
        const { status, body: answer } = await gateway.as(token).request<ErrorBody>(method, path, body);
        assert.equal(status, 401, `${method} ${path} with ${token ? 'a bad token' : 'no token'}`);
        assert.equal(answer.statusCode, 401);
        assert.match(answer.message, /^authorization: /);
      }
    });
  }
});

/** Who calls: anonymous, each role in its scope, and the same roles scoped elsewhere. */
const CALLERS = ['anonymous', 'vendor', 'otherVendor', 'officer', 'otherOfficer', 'finance', 'otherFinance', 'klFinance', 'otherKlFinance', 'auditor'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * The expected answer: a status, or `[200, true|false]` for a list that must
 * (or must not) show the subject's data to that caller.
 */
type Expected = number | [200, boolean];

interface Row {
  method: string;
  path: string;
  expect: Partial<Record<Caller, Expected>>;
  /** A fresh subject for a caller that is expected to succeed, since success changes state. */
  subject?: (caller: Caller) => Promise<string>;
  body?: (caller: Caller) => unknown;
  headers?: () => Record<string, string>;
  sees?: (body: unknown) => boolean;
}

/** A `sees` check that reads the answer as the endpoint's response type. */
const seesIn =
  <T>(check: (body: T) => boolean) =>
  (body: unknown): boolean =>
    check(body as T);

/** What an answer says: its message, when it has one, or else the whole body. */
function said(body: unknown): unknown {
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : undefined;
  return message ?? body;
}

/** Open data: the same answer to everyone, signed in or not. */
const OPEN_TO_ALL = (expected: Expected): Partial<Record<Caller, Expected>> => Object.fromEntries(CALLERS.map((c) => [c, expected]));

const FORBIDDEN_TO_ALL_BUT = (allowed: Partial<Record<Caller, Expected>>): Partial<Record<Caller, Expected>> =>
  Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : (allowed[c] ?? 403)]));

describe('access matrix: every public endpoint × anonymous, each role and a wrong-scope user', { timeout: 300_000 }, () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const fiscalYear = new Date().getFullYear();
  // K/L codes from hundreds no other spec draws from (budget: 700–999, transparency: 500–699, audit trail: 400s)
  const kl = String(200 + Math.floor(Math.random() * 99));
  const otherKl = String(300 + Math.floor(Math.random() * 99));
  const satker = uniqueSatker();
  const otherSatker = uniqueSatker();
  const vendorId = randomUUID();
  const otherVendorId = randomUUID();
  const principals = {
    vendor: { username: `vendor.${uniqueId()}`, role: 'vendor', vendorId },
    otherVendor: { username: `vendor.${uniqueId()}`, role: 'vendor', vendorId: otherVendorId },
    officer: { username: `ppk.${satker}`, role: 'officer', satkerCode: satker, klCode: kl, ppk: true },
    otherOfficer: { username: `ppk.${otherSatker}`, role: 'officer', satkerCode: otherSatker, klCode: kl, ppk: true },
    finance: { username: `bendahara.${satker}`, role: 'finance', satkerCode: satker, klCode: kl },
    otherFinance: { username: `bendahara.${otherSatker}`, role: 'finance', satkerCode: otherSatker, klCode: kl },
    klFinance: { username: `keuangan.${kl}`, role: 'finance', klCode: kl },
    otherKlFinance: { username: `keuangan.${otherKl}`, role: 'finance', klCode: otherKl },
    auditor: { username: `auditor.${uniqueId()}`, role: 'auditor' },
  } as const;
  const tokens = Object.fromEntries(Object.entries(principals).map(([name, p]) => [name, tokenFor(p)])) as Record<Exclude<Caller, 'anonymous'>, string>;
  /** A pejabat pengadaan of the satker: places the orders a PPK approves (not a caller of the matrix). */
  const pejabat = tokenFor({ username: `pp.${satker}`, role: 'officer', satkerCode: satker, klCode: kl, ppk: false });
  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : tokens[caller]);
  const as = (caller: Caller) => gateway.as(tokenOf(caller));

  const productBody = () => ({
    sku: `ACL-${uniqueId()}`,
    name: `Kursi uji akses ${uniqueId()}`,
    categoryCode: '38110',
    unit: 'unit',
    priceIdr: '1000000',
    stock: 1000,
    origin: 'domestic',
    tkdnPercent: 40,
    bmpPercent: 5,
    catalogType: 'national',
  });
  const weekEnding = (() => {
    const today = new Date(Date.now() + 7 * 3_600_000);
    today.setUTCDate(today.getUTCDate() + ((5 - today.getUTCDay() + 7) % 7));
    return today.toISOString().slice(0, 10);
  })();

  let product: string;
  let orderable: string;
  let firstOrder: string;
  /** The SP2D list paying a received order of the satker, for the import's row. */
  let sp2dList: string;

  async function status(id: string) {
    return (await as('auditor').get<Json<OrderViewDto>>(`/api/orders/${id}`)).body.status;
  }

  /** An order of the officer's satker to the vendor, awaiting the vendor's answer. */
  async function awaitingVendor(): Promise<string> {
    const key = `acl-${randomUUID()}`;
    const placed = await eventually(
      'the order service to know the product',
      async () => {
        const answer = await as('officer').post<Json<OrderViewDto>>(
          '/api/orders',
          { fiscalYear, accountCode: '521211', lines: [{ productId: orderable, quantity: 1 }] },
          { 'Idempotency-Key': key },
        );
        return answer.status === 202 ? answer.body : undefined;
      },
      30_000,
      200,
    );
    await eventually(`order ${placed.id} awaiting the vendor`, async () => (await status(placed.id)) === 'AWAITING_VENDOR');
    return placed.id;
  }

  /** An order of the satker's pejabat pengadaan: a negotiation, or one waiting for a PPK's approval. */
  async function opened(negotiate: boolean): Promise<string> {
    const answer = await gateway
      .as(pejabat)
      .post<Json<OrderViewDto>>(
        '/api/orders',
        { fiscalYear, accountCode: '521211', negotiate, lines: [{ productId: orderable, quantity: 1 }] },
        { 'Idempotency-Key': `acl-${randomUUID()}` },
      );
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return answer.body.id;
  }

  /** A negotiation where it is `caller`'s turn: the vendor's after the opening offer, the officer's once the vendor countered. */
  async function negotiationFor(caller: Caller): Promise<string> {
    const id = await opened(true);
    if (caller === 'officer') await step('vendor', id, 'offers', { lines: [{ lineNo: 1, unitPriceIdr: '990000', shippingIdr: '0' }] }, 201);
    return id;
  }

  const addendum = () => ({ reason: 'kebutuhan bertambah di unit baru', lines: [{ lineNo: 1, quantity: 2 }] });

  /** A running order with addendum 1 proposed by the officer, waiting for the vendor. */
  async function proposed(): Promise<string> {
    const id = await inProcess();
    await step('officer', id, 'addenda', addendum(), 201);
    return id;
  }

  async function step(caller: Caller, id: string, action: string, body: unknown = {}, expected = 200) {
    const answer = await as(caller).post(`/api/orders/${id}/${action}`, body);
    assert.equal(answer.status, expected, `${action}: ${JSON.stringify(answer.body)}`);
  }
  const receipt = () => ({ bastNumber: `BAST-${uniqueId()}`, receivedOn: new Date().toISOString().slice(0, 10) });

  async function inProcess() {
    const id = await awaitingVendor();
    await step('vendor', id, 'accept');
    return id;
  }
  async function shipped() {
    const id = await inProcess();
    await step('vendor', id, 'ship');
    return id;
  }
  async function received() {
    const id = await shipped();
    await step('officer', id, 'receive', receipt());
    return id;
  }

  before(async () => {
    const line = await as('klFinance').put(`/api/budget/lines/${fiscalYear}/${satker}/521211`, { paguIdr: '10000000000' });
    assert.equal(line.status, 201, JSON.stringify(line.body));
    const created = await as('vendor').post<ProductDto>('/api/catalog/products', productBody());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    product = created.body.id;
    orderable = (await as('vendor').post<ProductDto>('/api/catalog/products', productBody())).body.id;
    firstOrder = await awaitingVendor();
    const payable = (await as('auditor').get<Json<OrderViewDto>>(`/api/orders/${await received()}`)).body;
    sp2dList = `sp2d_number,sp2d_date,amount_idr,purchase_order_number\nSP2D-${uniqueId()},${payable.receivedOn},${payable.totalIdr},${payable.purchaseOrderNumber}\n`;
  });

  const ROWS: Row[] = [
    {
      method: 'GET',
      path: '/api/catalog/products?q=kursi&domestic=true&umk=false&page=1&pageSize=20&sort=price_asc',
      expect: FORBIDDEN_TO_ALL_BUT({
        vendor: 200,
        otherVendor: 200,
        officer: 200,
        otherOfficer: 200,
        finance: 200,
        otherFinance: 200,
        klFinance: 200,
        otherKlFinance: 200,
        auditor: 200,
      }),
    },
    { method: 'POST', path: '/api/catalog/products', body: productBody, expect: FORBIDDEN_TO_ALL_BUT({ vendor: 201, otherVendor: 201 }) },
    { method: 'PATCH', path: '/api/catalog/products/:product', body: () => ({ stock: 900 }), expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    { method: 'DELETE', path: '/api/catalog/products/:product', expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    { method: 'POST', path: '/api/catalog/products/:product/relist', expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    { method: 'GET', path: '/api/catalog/vendors/me', expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200, otherVendor: 200 }) },
    {
      method: 'PUT',
      path: '/api/catalog/vendors/me',
      body: () => ({ name: `CV Uji Akses ${uniqueId()}`, umk: true, region: 'Banten' }),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200, otherVendor: 200 }),
    },
    {
      method: 'POST',
      path: '/api/orders',
      headers: () => ({ 'Idempotency-Key': `acl-${randomUUID()}` }),
      body: () => ({ fiscalYear, accountCode: '521211', satkerCode: satker, lines: [{ productId: orderable, quantity: 1 }] }),
      expect: FORBIDDEN_TO_ALL_BUT({ officer: 202 }),
    },
    {
      method: 'GET',
      path: `/api/orders?satkerCode=:satker&from=2020-01-01&to=2100-12-31`,
      sees: seesIn<Json<OrderPageDto>>((page) => page.items.some((o) => o.id === firstOrder)),
      expect: FORBIDDEN_TO_ALL_BUT({
        vendor: [200, true],
        otherVendor: [200, false],
        officer: [200, true],
        otherOfficer: [200, false],
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    { method: 'GET', path: '/api/orders/:order', expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200, officer: 200, finance: 200, klFinance: 200, auditor: 200 }) },
    { method: 'POST', path: '/api/orders/:order/accept', subject: () => awaitingVendor(), expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/:order/decline',
      subject: () => awaitingVendor(),
      body: () => ({ reason: 'stok habis' }),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }),
    },
    { method: 'POST', path: '/api/orders/:order/ship', subject: () => inProcess(), expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    { method: 'POST', path: '/api/orders/:order/receive', subject: () => shipped(), body: receipt, expect: FORBIDDEN_TO_ALL_BUT({ officer: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/:order/cancel',
      subject: () => awaitingVendor(),
      body: () => ({ reason: 'tidak jadi' }),
      expect: FORBIDDEN_TO_ALL_BUT({ officer: 200 }),
    },
    {
      method: 'POST',
      path: '/api/orders/:order/pay',
      subject: () => received(),
      body: () => ({ sp2dNumber: `SP2D-${uniqueId()}`, paidOn: new Date().toISOString().slice(0, 10) }),
      expect: FORBIDDEN_TO_ALL_BUT({ finance: 200, klFinance: 200 }),
    },
    {
      method: 'POST',
      path: '/api/orders/:order/offers',
      subject: negotiationFor,
      body: () => ({ lines: [{ lineNo: 1, unitPriceIdr: '950000', shippingIdr: '10000' }] }),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: 201, officer: 201 }),
    },
    { method: 'POST', path: '/api/orders/:order/agree', subject: negotiationFor, expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200, officer: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/:order/withdraw',
      subject: () => opened(true),
      body: () => ({ reason: 'tidak sepakat' }),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200, officer: 200 }),
    },
    // the officer of the matrix is a PPK; a pejabat pengadaan of the satker placed the order
    { method: 'POST', path: '/api/orders/:order/approve', subject: () => opened(false), expect: FORBIDDEN_TO_ALL_BUT({ officer: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/:order/refuse',
      subject: () => opened(false),
      body: () => ({ reason: 'anggaran dialihkan' }),
      expect: FORBIDDEN_TO_ALL_BUT({ officer: 200 }),
    },
    { method: 'POST', path: '/api/orders/:order/addenda', subject: () => inProcess(), body: addendum, expect: FORBIDDEN_TO_ALL_BUT({ officer: 201 }) },
    { method: 'POST', path: '/api/orders/:order/addenda/1/agree', subject: () => proposed(), expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/:order/addenda/1/refuse',
      subject: () => proposed(),
      body: () => ({ reason: 'stok tidak cukup' }),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: 200 }),
    },
    { method: 'POST', path: '/api/orders/:order/addenda/1/withdraw', subject: () => proposed(), expect: FORBIDDEN_TO_ALL_BUT({ officer: 200 }) },
    {
      method: 'POST',
      path: '/api/orders/payments/sp2d-import',
      body: () => sp2dList,
      headers: () => ({ 'content-type': 'text/csv' }),
      // the first caller in scope pays the order, the next finds it already paid by the same SP2D; out of scope it is not found
      sees: seesIn<Json<Sp2dImportReportDto>>((report) => report.lines[0]?.outcome !== 'not-found'),
      expect: FORBIDDEN_TO_ALL_BUT({ finance: [200, true], otherFinance: [200, false], klFinance: [200, true], otherKlFinance: [200, false] }),
    },
    {
      method: 'PUT',
      path: `/api/budget/lines/${fiscalYear}/:satker/521211`,
      // the satker's own finance reads its lines but does not raise them: the pagu comes from the DIPA, set by K/L finance
      body: () => ({ paguIdr: '10000000000' }),
      expect: FORBIDDEN_TO_ALL_BUT({ klFinance: 200 }),
    },
    {
      // the satker registry keeps K/L finance of another ministry out, new line or not
      method: 'PUT',
      path: `/api/budget/lines/${fiscalYear}/:satker/:newAccount`,
      body: () => ({ paguIdr: '250000000' }),
      expect: FORBIDDEN_TO_ALL_BUT({ klFinance: 201 }),
    },
    {
      method: 'POST',
      path: '/api/budget/dipa',
      headers: () => ({ 'content-type': 'text/csv' }),
      body: () => `fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr\n${fiscalYear},${satker},${kl},521211,10000000000,0\n`,
      expect: FORBIDDEN_TO_ALL_BUT({ klFinance: 200, otherKlFinance: 200 }),
    },
    {
      method: 'GET',
      path: `/api/budget/lines?fiscalYear=${fiscalYear}&satkerCode=:satker`,
      sees: seesIn<Json<BudgetLineDto>[]>((lines) => lines.some((l) => l.satkerCode === satker)),
      expect: FORBIDDEN_TO_ALL_BUT({
        officer: [200, true],
        otherOfficer: [200, false],
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    {
      method: 'GET',
      path: `/api/budget/absorption?fiscalYear=${fiscalYear}&groupBy=satker`,
      sees: seesIn<AbsorptionGroupDto[]>((groups) => groups.some((r) => r.satkerCode === satker)),
      expect: FORBIDDEN_TO_ALL_BUT({
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    {
      method: 'GET',
      path: '/api/budget/absorption/stream',
      expect: FORBIDDEN_TO_ALL_BUT({ finance: 200, otherFinance: 200, klFinance: 200, otherKlFinance: 200, auditor: 200 }),
    },
    // everyone with orders has a stream of them; what each one carries is scoped (order-stream.e2e-spec)
    {
      method: 'GET',
      path: '/api/orders/stream',
      expect: Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : 200])),
    },
    {
      method: 'GET',
      path: `/api/orders/vendor-sales/weekly?fiscalYear=${fiscalYear}&vendorId=${vendorId}`,
      sees: seesIn<VendorSalesDto>((sales) => sales.vendorId === vendorId),
      expect: FORBIDDEN_TO_ALL_BUT({ vendor: [200, true], auditor: [200, true] }),
    },
    {
      method: 'GET',
      path: `/api/budget/absorption/weekly?fiscalYear=${fiscalYear}`,
      // a satker's series, its K/L's, or everyone's (the auditor's)
      sees: seesIn<WeeklySeriesDto>((series) => series.satkerCode === satker || (series.satkerCode === null && [kl, null].includes(series.klCode))),
      expect: FORBIDDEN_TO_ALL_BUT({
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    {
      method: 'GET',
      path: `/api/transparency/summary?fiscalYear=${fiscalYear}`,
      sees: seesIn<TransparencySummaryDto>((summary) => summary.satkers.some((s) => s.satkerCode === satker)),
      expect: OPEN_TO_ALL([200, true]),
    },
    { method: 'GET', path: `/api/transparency/report-cards?fiscalYear=${fiscalYear}`, expect: OPEN_TO_ALL(200) },
    { method: 'GET', path: `/api/transparency/report-cards/history?fiscalYear=${fiscalYear}&satkerCode=:satker`, expect: OPEN_TO_ALL(200) },
    {
      method: 'GET',
      path: `/api/transparency/weekly?fiscalYear=${fiscalYear}&satkerCode=:satker`,
      sees: seesIn<WeeklySeriesDto>((series) => series.satkerCode === satker),
      expect: OPEN_TO_ALL([200, true]),
    },
    {
      method: 'GET',
      path: `/api/budget/reports/weekly?satkerCode=:satker&weekEnding=${weekEnding}&format=json`,
      sees: seesIn<WeeklyReportDto>((report) => report.cards.some((c) => c.satkerCode === satker)),
      expect: FORBIDDEN_TO_ALL_BUT({
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    {
      method: 'GET',
      path: `/api/budget/reports/weekly?satkerCode=:satker&weekEnding=${weekEnding}&format=csv`,
      sees: (body) => String(body).includes(`,${satker},`),
      expect: FORBIDDEN_TO_ALL_BUT({
        finance: [200, true],
        otherFinance: [200, false],
        klFinance: [200, true],
        otherKlFinance: [200, false],
        auditor: [200, true],
      }),
    },
    // the audit trails: auditors only, whatever the scope of the others
    ...['/api/auth/audit', '/api/catalog/audit', '/api/orders/audit', '/api/budget/audit'].map((path): Row => ({
      method: 'GET',
      path: `${path}?limit=10`,
      expect: FORBIDDEN_TO_ALL_BUT({ auditor: 200 }),
    })),
  ];

  /** Opens an event stream, reads the status and content type, and closes it. */
  async function openStream(caller: Caller, path: string): Promise<{ status: number; type: string }> {
    const abort = new AbortController();
    const token = tokenOf(caller);
    const response = await fetch(`${testEnv.serviceUrl('gateway')}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: abort.signal,
    });
    const result = { status: response.status, type: response.headers.get('content-type') ?? '' };
    abort.abort();
    return result;
  }

  test('POST /api/auth/login admits anyone with a right password and nobody with a wrong one', async () => {
    for (const caller of CALLERS) {
      assert.equal((await as(caller).post('/api/auth/login', { username: 'auditor', password: 'Serapan!2025' })).status, 200, caller);
    }
    assert.equal((await gateway.post('/api/auth/login', { username: `nobody.${uniqueId()}`, password: 'wrong-password' })).status, 401);
  });

  for (const row of ROWS) {
    test(`${row.method} ${row.path.split('?')[0]} answers each caller as the "who" column of docs/domain.md says`, async () => {
      const shared = row.subject ? await row.subject('auditor') : firstOrder;
      const allowed = (caller: Caller) => {
        const e = row.expect[caller]!;
        return (Array.isArray(e) ? e[0] : e) < 300;
      };
      // Refusals change nothing, so they go first on one subject; each success gets a fresh one.
      const order = CALLERS.filter((c) => row.expect[c] !== undefined).sort((a, b) => Number(allowed(a)) - Number(allowed(b)));
      const wrong: string[] = [];
      for (const caller of order) {
        const expected = row.expect[caller]!;
        const subject = row.subject && allowed(caller) && row.method !== 'GET' ? await row.subject(caller) : shared;
        const path = row.path
          .replace(':product', product)
          .replace(':order', subject)
          .replace(':satker', satker)
          .replace(':newAccount', `53${String(1000 + Math.floor(Math.random() * 8999))}`);
        const code = Array.isArray(expected) ? expected[0] : expected;
        if (row.path.endsWith('/stream')) {
          const { status, type } = await openStream(caller, path);
          if (status !== code || (code === 200 && !type.startsWith('text/event-stream'))) wrong.push(`${caller}: ${status} ${type}, expected ${code}`);
          continue;
        }
        const answer = await as(caller).request(row.method, path, row.body?.(caller), row.headers?.() ?? {});
        if (answer.status !== code) {
          wrong.push(`${caller}: ${answer.status} (${JSON.stringify(said(answer.body)).slice(0, 160)}), expected ${code}`);
        } else if (Array.isArray(expected) && row.sees!(answer.body) !== expected[1]) {
          wrong.push(`${caller}: ${expected[1] ? 'does not see' : 'sees'} satker ${satker}'s data`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  test('PUT /api/budget/lines refuses K/L finance opening a line for a satker registered to another K/L', async () => {
    const thirdSatker = uniqueSatker();
    const own = await as('klFinance').put(`/api/budget/lines/${fiscalYear}/${thirdSatker}/521211`, { paguIdr: '1000000' });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const foreign = await as('otherKlFinance').put(`/api/budget/lines/${fiscalYear}/${thirdSatker}/532111`, { paguIdr: '1000000' });
    assert.equal(
      foreign.status,
      403,
      `satker ${thirdSatker} belongs to K/L ${kl}, yet K/L ${otherKl} finance got ${foreign.status}: ${JSON.stringify(foreign.body)}`,
    );
    assert.match(said(foreign.body) as string, new RegExp(`satker ${thirdSatker} is registered to K/L ${kl}, not ${otherKl}`));
  });

  test('POST /api/budget/dipa reports a row of another K/L as rejected and changes nothing for it', async () => {
    const csv = `fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr\n${fiscalYear},${satker},${kl},521211,1,0\n`;
    const answer = await as('otherKlFinance').postCsv<{ rejected: number; lines: { line: number; reason?: string }[] }>('/api/budget/dipa', csv);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.rejected, 1);
    assert.match(answer.body.lines[0].reason ?? '', new RegExp(`kl_code ${kl} is outside your K/L ${otherKl}`));
    const [line] = (await as('klFinance').get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${fiscalYear}&satkerCode=${satker}`)).body;
    assert.equal(line.paguIdr, '10000000000');
  });
});
