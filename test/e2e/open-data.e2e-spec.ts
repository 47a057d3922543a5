import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { klName } from '#serapan/contracts';
import type { ProductDto } from '../../apps/catalog/src/products/dto/product.dto.js';
import type { OrderViewDto } from '../../apps/order/src/orders/dto/order-view.dto.js';
import { aProduct, ProductInput } from '../fixtures/catalog-builders.js';
import { Api, ErrorBody, eventually, Json, satkerUsers, ServiceDatabase, testEnv, tokenFor, uniqueId, uniqueSatker } from '../support/index.js';

const ACCOUNT = '521211';
const SCHEMAS = 'test/fixtures/ocds-1.1.5';
/** Words an officer writes that name a person: free text never reaches open data. */
const PERSONAL_REASON = 'Permintaan Bapak Budi Santoso, NIK 3171234567890001, Jl. Melati 5';

type Order = Json<OrderViewDto>;
type JsonObject = { [key: string]: unknown };
interface Release extends JsonObject {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
}
interface ReleasePackage extends JsonObject {
  uri: string;
  releases: Release[];
  links?: { next?: string };
}
interface RecordPackage extends JsonObject {
  records: { ocid: string; releases: Release[]; compiledRelease: Release }[];
}

/** Today in Jakarta (YYYY-MM-DD), as the services date a BAST and an SP2D. */
const jakartaToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const FISCAL_YEAR = Number(jakartaToday().slice(0, 4));

const schema = (name: string): JsonObject => JSON.parse(readFileSync(`${SCHEMAS}/${name}`, 'utf8')) as JsonObject;
const codes = (codelist: string) =>
  readFileSync(`${SCHEMAS}/codelists/${codelist}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split(',')[0]);

/** The official 1.1.5 package schemas, with the release schema (and the versioned one) added by their ids so their $refs resolve. */
function ocdsValidators() {
  // both are CommonJS modules whose exports also carry themselves as `default`, which is what TypeScript types
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  ajv.addSchema(schema('release-schema.json'));
  ajv.addSchema(schema('versioned-release-validation-schema.json'));
  return { releasePackage: ajv.compile(schema('release-package-schema.json')), recordPackage: ajv.compile(schema('record-package-schema.json')) };
}

const get = <T>(object: unknown, key: string): T => (object as JsonObject)[key] as T;
const contractOf = (release: Release) => get<JsonObject[]>(release, 'contracts')[0];

describe('open data: every order as OCDS 1.1.5, public through the gateway', { timeout: 300_000 }, () => {
  const orderDb = new ServiceDatabase('order');
  const orders = new Api(testEnv.serviceUrl('order'));
  const budget = new Api(testEnv.serviceUrl('budget'));
  const catalog = new Api(testEnv.serviceUrl('catalog'));
  /** No token: open data is public. */
  const anonymous = new Api(testEnv.serviceUrl('gateway'));
  const validate = ocdsValidators();
  const usernames: string[] = [];
  let since: string;
  let vendor: { id: string; name: string; token: string; laptop: ProductDto; paper: ProductDto; laptopCategory: string };
  let made: { completed: Order; terminated: Order; declined: Order; rejected: Order; amended: Order; satkerCode: string };

  async function listed(token: string, input: ProductInput): Promise<ProductDto> {
    const response = await catalog.as(token).post<ProductDto>('/api/catalog/products', input);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  async function aSatker(paguIdr: string) {
    const satkerCode = uniqueSatker();
    const users = satkerUsers(satkerCode);
    usernames.push(users.officer.username, users.finance.username, users.klFinance.username);
    const allocated = await budget.as(tokenFor(users.klFinance)).put(`/api/budget/lines/${FISCAL_YEAR}/${satkerCode}/${ACCOUNT}`, { paguIdr });
    assert.equal(allocated.status, 201, JSON.stringify(allocated.body));
    return { satkerCode, officer: tokenFor(users.officer), finance: tokenFor(users.finance) };
  }

  const read = async (token: string, id: string) => (await orders.as(token).get<Order>(`/api/orders/${id}`)).body;
  const until = (token: string, id: string, status: string) =>
    eventually(`order ${id} ${status}`, async () => {
      const order = await read(token, id);
      return order.status === status ? order : undefined;
    });
  const act = async (token: string, id: string, action: string, body?: object) => {
    const response = await orders.as(token).post<Order>(`/api/orders/${id}/${action}`, body);
    assert.equal(response.status < 300, true, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  async function place(officer: string, lines: { productId: string; quantity: number }[]): Promise<Order> {
    const placed = await orders
      .as(officer)
      .post<Order>('/api/orders', { fiscalYear: FISCAL_YEAR, accountCode: ACCOUNT, lines }, { 'Idempotency-Key': randomUUID() });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    return placed.body;
  }

  /** An order the vendor accepted. */
  async function aRunningOrder(officer: string, lines: { productId: string; quantity: number }[]): Promise<Order> {
    const placed = await place(officer, lines);
    await until(officer, placed.id, 'AWAITING_VENDOR');
    return act(vendor.token, placed.id, 'accept');
  }

  before(async () => {
    const id = randomUUID();
    const username = `vendor-${uniqueId()}`;
    usernames.push(username);
    const token = tokenFor({ username, role: 'vendor', vendorId: id });
    const name = `PT Data Terbuka ${uniqueId()}`;
    const profile = await catalog.as(token).put('/api/catalog/vendors/me', { name, umk: false });
    assert.equal(profile.status < 300, true, JSON.stringify(profile.body));
    const laptopInput = aProduct().named('Laptop 14 inci').priced('1000000').stocked(100).domestic().build();
    const [laptop, paper] = [await listed(token, laptopInput), await listed(token, aProduct().named('Kertas A4').priced('250000').stocked(100).build())];
    vendor = { id, name, token, laptop, paper, laptopCategory: laptopInput.categoryCode };
    await eventually('the order service knows the products', async () => (await orderDb.knownProducts([laptop.id, paper.id])) === 2);
    since = new Date(Date.now() - 1000).toISOString();

    const satker = await aSatker('100000000');
    const poor = await aSatker('1000000');

    const running = await aRunningOrder(satker.officer, [{ productId: laptop.id, quantity: 2 }]);
    await act(vendor.token, running.id, 'ship');
    const today = jakartaToday();
    await act(satker.officer, running.id, 'receive', { bastNumber: `BAST-${uniqueId()}`, receivedOn: today });
    await act(satker.finance, running.id, 'pay', { sp2dNumber: `26${Date.now()}`, paidOn: today });
    const completed = await until(satker.finance, running.id, 'COMPLETED');

    const toTerminate = await aRunningOrder(satker.officer, [{ productId: laptop.id, quantity: 1 }]);
    const terminated = await act(satker.officer, toTerminate.id, 'cancel', { reason: PERSONAL_REASON });

    const toDecline = await place(satker.officer, [{ productId: paper.id, quantity: 1 }]);
    await until(satker.officer, toDecline.id, 'AWAITING_VENDOR');
    const declined = await act(vendor.token, toDecline.id, 'decline', { reason: PERSONAL_REASON });

    const tooDear = await place(poor.officer, [{ productId: laptop.id, quantity: 5 }]);
    const rejected = await until(poor.officer, tooDear.id, 'REJECTED');

    const toAmend = await aRunningOrder(satker.officer, [
      { productId: laptop.id, quantity: 10 },
      { productId: paper.id, quantity: 4 },
    ]);
    const proposed = await orders
      .as(satker.officer)
      .post<Order>(`/api/orders/${toAmend.id}/addenda`, { reason: PERSONAL_REASON, lines: [{ lineNo: 1, quantity: 12 }] });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    await act(vendor.token, `${toAmend.id}/addenda/1`, 'agree');
    const amended = await eventually('the addendum applied', async () => {
      const order = await read(satker.officer, toAmend.id);
      return order.addenda[0]?.status === 'APPLIED' ? order : undefined;
    });
    made = { completed, terminated, declined, rejected, amended, satkerCode: satker.satkerCode };
    // the feed serves a release once it has settled a few seconds (OCDS_FEED_DELAY_SECONDS)
    await eventually(
      'the feed serves the amendment',
      async () => (await feed(since, 1000)).releases.some((r) => r.ocid.endsWith(amended.id) && r.tag.includes('contractAmendment')),
      30_000,
      500,
    );
  });

  after(() => orderDb.close());

  /** Every page of the feed from `from`, following links.next; each page checked against the release-package schema. */
  async function feed(from: string, limit: number): Promise<{ pages: ReleasePackage[]; releases: Release[] }> {
    const pages: ReleasePackage[] = [];
    let next: string | undefined = `/api/open-data/releases?since=${encodeURIComponent(from)}&limit=${limit}`;
    while (next) {
      const response: { status: number; body: ReleasePackage } = await anonymous.get<ReleasePackage>(next.replace(testEnv.serviceUrl('gateway'), ''));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      // a package of no release is what a reader polling ahead of the feed gets; the schema wants at least one
      if (response.body.releases.length > 0) assert.ok(validate.releasePackage(response.body), JSON.stringify(validate.releasePackage.errors, null, 1));
      pages.push(response.body);
      next = response.body.links?.next;
      if (next) assert.ok(next.startsWith(`${testEnv.serviceUrl('gateway')}/api/open-data/releases?`), `links.next is absolute, through the gateway: ${next}`);
      assert.ok(pages.length < 200, 'the feed ends');
    }
    return { pages, releases: pages.flatMap((page) => page.releases) };
  }

  async function recordOf(ocid: string): Promise<RecordPackage['records'][number]> {
    const response = await anonymous.get<RecordPackage>(`/api/open-data/records/${ocid}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.ok(validate.recordPackage(response.body), JSON.stringify(validate.recordPackage.errors, null, 1));
    assert.equal(response.body.records.length, 1);
    return response.body.records[0];
  }

  /** The framework's ocid: the feed's very first release is the e-catalog's. */
  async function framework(): Promise<Release> {
    const first = await anonymous.get<ReleasePackage>('/api/open-data/releases?limit=1');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.ok(validate.releasePackage(first.body), JSON.stringify(validate.releasePackage.errors, null, 1));
    const [release] = first.body.releases;
    assert.match(release.ocid, /-katalog$/);
    return release;
  }

  const ocidOf = (frameworkOcid: string, order: Order) => `${frameworkOcid.replace(/-katalog$/, '')}-${order.id}`;

  test('the feed, paged by links.next without a token, holds every release once, in order, each page a valid 1.1.5 release package', async () => {
    const whole = await feed(since, 1000);
    assert.equal(whole.pages.length, 1);
    const paged = await feed(since, 3);
    assert.ok(paged.pages.length > 3, 'several pages');
    // other specs share the stack: the feed may have grown since, but only after what was served before
    const ids = (releases: Release[]) => releases.map((r) => r.id);
    assert.deepEqual(ids(paged.releases).slice(0, whole.releases.length), ids(whole.releases), 'no release skipped or repeated between pages');
    assert.equal(new Set(whole.releases.map((r) => r.id)).size, whole.releases.length);
    const dates = whole.releases.map((r) => Date.parse(r.date));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => a - b),
      'oldest first',
    );

    const frameworkOcid = (await framework()).ocid;
    const tags = (order: Order) => whole.releases.filter((r) => r.ocid === ocidOf(frameworkOcid, order)).map((r) => r.tag.join('+'));
    assert.deepEqual(tags(made.completed), [
      'tender',
      'award',
      'awardUpdate+contract',
      'contractUpdate',
      'contractUpdate',
      'implementation+contractTermination',
    ]);
    assert.deepEqual(tags(made.terminated), ['tender', 'award', 'awardUpdate+contract', 'contractTermination']);
    assert.deepEqual(tags(made.declined), ['tender', 'award', 'awardCancellation']);
    assert.deepEqual(tags(made.rejected), ['tender', 'tenderUpdate']);
    assert.deepEqual(tags(made.amended), ['tender', 'award', 'awardUpdate+contract', 'contractAmendment']);

    const again = await feed(since, 1000);
    assert.deepEqual(again.releases.slice(0, whole.releases.length), whole.releases, 'a release is the same every time it is served');

    const newest = whole.releases[whole.releases.length - 1];
    const poll = await anonymous.get<ReleasePackage>(`/api/open-data/releases?since=${encodeURIComponent(newest.date)}&after=${newest.id}`);
    assert.equal(poll.status, 200);
    const held = new Set(ids(whole.releases));
    assert.deepEqual(
      poll.body.releases.filter((r) => held.has(r.id)),
      [],
      'polling after the newest release held repeats none',
    );
    assert.ok(poll.body.releases.every((r) => r.date >= newest.date));
    const [firstPage] = paged.pages;
    assert.equal(firstPage.uri, `${testEnv.serviceUrl('gateway')}/api/open-data/releases?since=${encodeURIComponent(since)}&limit=3`);
  });

  test("each order's record compiles its releases: statuses, values in IDR, items, transactions and the framework it calls off", async () => {
    const frameworkRelease = await framework();
    const frameworkRecord = await recordOf(frameworkRelease.ocid);
    assert.deepEqual(frameworkRecord.releases, [frameworkRelease]);
    const frameworkTitle = get<{ title: string }>(frameworkRelease, 'tender').title;

    const records = Object.fromEntries(
      await Promise.all(
        Object.entries(made).flatMap(([name, order]) =>
          typeof order === 'string' ? [] : [recordOf(ocidOf(frameworkRelease.ocid, order)).then((r) => [name, r] as const)],
        ),
      ),
    );
    for (const record of Object.values(records)) {
      const compiled = record.compiledRelease;
      assert.deepEqual(compiled.tag, ['compiled']);
      assert.deepEqual(compiled.relatedProcesses, [
        { id: 'katalog', relationship: ['framework'], title: frameworkTitle, scheme: 'ocid', identifier: frameworkRelease.ocid },
      ]);
      const buyer = get<JsonObject>(compiled, 'buyer');
      assert.match(String(buyer.id), /^ID-SATKER-[0-9]{6}$/);
      assert.equal(buyer.name, `Satuan Kerja ${String(buyer.id).slice('ID-SATKER-'.length)}`);
      const parties = get<JsonObject[]>(compiled, 'parties');
      assert.deepEqual(parties[1], { id: 'ID-KL-023', name: klName('023'), roles: ['funder'] });
      assert.deepEqual(parties[2].name, vendor.name);
      const roles = codes('partyRole.csv');
      assert.ok(
        parties.every((p) => (p.roles as string[]).every((role) => roles.includes(role))),
        'party roles from the codelist',
      );
    }

    const completed = records.completed.compiledRelease;
    assert.equal(get<JsonObject>(completed, 'buyer').id, `ID-SATKER-${made.satkerCode}`);
    assert.equal(get<JsonObject>(completed, 'tender').status, 'complete');
    assert.equal(get<JsonObject[]>(completed, 'awards')[0].status, 'active');
    const contract = contractOf(completed);
    assert.equal(contract.id, made.completed.purchaseOrderNumber);
    assert.equal(contract.status, 'terminated');
    assert.deepEqual(contract.value, { amount: Number(made.completed.totalIdr), currency: 'IDR' });
    assert.deepEqual(contract.items, [
      {
        id: '1',
        description: 'Laptop 14 inci',
        classification: { scheme: 'KBKI', id: vendor.laptopCategory },
        quantity: 2,
        unit: { name: made.completed.lines[0].unit, value: { amount: Number(made.completed.lines[0].unitPriceIdr), currency: 'IDR' } },
      },
    ]);
    const [term] = made.completed.terms;
    assert.deepEqual(get<{ transactions: JsonObject[] }>(contract, 'implementation').transactions, [
      {
        id: `sp2d-${term.sp2dNumber}-term-1`,
        date: `${term.paidOn}T00:00:00+07:00`,
        value: { amount: Number(BigInt(term.valueIdr) - BigInt(term.penaltyIdr)), currency: 'IDR' },
        payer: { id: `ID-SATKER-${made.satkerCode}`, name: `Satuan Kerja ${made.satkerCode}` },
        payee: { id: `ID-PENYEDIA-${vendor.id}`, name: vendor.name },
      },
    ]);
    const [milestone] = get<JsonObject[]>(contract, 'milestones');
    assert.equal(milestone.status, 'met');
    assert.equal(milestone.dateMet, `${term.receivedOn}T00:00:00+07:00`);
    assert.ok(codes('milestoneType.csv').includes(milestone.type as string));

    const terminated = contractOf(records.terminated.compiledRelease);
    assert.equal(terminated.status, 'terminated');
    assert.deepEqual(
      get<JsonObject[]>(terminated, 'milestones').map((m) => m.status),
      ['notMet'],
    );
    assert.equal(get<JsonObject[]>(records.declined.compiledRelease, 'awards')[0].status, 'cancelled');
    assert.equal(records.declined.compiledRelease.contracts, undefined);
    assert.equal(get<JsonObject>(records.rejected.compiledRelease, 'tender').status, 'unsuccessful');
    assert.equal(records.rejected.compiledRelease.awards, undefined);

    const amendedRecord = records.amended;
    const signed = amendedRecord.releases.find((r) => r.tag.includes('contract'))!;
    assert.deepEqual(contractOf(signed).value, { amount: Number(made.amended.addenda[0].before.totalIdr), currency: 'IDR' }, 'the contract as signed');
    const amended = contractOf(amendedRecord.compiledRelease);
    assert.deepEqual(amended.value, { amount: Number(made.amended.totalIdr), currency: 'IDR' });
    assert.deepEqual(
      get<JsonObject[]>(amended, 'items').map((item) => [item.id, item.quantity]),
      [
        ['1', 12],
        ['2', 4],
      ],
    );
    const [amendment] = get<JsonObject[]>(amended, 'amendments');
    assert.equal(amendment.id, 'addendum-1');
    assert.equal(amendment.amendsReleaseID, signed.id);
    assert.equal(amendment.releaseID, amendedRecord.releases.at(-1)!.id);
  });

  test('the bulk file of the fiscal year is one valid release package, as an attachment, with the releases of the feed', async () => {
    const frameworkOcid = (await framework()).ocid;
    const ours = new Set(Object.values(made).flatMap((order) => (typeof order === 'string' ? [] : [ocidOf(frameworkOcid, order)])));
    const served = (await feed(since, 1000)).releases.filter((r) => ours.has(r.ocid));
    assert.equal(served.length, 6 + 4 + 3 + 2 + 4);
    const response = await anonymous.get<ReleasePackage>(`/api/open-data/bulk/${FISCAL_YEAR}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="serapan-ocds-${FISCAL_YEAR}.json"`);
    assert.ok(validate.releasePackage(response.body), JSON.stringify(validate.releasePackage.errors, null, 1));
    assert.match(response.body.releases[0].ocid, /-katalog$/);
    const inFile = new Map(response.body.releases.map((r) => [r.id, r]));
    assert.equal(inFile.size, response.body.releases.length, 'each release once');
    for (const release of served) assert.deepEqual(inFile.get(release.id), release, `${release.id} is in the file as the feed serves it`);
    const other = await anonymous.get<ReleasePackage>(`/api/open-data/bulk/${FISCAL_YEAR - 5}`);
    assert.equal(other.status, 200);
    assert.deepEqual(
      other.body.releases.map((r) => r.tag),
      [['tender']],
      "another year's file holds the framework alone",
    );
  });

  test('no person is named anywhere: no user name, no reason written by an officer or a vendor', async () => {
    const frameworkOcid = (await framework()).ocid;
    const texts = [
      JSON.stringify((await feed(since, 1000)).pages),
      ...(await Promise.all(Object.values(made).flatMap((order) => (typeof order === 'string' ? [] : [recordOf(ocidOf(frameworkOcid, order))])))).map((r) =>
        JSON.stringify(r),
      ),
      await (await fetch(`${testEnv.serviceUrl('gateway')}/api/open-data/bulk/${FISCAL_YEAR}`)).text(),
    ];
    for (const text of texts) {
      for (const username of usernames) assert.ok(!text.includes(username), `${username} appears in open data`);
      assert.ok(!text.includes('Budi Santoso') && !text.includes('3171234567890001') && !text.includes('Melati'), 'free text appears in open data');
    }
  });

  test('bad paging parameters are refused with 400 naming the field; an unknown ocid is 404', async () => {
    for (const [query, field] of [
      ['since=yesterday', 'since'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['since=2026-01-01T00:00:00Z&after=-1', 'after'],
      ['since=2026-01-01T00:00:00Z&after=release-one', 'after'],
      ['since=2026-01-01T00:00:00Z&after=ocds-serapan-katalog-99999999999999999999', 'after'],
      ['after=ocds-serapan-katalog-0', 'after'],
    ]) {
      const response = await anonymous.get<ErrorBody<string[]>>(`/api/open-data/releases?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(JSON.stringify(response.body.message), new RegExp(`\\b${field}\\b`), query);
    }
    const frameworkOcid = (await framework()).ocid;
    const unknown = await anonymous.get<ErrorBody>(`/api/open-data/records/${frameworkOcid.replace(/-katalog$/, '')}-${randomUUID()}`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /no contracting process has the ocid/);
    for (const year of ['nineteen', '1999', '2101']) {
      const bulk = await anonymous.get<ErrorBody<string[]>>(`/api/open-data/bulk/${year}`);
      assert.equal(bulk.status, 400, year);
      assert.match(JSON.stringify(bulk.body.message), /\bfiscalYear\b/, year);
    }
  });
});
