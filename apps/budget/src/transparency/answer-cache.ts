/**
 * The same answer to the same question for `ttlMs`, computed once however many
 * ask meanwhile: the public page's readers share one query instead of each
 * sending their own to the database. A failed answer is not kept.
 */
export class AnswerCache {
  private readonly answers = new Map<string, { until: number; answer: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 1_000,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const kept = this.answers.get(key);
    if (kept && kept.until > now) return kept.answer as Promise<T>;
    if (this.answers.size >= this.maxEntries) this.forgetExpired(now);
    const answer = compute();
    this.answers.set(key, { until: now + this.ttlMs, answer });
    answer.catch(() => this.answers.delete(key));
    return answer;
  }

  private forgetExpired(now: number): void {
    for (const [key, { until }] of this.answers) if (until <= now) this.answers.delete(key);
    // questions all different and all fresh: start over rather than grow without end
    if (this.answers.size >= this.maxEntries) this.answers.clear();
  }
}
