/**
 * The per-user rate limit tells a flooder to slow down once per window, not once per message,
 * and on Redis every process shares one budget and one notice per user.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { createRateLimiter } from '../src/store/create-rate-limiter.js';
import { createStore } from '../src/store/create-store.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { RATE_LIMIT_WINDOW_MS } from '../src/store/rate-limiter.js';
import { RedisRateLimiter } from '../src/store/redis-rate-limiter.js';
import type { TurnOutcome } from '../src/turn-outcome.js';
import { knowledge, texts } from './helpers/bot.js';

const REDIS_URL = process.env.REDIS_URL;
const LIMIT = 20;
const slowDown = (r: TurnOutcome) => texts(r.replies).some((t) => /slow down/i.test(t));

describe('one "slow down" per window', () => {
  it('the in-process limiter marks only the first refusal of a window', async () => {
    let t = 0;
    const limiter = new MemoryRateLimiter(() => t);
    for (let window = 0; window < 2; window++) {
      const results = [];
      for (let i = 0; i < 60; i++) results.push(await limiter.hit('u', LIMIT, RATE_LIMIT_WINDOW_MS));
      expect(results.slice(0, LIMIT).every((r) => r.allowed)).toBe(true);
      expect(results[LIMIT]).toMatchObject({ allowed: false, firstRefusal: true });
      expect(results.slice(LIMIT + 1).every((r) => !r.allowed && r.firstRefusal === false)).toBe(true);
      t += RATE_LIMIT_WINDOW_MS; // a new window: a fresh budget, and a fresh notice if flooded again
    }
  });

  it('the Bot answers the first refusal and marks the rest quiet (the reply is still there for platforms that must answer)', async () => {
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(),
      rateLimit: { limiter: new MemoryRateLimiter(), perMinute: LIMIT },
    });
    const results: TurnOutcome[] = [];
    for (let i = 0; i < 30; i++)
      results.push(await bot.handle('k', { kind: 'text', text: 'my calves hurt' }, { user: 'u' }));
    expect(results.slice(0, LIMIT).some((r) => r.outcome === 'rate_limited' || r.quiet)).toBe(false);
    expect(results[LIMIT]).toMatchObject({ outcome: 'rate_limited' });
    expect(results[LIMIT]!.quiet).toBeUndefined();
    expect(slowDown(results[LIMIT]!)).toBe(true);
    for (const r of results.slice(LIMIT + 1)) {
      expect(r).toMatchObject({ outcome: 'rate_limited', quiet: true });
      expect(slowDown(r)).toBe(true);
    }
  });
});

describe.runIf(REDIS_URL)('two Bots (two processes) on one Redis share one user budget', () => {
  const url = REDIS_URL as string;
  const keyPrefix = `calfbot-test:notice:${randomUUID()}:`;
  afterAll(async () => {
    const redis = new Redis(url);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  async function redisBot(): Promise<Bot> {
    const limiter = await createRateLimiter(url, { keyPrefix });
    expect(limiter).toBeInstanceOf(RedisRateLimiter);
    expect(await (limiter as RedisRateLimiter).ready(5_000)).toBe(true);
    return new Bot({
      knowledge: knowledge(),
      store: await createStore(url, { keyPrefix }),
      rateLimit: { limiter, perMinute: LIMIT },
    });
  }

  it('a user flooding both gets 20 turns in all, and one notice in all', async () => {
    const [a, b] = [await redisBot(), await redisBot()];
    // 60 messages, alternating between the two, in two conversations (a DM and a thread).
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? a : b).handle(
          i % 3 === 0 ? 'slack:T:D1' : 'slack:T:C1:1.1',
          { kind: 'text', text: 'help' },
          { user: 'slack:T:U1', eventId: `E${i}` },
        ),
      ),
    );
    expect(results.filter((r) => r.outcome !== 'rate_limited')).toHaveLength(LIMIT);
    expect(results.filter((r) => r.outcome === 'rate_limited')).toHaveLength(60 - LIMIT);
    expect(results.filter((r) => r.outcome === 'rate_limited' && !r.quiet)).toHaveLength(1);
    // The 20 that ran were real answers, not "something went wrong" after lost races.
    expect(results.filter((r) => texts(r.replies).some((t) => /went wrong/.test(t)))).toEqual([]);
    // Someone else is not affected by it, on either process.
    for (const bot of [a, b]) {
      const other = await bot.handle('slack:T:D2', { kind: 'text', text: 'help' }, { user: 'slack:T:U2' });
      expect(other.outcome).toBe('ok');
    }
    await a.close();
    await b.close();
  });
});
