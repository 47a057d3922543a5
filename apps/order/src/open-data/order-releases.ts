import { Logger } from '@nestjs/common';
import { klName } from '#serapan/contracts';
import { jakartaDate } from '#serapan/service';
import type { ContractVersion, VersionLine, VersionTerm } from '../orders/addenda/addendum-rules.js';
import type { JsonObject } from './ocds-merge.js';

/**
 * What an order's timeline entry means to open data (open-data.sql.ts names
 * it). Entries of no public meaning (offers, a PPK's approval, the budget's
 * notes, addendum steps that change nothing) make no release.
 */
export const RELEASE_KINDS = ['placed', 'reserved', 'accepted', 'rejected', 'cancelled', 'shipped', 'received', 'paid', 'amended'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** A timeline entry that makes a release. */
export interface ReleaseEntry {
  /** The timeline entry's id: the release's place in the feed, and its id within the ocid. */
  seq: string;
  /** ISO date-time, UTC, to the microsecond (as stored). */
  date: string;
  kind: ReleaseKind;
  fromStatus: string | null;
  toStatus: string;
  /** The term (shipped, received, paid) or the addendum (amended) the entry names. */
  number: number | null;
}

/** An order as open data reads it: no person's name, no free text. */
export interface OrderFacts {
  id: string;
  satkerCode: string;
  klCode: string;
  vendorId: string;
  vendorName: string;
  totalIdr: string;
  shippingFeeIdr: string;
  pdnIdr: string;
  umkIdr: string;
  purchaseOrderNumber: string | null;
  lines: VersionLine[];
  terms: {
    termNo: number;
    status: VersionTerm['status'];
    deliveryDate: string;
    quantities: VersionTerm['quantities'];
    valueIdr: string;
    receivedOn: string | null;
    penaltyIdr: string;
    sp2dNumber: string | null;
    paidOn: string | null;
  }[];
  /** Applied addenda, by number: the contract before and after each. */
  addenda: { number: number; before: ContractVersion; after: ContractVersion }[];
  /** KBKI category code per product, where the catalog gave one. */
  categories: Readonly<Record<string, string>>;
  /** Oldest first. */
  entries: ReleaseEntry[];
}

/** What every release of a publisher shares. */
export interface Publication {
  ocidPrefix: string;
}

export const frameworkOcid = (publication: Publication) => `${publication.ocidPrefix}-katalog`;
export const orderOcid = (publication: Publication, orderId: string) => `${publication.ocidPrefix}-${orderId}`;

const FRAMEWORK_TITLE = 'Katalog Elektronik Serapan';
const LKPP = { id: 'ID-LKPP', name: 'Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah' };
/** The catalog's category codes are KBKI (Klasifikasi Baku Komoditas Indonesia, BPS). */
const CATEGORY_SCHEME = 'KBKI';

/**
 * Whole rupiah as the JSON number OCDS asks for. Exact up to 2^53 − 1
 * (about 9 thousand trillion rupiah), far above any order; a larger figure is
 * refused rather than rounded.
 */
export function ocdsAmount(idr: string): number {
  const amount = Number(idr);
  if (!Number.isSafeInteger(amount)) throw new Error(`${idr} rupiah cannot be published exactly as a JSON number`);
  return amount;
}

const idr = (amount: string) => ({ amount: ocdsAmount(amount), currency: 'IDR' });
/** A Jakarta calendar date as the start (or end) of that day. */
const startOf = (date: string) => `${date}T00:00:00+07:00`;
const endOf = (date: string) => `${date}T23:59:59+07:00`;

/** The e-catalog itself: a framework agreement, one contracting process of its own, dated by the first order made from it. */
export function frameworkRelease(publication: Publication, date: string): JsonObject {
  const ocid = frameworkOcid(publication);
  return {
    ocid,
    id: `${ocid}-0`,
    date,
    tag: ['tender'],
    initiationType: 'tender',
    language: 'id',
    parties: [{ ...LKPP, roles: ['procuringEntity'] }],
    tender: {
      id: 'katalog',
      title: FRAMEWORK_TITLE,
      description:
        'Perjanjian kerangka: penyedia mencantumkan produk dan harganya di katalog elektronik; satuan kerja memesan darinya melalui e-purchasing, setiap pesanan sebuah kontrak turunan (call-off) dengan ocid sendiri.',
      status: 'active',
      procurementMethod: 'open',
      procurementMethodDetails: 'Pencantuman produk di katalog elektronik (Peraturan LKPP 9/2021)',
      mainProcurementCategory: 'goods',
      procuringEntity: LKPP,
    },
  };
}

/** The contract as it stood before its first applied addendum: as placed and agreed. */
function originalVersion(facts: OrderFacts): ContractVersion {
  if (facts.addenda.length > 0) return facts.addenda[0].before;
  return {
    version: 1,
    shippingFeeIdr: facts.shippingFeeIdr,
    totalIdr: facts.totalIdr,
    pdnIdr: facts.pdnIdr,
    umkIdr: facts.umkIdr,
    lines: facts.lines,
    terms: facts.terms.map(({ termNo, status, deliveryDate, quantities, valueIdr }) => ({ termNo, status, deliveryDate, quantities, valueIdr })),
  };
}

const logger = new Logger('OpenData');

/**
 * Every release of one order's contracting process, oldest first: one per
 * timeline entry that means something to the public, built only from what was
 * true when the entry was written (the contract version then in force, the
 * term's own receipt and payment), so a release never changes once it exists.
 * An entry the order's own facts contradict makes no release (`skipped` is told
 * why): one inconsistent order must not stop the feed or a bulk file.
 */
export function orderReleases(
  publication: Publication,
  facts: OrderFacts,
  skipped: (problem: string) => void = (problem) => logger.warn(problem),
): JsonObject[] {
  const ocid = orderOcid(publication, facts.id);
  const buyer = { id: `ID-SATKER-${facts.satkerCode}`, name: `Satuan Kerja ${facts.satkerCode}` };
  const kl = { id: `ID-KL-${facts.klCode}`, name: klName(facts.klCode) };
  const supplier = { id: `ID-PENYEDIA-${facts.vendorId}`, name: facts.vendorName };
  const awardId = `${ocid}-award`;
  const contractId = facts.purchaseOrderNumber ?? `${ocid}-contract`;
  const negotiated = facts.entries[0]?.toStatus === 'NEGOTIATING';

  const items = (version: ContractVersion, priced: boolean) =>
    version.lines.map((line) => ({
      id: String(line.lineNo),
      description: line.name,
      ...(facts.categories[line.productId] ? { classification: { scheme: CATEGORY_SCHEME, id: facts.categories[line.productId] } } : {}),
      quantity: line.quantity,
      unit: { name: line.unit, ...(priced ? { value: idr(line.unitPriceIdr) } : {}) },
    }));
  const lastDelivery = (version: ContractVersion) => version.terms.map((t) => t.deliveryDate).reduce((a, b) => (a > b ? a : b));
  const milestone = (term: Pick<VersionTerm, 'termNo'>) => ({ id: `term-${term.termNo}`, title: `Termin ${term.termNo}`, type: 'delivery' });
  /** The version's milestones; `asStored` reads each term's status as the version recorded it, else every term is still to come. */
  const scheduled = (version: ContractVersion, asStored: boolean) =>
    version.terms.map((term) => ({
      ...milestone(term),
      dueDate: endOf(term.deliveryDate),
      status: asStored && (term.status === 'RECEIVED' || term.status === 'PAID') ? 'met' : 'scheduled',
    }));
  const contract = (fields: JsonObject) => ({ contracts: [{ id: contractId, awardID: awardId, ...fields }] });
  const termOf = (entry: ReleaseEntry) => {
    const term = facts.terms.find((t) => t.termNo === entry.number);
    if (!term) throw new Error(`order ${facts.id}: timeline entry ${entry.seq} names term ${entry.number}, which it does not have`);
    return term;
  };

  let version = originalVersion(facts);
  const releases: JsonObject[] = [];
  const build = (entry: ReleaseEntry): JsonObject => {
    if (entry.kind === 'amended') {
      const addendum = facts.addenda.find((a) => a.number === entry.number);
      if (!addendum) throw new Error(`order ${facts.id}: timeline entry ${entry.seq} applies addendum ${entry.number}, which is not applied`);
      version = addendum.after;
    }
    const stage = stageOf(entry);
    const id = `${ocid}-${entry.seq}`;
    const release: JsonObject = {
      ocid,
      id,
      date: entry.date,
      tag: stage.tag,
      initiationType: 'tender',
      language: 'id',
      parties: [
        { ...buyer, roles: ['buyer', 'procuringEntity', 'payer'] },
        { ...kl, roles: ['funder'] },
        { ...supplier, roles: stage.awarded ? ['tenderer', 'supplier', 'payee'] : ['tenderer'] },
      ],
      buyer,
      relatedProcesses: [{ id: 'katalog', relationship: ['framework'], title: FRAMEWORK_TITLE, scheme: 'ocid', identifier: frameworkOcid(publication) }],
    };
    switch (entry.kind) {
      case 'placed':
        release.tender = {
          id: facts.id,
          title: `Pesanan e-purchasing ${facts.id}`,
          status: 'active',
          procurementMethod: 'direct',
          procurementMethodDetails: negotiated ? 'E-purchasing dari katalog elektronik, dengan negosiasi harga' : 'E-purchasing dari katalog elektronik',
          mainProcurementCategory: 'goods',
          procuringEntity: buyer,
          items: items(version, false),
          tenderers: [supplier],
          numberOfTenderers: 1,
        };
        break;
      case 'rejected':
        release.tender = { id: facts.id, status: 'unsuccessful' };
        break;
      case 'reserved':
        release.tender = { id: facts.id, status: 'complete' };
        release.awards = [
          {
            id: awardId,
            status: 'pending',
            date: entry.date,
            value: idr(version.totalIdr),
            suppliers: [supplier],
            items: items(version, true),
            contractPeriod: { endDate: endOf(lastDelivery(version)) },
          },
        ];
        break;
      case 'accepted':
        release.awards = [{ id: awardId, status: 'active' }];
        Object.assign(
          release,
          contract({
            title: `Surat pesanan ${contractId}`,
            status: 'active',
            dateSigned: entry.date,
            value: idr(version.totalIdr),
            period: { startDate: entry.date, endDate: endOf(lastDelivery(version)) },
            items: items(version, true),
            // as agreed: what the terms went through since is told by later releases, never by this one
            milestones: scheduled(version, false),
          }),
        );
        break;
      case 'cancelled':
        if (stage.awarded && entry.fromStatus === 'AWAITING_VENDOR') release.awards = [{ id: awardId, status: 'cancelled' }];
        else if (stage.awarded) {
          // a running contract ends early: nothing was delivered (cancelling needs every term unshipped)
          Object.assign(
            release,
            contract({ status: 'terminated', milestones: version.terms.map((term) => ({ ...milestone(term), status: 'notMet', dateModified: entry.date })) }),
          );
        } else release.tender = { id: facts.id, status: 'cancelled' };
        break;
      case 'shipped':
        Object.assign(
          release,
          contract({
            milestones: [{ ...milestone(termOf(entry)), status: 'scheduled', description: 'Dikirim oleh penyedia; menunggu BAST', dateModified: entry.date }],
          }),
        );
        break;
      case 'received': {
        const term = termOf(entry);
        Object.assign(
          release,
          contract({
            milestones: [
              {
                ...milestone(term),
                status: 'met',
                description: 'Diterima dengan BAST',
                dateMet: startOf(term.receivedOn ?? jakartaDate(new Date(entry.date))),
                dateModified: entry.date,
              },
            ],
          }),
        );
        break;
      }
      case 'paid': {
        const term = termOf(entry);
        if (!term.sp2dNumber || !term.paidOn) throw new Error(`order ${facts.id}: term ${term.termNo} is paid on its timeline but has no SP2D`);
        const transaction = {
          id: `sp2d-${term.sp2dNumber}-term-${term.termNo}`,
          date: startOf(term.paidOn),
          value: idr((BigInt(term.valueIdr) - BigInt(term.penaltyIdr)).toString()),
          payer: buyer,
          payee: supplier,
        };
        Object.assign(
          release,
          contract({ ...(entry.toStatus === 'COMPLETED' ? { status: 'terminated' } : {}), implementation: { transactions: [transaction] } }),
        );
        break;
      }
      case 'amended': {
        const addendum = facts.addenda.find((a) => a.number === entry.number)!;
        const kept = new Set(addendum.after.lines.map((l) => l.lineNo));
        // a line the addendum removed stays in the compiled contract, at quantity 0
        const removed = addendum.before.lines.filter((l) => !kept.has(l.lineNo)).map((l) => ({ id: String(l.lineNo), quantity: 0 }));
        Object.assign(
          release,
          contract({
            value: idr(addendum.after.totalIdr),
            period: { endDate: endOf(lastDelivery(addendum.after)) },
            items: [...items(addendum.after, true), ...removed],
            milestones: scheduled(addendum.after, true),
            amendments: [
              {
                id: `addendum-${addendum.number}`,
                date: entry.date,
                description: `Adendum ${addendum.number}: versi kontrak ${addendum.after.version}, nilai ${addendum.before.totalIdr} → ${addendum.after.totalIdr} rupiah`,
                amendsReleaseID: releases[releases.length - 1]?.id,
                releaseID: id,
              },
            ],
          }),
        );
        break;
      }
    }
    return release;
  };
  for (const entry of facts.entries) {
    try {
      releases.push(build(entry));
    } catch (error) {
      skipped(`order ${facts.id}: timeline entry ${entry.seq} (${entry.kind}) makes no release: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return releases;
}

/** The release tags of an entry, and whether the supplier had been awarded the order by then. */
export function stageOf(entry: Pick<ReleaseEntry, 'kind' | 'fromStatus' | 'toStatus'>): { tag: string[]; awarded: boolean } {
  switch (entry.kind) {
    case 'placed':
      return { tag: ['tender'], awarded: false };
    case 'rejected':
      return { tag: ['tenderUpdate'], awarded: false };
    case 'reserved':
      return { tag: ['award'], awarded: true };
    case 'accepted':
      return { tag: ['awardUpdate', 'contract'], awarded: true };
    case 'cancelled':
      if (entry.fromStatus === 'AWAITING_VENDOR') return { tag: ['awardCancellation'], awarded: true };
      if (entry.fromStatus === 'IN_PROCESS') return { tag: ['contractTermination'], awarded: true };
      return { tag: ['tenderCancellation'], awarded: false };
    case 'shipped':
    case 'received':
      return { tag: ['contractUpdate'], awarded: true };
    case 'paid':
      return { tag: entry.toStatus === 'COMPLETED' ? ['implementation', 'contractTermination'] : ['implementation'], awarded: true };
    case 'amended':
      return { tag: ['contractAmendment'], awarded: true };
  }
}
