import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlExecutor } from '#serapan/database';
import { NotFoundError } from '#serapan/service';
import { OrderConfig } from '../order.config.js';
import { ReleasesQueryDto } from './dto/releases-query.dto.js';
import type { JsonObject } from './ocds-merge.js';
import { compileReleases } from './ocds-merge.js';
import { FEED_START, feedPage, FeedPosition, Placed, startOf } from './feed-page.js';
import { entriesAfter, factsOf, frameworkDateAfter, newestEntryDate, ordersOfYear, PagedEntry } from './open-data.sql.js';
import { frameworkOcid, frameworkRelease, orderOcid, orderReleases, Publication } from './order-releases.js';

/** Orders read together while a bulk file is written. */
const BULK_BATCH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The orders as Open Contracting Data Standard 1.1.5 releases and records
 * (docs/open-data.md): public, made only of organisations, items, money and dates.
 */
@Injectable()
export class OpenDataService {
  private readonly publication: Publication;

  constructor(
    private readonly db: DataSource,
    private readonly config: OrderConfig,
  ) {
    this.publication = { ocidPrefix: config.OCDS_OCID_PREFIX };
  }

  /** A release package of the releases after the query's place, oldest first, with links.next while more remain. */
  async releases(query: ReleasesQueryDto, baseUrl: string): Promise<JsonObject> {
    const from = startOf(query.since, query.after);
    const page = await this.db.transaction('REPEATABLE READ', (manager) => this.page(manager, from, query.limit));
    const link = (since: string | undefined, after: string | undefined) => {
      const url = new URL(`${baseUrl}/api/open-data/releases`);
      if (since !== undefined) url.searchParams.set('since', since);
      if (since !== undefined && after !== undefined) url.searchParams.set('after', after);
      url.searchParams.set('limit', String(query.limit));
      return url.toString();
    };
    return {
      ...this.packageHead(link(query.since, query.after), baseUrl, page.releases.at(-1)?.date as string | undefined),
      releases: page.releases,
      ...(page.next ? { links: { next: link(page.next.since, page.next.releaseId) } } : {}),
    };
  }

  /** The framework's release first when the page starts before it, then the entries' releases, one beyond the limit to learn whether more remain. */
  private async page(db: SqlExecutor, from: FeedPosition, limit: number) {
    const frameworkDate = await frameworkDateAfter(db, from);
    const framework = frameworkDate
      ? [
          {
            releaseId: `${frameworkOcid(this.publication)}-0`,
            release: frameworkRelease(this.publication, frameworkDate),
            at: { since: frameworkDate, after: '0' },
          },
        ]
      : [];
    const entries = await entriesAfter(db, from, limit + 1 - framework.length, this.config.OCDS_FEED_DELAY_SECONDS);
    return feedPage([...framework, ...(await this.releasesOf(db, entries))], limit);
  }

  /**
   * The release each entry makes, in the entries' order: every release of
   * their orders is built, as they build on each other. An entry whose order
   * could not make its release (orderReleases warned) keeps its place unserved.
   */
  private async releasesOf(db: SqlExecutor, entries: readonly PagedEntry[]): Promise<Placed[]> {
    const facts = await factsOf(
      db,
      entries.map((entry) => entry.orderId),
    );
    const byId = new Map(facts.flatMap((order) => orderReleases(this.publication, order)).map((release) => [release.id as string, release]));
    return entries.map((entry) => {
      const releaseId = `${orderOcid(this.publication, entry.orderId)}-${entry.seq}`;
      return { releaseId, release: byId.get(releaseId), at: { since: entry.date, after: entry.seq } };
    });
  }

  /** A record package with the one record of `ocid`: its releases and their compiled release. */
  async record(ocid: string, baseUrl: string): Promise<JsonObject> {
    const releases = await this.db.transaction('REPEATABLE READ', (manager) => this.releasesOfProcess(manager, ocid));
    if (releases.length === 0) throw new NotFoundError(`no contracting process has the ocid ${ocid}`);
    const uri = `${baseUrl}/api/open-data/records/${encodeURIComponent(ocid)}`;
    return {
      ...this.packageHead(uri, baseUrl, releases.at(-1)!.date as string),
      records: [{ ocid, releases, compiledRelease: compileReleases(releases) }],
    };
  }

  private async releasesOfProcess(db: SqlExecutor, ocid: string): Promise<JsonObject[]> {
    if (ocid === frameworkOcid(this.publication)) {
      const date = await frameworkDateAfter(db, FEED_START);
      return date ? [frameworkRelease(this.publication, date)] : [];
    }
    const prefix = `${this.publication.ocidPrefix}-`;
    const orderId = ocid.startsWith(prefix) ? ocid.slice(prefix.length) : '';
    if (!UUID.test(orderId)) return [];
    const [facts] = await factsOf(db, [orderId]);
    return facts ? orderReleases(this.publication, facts) : [];
  }

  /**
   * One fiscal year's orders as one release package, written piece by piece:
   * the framework's release, then the releases of the year's orders, order by
   * order, a batch of orders at a time so a large year is never held whole.
   */
  async *bulk(fiscalYear: number, baseUrl: string): AsyncGenerator<string> {
    const newest = await newestEntryDate(this.db, fiscalYear);
    const head = this.packageHead(`${baseUrl}/api/open-data/bulk/${fiscalYear}`, baseUrl, newest);
    yield `${JSON.stringify(head).slice(0, -1)},"releases":[`;
    const frameworkDate = await frameworkDateAfter(this.db, FEED_START);
    let first = true;
    if (frameworkDate) {
      yield JSON.stringify(frameworkRelease(this.publication, frameworkDate));
      first = false;
    }
    for (let after: string | null = null; ;) {
      const ids = await ordersOfYear(this.db, fiscalYear, after, BULK_BATCH);
      if (ids.length === 0) break;
      const releases = (await factsOf(this.db, ids)).flatMap((facts) => orderReleases(this.publication, facts));
      if (releases.length > 0) {
        yield `${first ? '' : ','}${releases.map((release) => JSON.stringify(release)).join(',')}`;
        first = false;
      }
      after = ids[ids.length - 1];
    }
    yield ']}';
  }

  /** What the export publishes and how (the packages' publicationPolicy when no other is configured). */
  publicationPolicy(baseUrl: string): JsonObject {
    return {
      publisher: this.config.OCDS_PUBLISHER_NAME,
      standard: 'Open Contracting Data Standard 1.1.5',
      license: this.config.OCDS_LICENSE_URL,
      ocidPrefix: this.config.OCDS_OCID_PREFIX,
      framework: frameworkOcid(this.publication),
      releases: `${baseUrl}/api/open-data/releases`,
      records: `${baseUrl}/api/open-data/records/{ocid}`,
      bulk: `${baseUrl}/api/open-data/bulk/{fiscalYear}`,
      timeliness: 'A release is published a few seconds after the change it reports is committed; releases never change once published.',
      excluded:
        'No person is named: no user names, officials, NIK or addresses; no free text written by users (reasons, notes); no budget figures of a work unit beyond the order itself.',
    };
  }

  /** The publishing metadata every package starts with. */
  private packageHead(uri: string, baseUrl: string, publishedDate: string | undefined): JsonObject {
    return {
      uri,
      version: '1.1',
      publishedDate: publishedDate ?? new Date().toISOString(),
      publisher: { name: this.config.OCDS_PUBLISHER_NAME },
      license: this.config.OCDS_LICENSE_URL,
      publicationPolicy: this.config.OCDS_PUBLICATION_POLICY_URL ?? `${baseUrl}/api/open-data/publication-policy`,
    };
  }
}
