/**
 * Event ids this process has already taken, for a short while. The store remembers processed
 * event ids across processes; this in-process memory (the Bot's) also catches repeats of turns
 * the store does not record (forget, a rate-limit refusal), e.g. both deliveries of one message.
 */
const DEFAULT_MAX = 10_000;
/** Slack retries after about 1 and 5 minutes; remember a little longer than that. */
const DEFAULT_TTL_MS = 10 * 60_000;

export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly max = DEFAULT_MAX,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `id` was claimed within the TTL (without claiming it). */
  has(id: string): boolean {
    const at = this.seen.get(id);
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  /** True the first time an id is seen (within the TTL); false for a repeat. */
  claim(id: string): boolean {
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    // Map keeps insertion order: the oldest entries go first.
    while (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}
