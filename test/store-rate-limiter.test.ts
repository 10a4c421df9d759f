import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/store/create-rate-limiter.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import type { RateLimiter } from '../src/store/rate-limiter.js';
import { RedisRateLimiter } from '../src/store/redis-rate-limiter.js';
import { hasRedisServer, RedisServerFixture } from './redis-server-fixture.js';
import { fakeClock } from './store-contract.js';

const MINUTE_MS = 60_000;
const REDIS_URL = process.env.REDIS_URL;

async function hitN(limiter: RateLimiter, user: string, n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await limiter.hit(user, 20, MINUTE_MS));
  return results;
}

async function expectLimitBehaviour(limiter: RateLimiter, userA: string, userB: string): Promise<void> {
  const first20 = await hitN(limiter, userA, 20);
  expect(first20.every((r) => r.allowed && r.retryAfterMs === 0)).toBe(true);
  const the21st = await limiter.hit(userA, 20, MINUTE_MS);
  expect(the21st.allowed).toBe(false);
  expect(the21st.retryAfterMs).toBeGreaterThan(0);
  expect(the21st.retryAfterMs).toBeLessThanOrEqual(MINUTE_MS);
  // Another user is not affected.
  expect((await limiter.hit(userB, 20, MINUTE_MS)).allowed).toBe(true);
}

describe('MemoryRateLimiter', () => {
  it('allows 20 a minute, denies the 21st, keeps users apart, and opens again after the window', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock.now);
    await expectLimitBehaviour(limiter, 'alice', 'bob');
    clock.advance(MINUTE_MS);
    expect((await limiter.hit('alice', 20, MINUTE_MS)).allowed).toBe(true);
    await limiter.close();
  });

  it('stays bounded under a flood of 100k distinct users', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock.now, 5_000);
    for (let i = 0; i < 100_000; i++) await limiter.hit(`flood-${i}`, 20, MINUTE_MS);
    expect(limiter.size).toBeLessThanOrEqual(5_000);
    // A user active during the flood still counts correctly.
    await expectLimitBehaviour(limiter, 'alice', 'bob');
    expect(limiter.size).toBeLessThanOrEqual(5_000);
    await limiter.close();
  });

  it('forgets expired windows as time passes', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock.now);
    for (let i = 0; i < 1_000; i++) await limiter.hit(`u${i}`, 20, MINUTE_MS);
    clock.advance(MINUTE_MS);
    await limiter.hit('late', 20, MINUTE_MS);
    expect(limiter.size).toBe(1);
    await limiter.close();
  });

  it('createRateLimiter gives memory: and sqlite: an in-process limiter', async () => {
    for (const url of ['memory:', 'sqlite:./data/never-opened.db']) {
      const limiter = await createRateLimiter(url);
      expect(limiter).toBeInstanceOf(MemoryRateLimiter);
      await limiter.close();
    }
  });
});

describe.runIf(REDIS_URL)('RedisRateLimiter on REDIS_URL', () => {
  const url = REDIS_URL as string;
  const keyPrefix = `calfbot-test:${randomUUID()}:`;
  afterAll(async () => {
    const redis = new Redis(url);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('allows 20 a minute, denies the 21st, keeps users apart, under <prefix>rl:<user> with a TTL', async () => {
    const limiter = await createRateLimiter(url, { keyPrefix });
    expect(limiter).toBeInstanceOf(RedisRateLimiter);
    expect(await (limiter as RedisRateLimiter).ready(5_000)).toBe(true);
    await expectLimitBehaviour(limiter, 'alice', 'bob');
    const redis = new Redis(url);
    expect(await redis.get(`${keyPrefix}rl:alice`)).toBe('21');
    const ttl = await redis.pttl(`${keyPrefix}rl:alice`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(MINUTE_MS);
    await redis.quit();
    await limiter.close();
  });

  it('shares the count between processes (two limiters on one Redis)', async () => {
    const a = new RedisRateLimiter(url, { keyPrefix });
    const b = new RedisRateLimiter(url, { keyPrefix });
    expect(await a.ready(5_000)).toBe(true);
    expect(await b.ready(5_000)).toBe(true);
    await hitN(a, 'carol', 10);
    await hitN(b, 'carol', 10);
    expect((await a.hit('carol', 20, MINUTE_MS)).allowed).toBe(false);
    await a.close();
    await b.close();
  });
});

describe.runIf(hasRedisServer)('RedisRateLimiter when Redis is down', () => {
  it('fails open quickly instead of blocking users', async () => {
    const server = await RedisServerFixture.start();
    const limiter = new RedisRateLimiter(`redis://127.0.0.1:${server.port}`, { keyPrefix: 'x:' });
    expect(await limiter.ready(5_000)).toBe(true);
    await hitN(limiter, 'alice', 21);
    expect((await limiter.hit('alice', 20, MINUTE_MS)).allowed).toBe(false);
    await server.stop();
    expect(await limiter.hit('alice', 20, MINUTE_MS)).toEqual({ allowed: true, retryAfterMs: 0 });
    await limiter.close();
  });
});
