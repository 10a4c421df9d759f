/**
 * STORE_URL → a RateLimiter, mirroring createStore. `memory:` and `sqlite:` get the in-process
 * limiter: an SQLite deployment is one process (or a few on one machine, each counting alone,
 * which at worst lets a user through a few times the limit); a shared SQLite table would add a
 * write per message for little gain. `redis://` gets the shared Redis limiter.
 */
import { type Logger, silentLogger } from '../log.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import { parseStoreUrl } from './store-url.js';

export interface CreateRateLimiterOptions {
  logger?: Logger;
  now?: () => number;
  keyPrefix?: string;
  /** In-memory limiter only: most users tracked at once. */
  maxUsers?: number;
}

/**
 * Synchronous, so it can be wired in place. A Redis limiter connects in the background and fails
 * open (allows) until connected; call `ready()` on it to wait when that matters.
 */
export async function createRateLimiter(
  url: string,
  opts: CreateRateLimiterOptions = {},
): Promise<RateLimiter> {
  const target = parseStoreUrl(url);
  if (target.kind === 'redis') {
    const { RedisRateLimiter } = await import('./redis-rate-limiter.js');
    return new RedisRateLimiter(target.url, {
      keyPrefix: opts.keyPrefix,
      logger: opts.logger ?? silentLogger,
    });
  }
  return new MemoryRateLimiter(opts.now, opts.maxUsers);
}
