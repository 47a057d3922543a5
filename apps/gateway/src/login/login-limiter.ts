import { AccountLockedError, LoginBusyError, LoginRefusedError, TooManyLoginsError } from './login-errors.js';

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

  /** Takes back one hit (an attempt that turned out not to be a failure). */
  refund(key: string): void {
    const window = this.current(key);
    if (window && window.count > 0) window.count -= 1;
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
  /** Failed logins per client address and user name. */
  maxFailuresPerUser: number;
  /** Failed logins per client address, whatever the user name. */
  maxFailuresPerClient: number;
  /** Failed logins per user name from all clients together, after which the account is locked. */
  maxFailuresPerAccount: number;
  windowMs: number;
  /** Password hashes computed at once; scrypt at current cost takes 128 MiB and a core's time each. */
  concurrentHashes: number;
  /** Logins that may wait for a hash slot; beyond them the gateway is busy. */
  hashQueue: number;
}

/**
 * Slows password guessing. Every attempt is counted before its password is
 * checked, so parallel attempts cannot slip past a limit while the hashes run,
 * and refunded when the password was right. A client address gets a few
 * attempts per user name and more over all names; a user name gets a few more
 * from all clients together, after which the account is locked for the window.
 * A success clears the client's count for that user name. Password hashes run
 * a few at a time, so a flood of logins cannot take all memory and cores.
 */
export class LoginLimiter {
  private readonly perUser: FixedWindowCounter;
  private readonly perClient: FixedWindowCounter;
  private readonly perAccount: FixedWindowCounter;
  private readonly hashSlots: Semaphore;

  constructor(limits: LoginLimits, now: () => number = Date.now) {
    this.perUser = new FixedWindowCounter(limits.maxFailuresPerUser, limits.windowMs, now);
    this.perClient = new FixedWindowCounter(limits.maxFailuresPerClient, limits.windowMs, now);
    this.perAccount = new FixedWindowCounter(limits.maxFailuresPerAccount, limits.windowMs, now);
    this.hashSlots = new Semaphore(limits.concurrentHashes, limits.hashQueue);
  }

  /** Milliseconds this client must wait before trying `username` again; 0 when it may try now. */
  waitFor(client: string, username: string): number {
    return Math.max(this.perUser.waitFor(`${client}|${username}`), this.perClient.waitFor(client), this.perAccount.waitFor(username));
  }

  /**
   * Runs one login attempt: counts it (or throws TooManyLoginsError /
   * AccountLockedError without running `check`), then lets `check` look the
   * password up. An answer from `check` is a success and refunds the attempt;
   * undefined is a wrong password and keeps it counted (LoginRefusedError); an
   * error from `check` (busy, database) is refunded and thrown on.
   */
  async attempt<T>(client: string, username: string, check: () => Promise<T | undefined>): Promise<T> {
    const accountWaitMs = this.perAccount.waitFor(username);
    if (accountWaitMs > 0) throw new AccountLockedError(Math.ceil(accountWaitMs / 1000));
    const waitMs = this.waitFor(client, username);
    if (waitMs > 0) throw new TooManyLoginsError(Math.ceil(waitMs / 1000));
    const keys = [
      [this.perUser, `${client}|${username}`],
      [this.perClient, client],
      [this.perAccount, username],
    ] as const;
    for (const [counter, key] of keys) counter.hit(key);
    let result: T | undefined;
    try {
      result = await check();
    } catch (error) {
      for (const [counter, key] of keys) counter.refund(key);
      throw error;
    }
    if (result === undefined) throw new LoginRefusedError();
    for (const [counter, key] of keys) counter.refund(key);
    this.perUser.clear(`${client}|${username}`);
    return result;
  }

  /** Runs a password hash when a slot is free; throws LoginBusyError when too many already wait. */
  hashing<T>(work: () => Promise<T>): Promise<T> {
    return this.hashSlots.run(work);
  }
}

/** At most `slots` tasks at once, at most `queue` more waiting in turn. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.slots) this.running += 1;
    else if (this.waiting.length < this.queue) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw new LoginBusyError(1);
    try {
      return await work();
    } finally {
      // the slot passes straight to the next in line, so a newcomer cannot take it in between
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
