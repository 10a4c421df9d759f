/**
 * In-process fixed-window rate limiter with bounded memory: at most `maxUsers` counters, the
 * least recently active evicted first (a Map keeps insertion order; a hit re-inserts). A flood of
 * distinct users can therefore not grow memory, only forget some idle users' counts early.
 */
import type { RateLimiter, RateLimitResult } from './rate-limiter.js';

export const RATE_LIMITER_MAX_USERS_DEFAULT = 10_000;

interface Window {
  count: number;
  resetAt: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxUsers: number = RATE_LIMITER_MAX_USERS_DEFAULT,
  ) {}

  async hit(user: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = this.now();
    let w = this.windows.get(user);
    this.windows.delete(user);
    if (!w || w.resetAt <= now) w = { count: 0, resetAt: now + windowMs };
    // Counts up to limit + 2 and stays there: limit + 1 marks the first refusal of the window.
    if (w.count <= limit + 1) w.count++;
    this.windows.set(user, w);
    this.evict(now);
    return w.count <= limit
      ? { allowed: true, retryAfterMs: 0 }
      : { allowed: false, retryAfterMs: w.resetAt - now, firstRefusal: w.count === limit + 1 };
  }

  async forget(user: string): Promise<void> {
    this.windows.delete(user);
  }

  get size(): number {
    return this.windows.size;
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private evict(now: number): void {
    // Oldest first: drop expired windows and anything beyond the bound.
    for (const [user, w] of this.windows) {
      if (this.windows.size <= this.maxUsers && w.resetAt > now) break;
      this.windows.delete(user);
    }
  }
}
