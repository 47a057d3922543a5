import { sleep } from './sleep.js';

/**
 * A figure read at scrape time that never holds a scrape up: a scrape gets the
 * last reading at once and, when that is older than `maxAgeMs`, starts the
 * next one. Only the first scrape waits for a reading, and briefly. A failed
 * reading is undefined, so its series go missing rather than lie.
 */
export class ScrapeReading<T> {
  private value?: T;
  private readAt = 0;
  private reading?: Promise<void>;

  constructor(
    private readonly read: () => Promise<T | undefined>,
    private readonly maxAgeMs: number,
  ) {}

  async latest(firstWaitMs = 500): Promise<T | undefined> {
    if (!this.reading && Date.now() - this.readAt >= this.maxAgeMs) {
      this.reading = this.read()
        .catch(() => undefined)
        .then((value) => {
          this.value = value;
          this.readAt = Date.now();
        })
        .finally(() => (this.reading = undefined));
    }
    if (this.readAt === 0 && this.reading) await Promise.race([this.reading, sleep(firstWaitMs)]);
    return this.value;
  }
}
