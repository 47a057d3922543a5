import { InvalidRequestError } from '#serapan/service';
import type { JsonObject } from './ocds-merge.js';

/**
 * A place in the feed: releases are served in (date, seq) order, seq being
 * the number that ends a release's id (its timeline entry; 0 for the
 * framework's), so releases of the same instant keep one order and a page
 * boundary between them skips and repeats none.
 */
export interface FeedPosition {
  /** ISO date-time. */
  since: string;
  /** The seq of the last release already served at `since`; -1 takes every release at `since`. */
  after: string;
}

/** Before every release. */
export const FEED_START: FeedPosition = { since: '-infinity', after: '-1' };

/** Where a request starts: at `since`, after the release `after` names (by its id) when given. */
export function startOf(since: string | undefined, after: string | undefined): FeedPosition {
  // a release id alone is no place in the feed: it is read together with the date it was served at
  if (since === undefined && after !== undefined) throw new InvalidRequestError('after needs since: give the date of the release it names');
  if (since === undefined) return FEED_START;
  return { since, after: after === undefined ? '-1' : seqOf(after) };
}

/** The seq that ends a release id (`<ocid>-<seq>`). */
export function seqOf(releaseId: string): string {
  const seq = /-([0-9]+)$/.exec(releaseId)?.[1];
  if (seq === undefined) throw new Error(`${releaseId} is no release id of this feed`);
  return seq;
}

/** A release with its place in the feed; no release where its order's facts could not make it (it still takes its place). */
export interface Placed {
  releaseId: string;
  release: JsonObject | undefined;
  at: FeedPosition;
}

/**
 * One page of at most `limit` places from `candidates` (read one beyond the
 * limit, in feed order) and, when more remain, the place the next page starts
 * after: the last place passed, served or not.
 */
export function feedPage(candidates: readonly Placed[], limit: number): { releases: JsonObject[]; next?: FeedPosition & { releaseId: string } } {
  const page = candidates.slice(0, limit);
  const last = page[page.length - 1];
  return {
    releases: page.flatMap((p) => (p.release ? [p.release] : [])),
    ...(candidates.length > limit && last ? { next: { ...last.at, releaseId: last.releaseId } } : {}),
  };
}
