import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContractVersion } from '../orders/addenda/addendum-rules.js';
import { compileReleases, type JsonObject } from './ocds-merge.js';
import { frameworkRelease, type OrderFacts, orderReleases, ocdsAmount, type ReleaseEntry, stageOf } from './order-releases.js';

const publication = { ocidPrefix: 'ocds-test' };
const ORDER = '0b5c1d7e-0000-4000-8000-000000000001';
const PRODUCT = '0b5c1d7e-0000-4000-8000-0000000000aa';

const line = { lineNo: 1, productId: PRODUCT, sku: 'LPT-14', name: 'Laptop 14 inci', unit: 'unit', quantity: 10, unitPriceIdr: '1000000' };
const versionLine = { ...line, subtotalIdr: '10000000', shippingIdr: '0', pdnTier: 'pdn' as const, vendorUmk: false };

let seq = 0;
const entry = (kind: ReleaseEntry['kind'], fromStatus: string | null, toStatus: string, number: number | null = null): ReleaseEntry => {
  seq += 1;
  return { seq: String(seq), date: `2026-03-0${Math.min(seq, 9)}T01:00:00.000000Z`, kind, fromStatus, toStatus, number };
};

function anOrder(entries: ReleaseEntry[], changes: Partial<OrderFacts> = {}): OrderFacts {
  return {
    id: ORDER,
    satkerCode: '415423',
    klCode: '023',
    vendorId: '0b5c1d7e-0000-4000-8000-0000000000bb',
    vendorName: 'PT Sinar Komputer',
    totalIdr: '10000000',
    shippingFeeIdr: '0',
    pdnIdr: '10000000',
    umkIdr: '0',
    purchaseOrderNumber: 'SP-415423-2026-000001',
    lines: [versionLine],
    terms: [
      {
        termNo: 1,
        status: 'PAID',
        deliveryDate: '2026-03-20',
        quantities: [{ lineNo: 1, quantity: 10 }],
        valueIdr: '10000000',
        receivedOn: '2026-03-18',
        penaltyIdr: '0',
        sp2dNumber: '260001',
        paidOn: '2026-03-19',
      },
    ],
    addenda: [],
    categories: { [PRODUCT]: '4521100001' },
    entries,
    ...changes,
  };
}

const tagsOf = (releases: JsonObject[]) => releases.map((r) => (r.tag as string[]).join('+'));
const contractOf = (release: JsonObject) => (release.contracts as JsonObject[])[0];

describe('an order as OCDS releases', () => {
  test('a completed order: tender, award, contract, delivery milestone, payment, termination', () => {
    const releases = orderReleases(
      publication,
      anOrder([
        entry('placed', null, 'PENDING_BUDGET'),
        entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR'),
        entry('accepted', 'AWAITING_VENDOR', 'IN_PROCESS'),
        entry('shipped', 'IN_PROCESS', 'SHIPPED', 1),
        entry('received', 'SHIPPED', 'RECEIVED', 1),
        entry('paid', 'RECEIVED', 'COMPLETED', 1),
      ]),
    );
    assert.deepEqual(tagsOf(releases), ['tender', 'award', 'awardUpdate+contract', 'contractUpdate', 'contractUpdate', 'implementation+contractTermination']);
    assert.ok(releases.every((r) => r.ocid === `ocds-test-${ORDER}`));
    const compiled = compileReleases(releases);
    assert.equal((compiled.tender as JsonObject).status, 'complete');
    assert.equal((compiled.tender as JsonObject).procurementMethod, 'direct');
    assert.deepEqual((compiled.awards as JsonObject[])[0].status, 'active');
    const contract = contractOf(compiled);
    assert.equal(contract.id, 'SP-415423-2026-000001');
    assert.equal(contract.status, 'terminated');
    assert.deepEqual(contract.value, { amount: 10_000_000, currency: 'IDR' });
    assert.deepEqual((contract.items as JsonObject[])[0], {
      id: '1',
      description: 'Laptop 14 inci',
      classification: { scheme: 'KBKI', id: '4521100001' },
      quantity: 10,
      unit: { name: 'unit', value: { amount: 1_000_000, currency: 'IDR' } },
    });
    assert.deepEqual(contract.milestones, [
      {
        id: 'term-1',
        title: 'Termin 1',
        type: 'delivery',
        dueDate: '2026-03-20T23:59:59+07:00',
        status: 'met',
        description: 'Diterima dengan BAST',
        dateMet: '2026-03-18T00:00:00+07:00',
        dateModified: releases[4].date,
      },
    ]);
    assert.deepEqual((contract.implementation as JsonObject).transactions, [
      {
        id: 'sp2d-260001-term-1',
        date: '2026-03-19T00:00:00+07:00',
        value: { amount: 10_000_000, currency: 'IDR' },
        payer: { id: 'ID-SATKER-415423', name: 'Satuan Kerja 415423' },
        payee: { id: 'ID-PENYEDIA-0b5c1d7e-0000-4000-8000-0000000000bb', name: 'PT Sinar Komputer' },
      },
    ]);
    assert.deepEqual(
      (compiled.parties as JsonObject[]).map((p) => [p.id, p.roles]),
      [
        ['ID-SATKER-415423', ['buyer', 'procuringEntity', 'payer']],
        ['ID-KL-023', ['funder']],
        ['ID-PENYEDIA-0b5c1d7e-0000-4000-8000-0000000000bb', ['tenderer', 'supplier', 'payee']],
      ],
    );
    assert.deepEqual(compiled.relatedProcesses, [
      { id: 'katalog', relationship: ['framework'], title: 'Katalog Elektronik Serapan', scheme: 'ocid', identifier: 'ocds-test-katalog' },
    ]);
  });

  test('a paid term that is not the last is an implementation release and leaves the contract active', () => {
    const paid = entry('paid', 'RECEIVED', 'RECEIVED', 1);
    assert.deepEqual(stageOf(paid).tag, ['implementation']);
    const [release] = orderReleases(publication, anOrder([paid]));
    assert.equal(contractOf(release).status, undefined);
  });

  test('the payment is the term value less the penalty withheld', () => {
    const order = anOrder([entry('paid', 'RECEIVED', 'COMPLETED', 1)]);
    order.terms[0].penaltyIdr = '50000';
    const [release] = orderReleases(publication, order);
    const [transaction] = (contractOf(release).implementation as { transactions: JsonObject[] }).transactions;
    assert.deepEqual(transaction.value, { amount: 9_950_000, currency: 'IDR' });
  });

  test('rejected by the budget: the tender is unsuccessful and the vendor is no supplier', () => {
    const releases = orderReleases(publication, anOrder([entry('placed', null, 'PENDING_BUDGET'), entry('rejected', 'PENDING_BUDGET', 'REJECTED')]));
    assert.deepEqual(tagsOf(releases), ['tender', 'tenderUpdate']);
    const compiled = compileReleases(releases);
    assert.equal((compiled.tender as JsonObject).status, 'unsuccessful');
    assert.deepEqual((compiled.parties as JsonObject[])[2].roles, ['tenderer']);
    assert.equal(compiled.awards, undefined);
  });

  test('cancelled before the award, declined by the vendor, and cancelled while running are a tender cancellation, an award cancellation and a termination', () => {
    assert.deepEqual(stageOf({ kind: 'cancelled', fromStatus: 'NEGOTIATING', toStatus: 'CANCELLED' }).tag, ['tenderCancellation']);
    assert.deepEqual(stageOf({ kind: 'cancelled', fromStatus: 'PENDING_BUDGET', toStatus: 'CANCELLED' }).tag, ['tenderCancellation']);
    assert.deepEqual(stageOf({ kind: 'cancelled', fromStatus: 'AWAITING_VENDOR', toStatus: 'CANCELLED' }).tag, ['awardCancellation']);
    assert.deepEqual(stageOf({ kind: 'cancelled', fromStatus: 'IN_PROCESS', toStatus: 'CANCELLED' }).tag, ['contractTermination']);

    const declined = compileReleases(
      orderReleases(
        publication,
        anOrder([
          entry('placed', null, 'PENDING_BUDGET'),
          entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR'),
          entry('cancelled', 'AWAITING_VENDOR', 'CANCELLED'),
        ]),
      ),
    );
    assert.equal((declined.awards as JsonObject[])[0].status, 'cancelled');
    assert.equal(declined.contracts, undefined);

    const terminated = compileReleases(
      orderReleases(
        publication,
        anOrder([
          entry('placed', null, 'PENDING_BUDGET'),
          entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR'),
          entry('accepted', 'AWAITING_VENDOR', 'IN_PROCESS'),
          entry('cancelled', 'IN_PROCESS', 'CANCELLED'),
        ]),
      ),
    );
    assert.equal(contractOf(terminated).status, 'terminated');
    assert.deepEqual(
      (contractOf(terminated).milestones as JsonObject[]).map((m) => m.status),
      ['notMet'],
    );
  });

  test('a negotiated order says so in the procurement method details', () => {
    const [tender] = orderReleases(publication, anOrder([entry('placed', null, 'NEGOTIATING')]));
    assert.match((tender.tender as JsonObject).procurementMethodDetails as string, /negosiasi/);
  });

  test('an applied addendum amends the contract: releases before it keep the contract as it was, the amendment carries the new value and items', () => {
    const before: ContractVersion = {
      version: 1,
      shippingFeeIdr: '0',
      totalIdr: '10000000',
      pdnIdr: '10000000',
      umkIdr: '0',
      lines: [versionLine, { ...versionLine, lineNo: 2, name: 'Kertas A4', quantity: 4, unitPriceIdr: '250000', subtotalIdr: '1000000' }],
      terms: [{ termNo: 1, status: 'PLANNED', deliveryDate: '2026-03-20', quantities: [], valueIdr: '11000000' }],
    };
    const after: ContractVersion = {
      ...before,
      version: 2,
      totalIdr: '12000000',
      lines: [{ ...versionLine, quantity: 12, subtotalIdr: '12000000' }],
      terms: [{ termNo: 1, status: 'PLANNED', deliveryDate: '2026-03-25', quantities: [], valueIdr: '12000000' }],
    };
    const order = anOrder(
      [
        entry('placed', null, 'PENDING_BUDGET'),
        entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR'),
        entry('accepted', 'AWAITING_VENDOR', 'IN_PROCESS'),
        entry('amended', 'IN_PROCESS', 'IN_PROCESS', 1),
      ],
      { totalIdr: '12000000', lines: after.lines, addenda: [{ number: 1, before, after }] },
    );
    const releases = orderReleases(publication, order);
    assert.deepEqual(tagsOf(releases), ['tender', 'award', 'awardUpdate+contract', 'contractAmendment']);
    assert.deepEqual(contractOf(releases[2]).value, { amount: 10_000_000, currency: 'IDR' }, 'the contract as signed');
    assert.equal((contractOf(releases[2]).items as JsonObject[]).length, 2);
    const compiled = contractOf(compileReleases(releases));
    assert.deepEqual(compiled.value, { amount: 12_000_000, currency: 'IDR' });
    assert.deepEqual(
      (compiled.items as JsonObject[]).map((i) => [i.id, i.quantity]),
      [
        ['1', 12],
        ['2', 0],
      ],
    );
    assert.deepEqual(compiled.amendments, [
      {
        id: 'addendum-1',
        date: releases[3].date,
        description: 'Adendum 1: versi kontrak 2, nilai 10000000 → 12000000 rupiah',
        amendsReleaseID: releases[2].id,
        releaseID: releases[3].id,
      },
    ]);
    assert.equal((compiled.period as JsonObject).endDate, '2026-03-25T23:59:59+07:00');
  });

  test('the same facts always make the same releases', () => {
    const entries = [entry('placed', null, 'PENDING_BUDGET'), entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR')];
    assert.deepEqual(orderReleases(publication, anOrder(entries)), orderReleases(publication, anOrder(entries)));
  });

  test('the framework is a release of its own ocid', () => {
    const release = frameworkRelease(publication, '2026-01-02T03:04:05.000006Z');
    assert.equal(release.ocid, 'ocds-test-katalog');
    assert.deepEqual(release.tag, ['tender']);
  });

  test('rupiah are published as exact JSON numbers, and a figure a number cannot hold exactly is refused', () => {
    assert.equal(ocdsAmount('9007199254740991'), 9_007_199_254_740_991);
    assert.throws(() => ocdsAmount('9007199254740993'), /cannot be published exactly/);
  });

  test('the accepted release is the same before and after the terms are received and paid', () => {
    const agreed = [
      entry('placed', null, 'PENDING_BUDGET'),
      entry('reserved', 'PENDING_BUDGET', 'AWAITING_VENDOR'),
      entry('accepted', 'AWAITING_VENDOR', 'IN_PROCESS'),
    ];
    const running = anOrder(agreed, {
      terms: [{ ...anOrder([]).terms[0], status: 'PLANNED', receivedOn: null, sp2dNumber: null, paidOn: null }],
    });
    const done = anOrder([
      ...agreed,
      entry('shipped', 'IN_PROCESS', 'SHIPPED', 1),
      entry('received', 'SHIPPED', 'RECEIVED', 1),
      entry('paid', 'RECEIVED', 'COMPLETED', 1),
    ]);
    const before = orderReleases(publication, running)[2];
    assert.deepEqual(orderReleases(publication, done)[2], before);
    assert.deepEqual(
      (contractOf(before).milestones as JsonObject[]).map((m) => m.status),
      ['scheduled'],
    );
  });

  test('a receipt without its own date is dated by the Jakarta day of its entry', () => {
    const late = { ...entry('received', 'SHIPPED', 'RECEIVED', 1), date: '2026-03-10T18:30:00.000000Z' };
    const [release] = orderReleases(publication, anOrder([late], { terms: [{ ...anOrder([]).terms[0], status: 'RECEIVED', receivedOn: null }] }));
    assert.equal((contractOf(release).milestones as JsonObject[])[0].dateMet, '2026-03-11T00:00:00+07:00');
  });

  test('an entry its order contradicts makes no release, and the order is named in the warning; the rest are published', () => {
    const problems: string[] = [];
    const entries = [
      entry('placed', null, 'PENDING_BUDGET'),
      entry('paid', 'RECEIVED', 'COMPLETED', 1),
      entry('amended', 'IN_PROCESS', 'IN_PROCESS', 7),
      entry('cancelled', 'PENDING_BUDGET', 'CANCELLED'),
    ];
    const releases = orderReleases(publication, anOrder(entries, { terms: [{ ...anOrder([]).terms[0], sp2dNumber: null }] }), (problem) =>
      problems.push(problem),
    );
    assert.deepEqual(tagsOf(releases), ['tender', 'tenderCancellation']);
    assert.equal(problems.length, 2);
    assert.match(problems[0], new RegExp(`order ${ORDER}: .*no SP2D`));
    assert.match(problems[1], new RegExp(`order ${ORDER}: .*addendum 7`));
  });
});
