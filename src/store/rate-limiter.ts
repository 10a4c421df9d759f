/** Per-user rate limiting: how many messages a user may send per window. */

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until the user may send again. */
  retryAfterMs: number;
  /**
   * On a refusal: true for the first refused hit of the window (across every process sharing the
   * limiter), the moment to tell the user to slow down; later refusals in the window can stay silent.
   */
  firstRefusal?: boolean;
}

export interface RateLimiter {
  /** Count one message from `user`; allowed while the user has sent at most `limit` in the window. */
  hit(user: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** Drop what is counted for `user` (their `forget`); the Redis store's forget already does. */
  forget?(user: string): Promise<void>;
  close(): Promise<void>;
}

export const RATE_LIMIT_WINDOW_MS = 60_000;
