/**
 * Fixed-window rate limiter shared by every process on one Redis: INCR `<prefix>rl:<user>` and
 * PEXPIRE it on the first hit of a window (one Lua script, so the two cannot be split). The key
 * sits under the store's prefix so `forget` removes it too. If Redis is down it fails open
 * (allows): the conversation store will report the outage to the user anyway.
 */
import { type Logger, silentLogger } from '../log.js';
import type { RateLimiter, RateLimitResult } from './rate-limiter.js';
import { closeRedis, connectRedis, type RedisConnection, waitReady } from './redis-connection.js';
import { type RedisKeys, redisKeys } from './redis-keys.js';
import { REDIS_KEY_PREFIX_DEFAULT } from './redis-store.js';

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

interface HitCommand {
  calfbotRateHit(key: string, windowMs: number): Promise<[number, number]>;
}

export interface RedisRateLimiterOptions {
  keyPrefix?: string;
  logger?: Logger;
}

export class RedisRateLimiter implements RateLimiter {
  readonly keyPrefix: string;
  private readonly conn: RedisConnection;
  private readonly cmd: HitCommand;
  private readonly keys: RedisKeys;

  constructor(url: string, options: RedisRateLimiterOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? REDIS_KEY_PREFIX_DEFAULT;
    this.conn = connectRedis(url, options.logger ?? silentLogger);
    this.keys = redisKeys(this.keyPrefix, this.conn.cluster !== null);
    this.conn.client.defineCommand('calfbotRateHit', { lua: HIT_SCRIPT, numberOfKeys: 1 });
    this.cmd = this.conn.client as unknown as HitCommand;
  }

  /** Wait (bounded) for the first connection; until then hits are allowed (fail open). */
  ready(timeoutMs?: number): Promise<boolean> {
    return waitReady(this.conn.client, timeoutMs);
  }

  async hit(user: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    try {
      const [count, ttl] = await this.cmd.calfbotRateHit(this.keys.rateLimit(user), Math.ceil(windowMs));
      this.conn.outage.markUp();
      return count <= limit
        ? { allowed: true, retryAfterMs: 0 }
        : { allowed: false, retryAfterMs: Math.max(0, ttl), firstRefusal: count === limit + 1 };
    } catch (error) {
      this.conn.outage.markDown(error);
      return { allowed: true, retryAfterMs: 0 };
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.conn.client);
  }
}
