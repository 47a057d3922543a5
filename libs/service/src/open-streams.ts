import type { MessageEvent } from '@nestjs/common';
import { finalize, interval, map, merge, Observable } from 'rxjs';
import { type Principal, untilTokenExpires } from '#serapan/auth';
import { TooManyError } from './domain-errors.js';

/** How often an open stream says it is still there, so proxies keep it open. */
const PING_MS = 15_000;

/**
 * Counts the streams each user holds open on this instance, so one user (or
 * one stolen token) cannot hold a connection per tab without end.
 */
export class OpenStreams {
  private readonly counts = new Map<string, number>();

  constructor(readonly limitPerUser: number) {}

  /**
   * Counts one more stream of the user `sub`, or throws TooManyError when they
   * hold the limit already. Call the returned function once, when it closes.
   */
  open(sub: string): () => void {
    const held = this.counts.get(sub) ?? 0;
    if (held >= this.limitPerUser) throw new TooManyError(`you have ${held} streams open already, the most one user may; close one first`);
    this.counts.set(sub, held + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.counts.get(sub) ?? 1) - 1;
      if (left > 0) this.counts.set(sub, left);
      else this.counts.delete(sub);
    };
  }

  /**
   * `events` as a live stream of `principal`'s: one of their streams counted while it is open (TooManyError
   * beyond the limit), a `ping` every 15 s, and its end when the token that opened it expires.
   */
  serve(principal: Principal, events: Observable<MessageEvent>): Observable<MessageEvent> {
    const close = this.open(principal.sub);
    return merge(events, interval(PING_MS).pipe(map(() => ({ type: 'ping', data: '' })))).pipe(untilTokenExpires(principal), finalize(close));
  }
}
