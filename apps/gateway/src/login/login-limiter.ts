/** Counts hits per key in fixed windows; a key at its limit waits until its window ends. */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitFor(key: string): number {
    const window = this.current(key);
    return window && window.count >= this.limit ? window.endsAt - this.now() : 0;
  }

  hit(key: string): void {
    const window = this.current(key);
    if (window) window.count += 1;
    else this.windows.set(key, { count: 1, endsAt: this.now() + this.windowMs });
    if (this.windows.size > 10_000) this.sweep();
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

export interface LoginLimits {
  maxFailuresPerUser: number;
  maxFailuresPerClient: number;
  windowMs: number;
}

/**
 * Slows password guessing: a client address gets a few failed logins per user
 * name, and a larger number over all names, per window. A success clears the
 * count for that user name.
 */
export class LoginLimiter {
  private readonly perUser: FixedWindowCounter;
  private readonly perClient: FixedWindowCounter;

  constructor(limits: LoginLimits, now: () => number = Date.now) {
    this.perUser = new FixedWindowCounter(limits.maxFailuresPerUser, limits.windowMs, now);
    this.perClient = new FixedWindowCounter(limits.maxFailuresPerClient, limits.windowMs, now);
  }

  /** Milliseconds this client must wait before trying `username` again; 0 when it may try now. */
  waitFor(client: string, username: string): number {
    return Math.max(this.perUser.waitFor(`${client}|${username}`), this.perClient.waitFor(client));
  }

  failed(client: string, username: string): void {
    this.perUser.hit(`${client}|${username}`);
    this.perClient.hit(client);
  }

  succeeded(client: string, username: string): void {
    this.perUser.clear(`${client}|${username}`);
  }
}
