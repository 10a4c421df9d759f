import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCalfbotError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { RedisStore } from '../src/store/redis-store.js';
import { hasRedisServer, RedisServerFixture } from './redis-server-fixture.js';
import { fakeClock, makeRecord, runStoreContract } from './store-contract.js';

const REDIS_URL = process.env.REDIS_URL;

/** Delete every key under `prefix` (tests share db 15 with others). */
async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
}

async function expectUnavailable(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isCalfbotError(error, 'STORE_UNAVAILABLE')).toBe(true);
}

/** Fails instead of hanging: a store that is down must answer within a few seconds. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (hung)`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function eventually<T>(op: () => Promise<T>, deadlineMs = 15_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await op();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A logger that keeps every line it is given, to check what an outage writes. */
function captureLogger(): { logger: Logger; lines: Array<{ level: string; obj: unknown; msg?: string }> } {
  const lines: Array<{ level: string; obj: unknown; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
  } as unknown as Logger;
  return { logger, lines };
}

describe.runIf(REDIS_URL)('RedisStore on REDIS_URL', () => {
  const url = REDIS_URL as string;
  const runPrefix = `calfbot-test:${randomUUID()}:`;
  let n = 0;
  afterAll(() => deletePrefix(url, runPrefix));

  runStoreContract('redis', async (clock) => {
    const keyPrefix = `${runPrefix}${++n}:`;
    const store = new RedisStore(url, { keyPrefix, now: clock.now });
    expect(await store.ready(5_000)).toBe(true);
    return { store, cleanup: () => deletePrefix(url, keyPrefix) };
  });

  it('gives each record a Redis TTL, keeps a per-user set, and forget also removes rate-limit keys', async () => {
    const clock = fakeClock();
    const keyPrefix = `${runPrefix}layout:`;
    const store = new RedisStore(url, { keyPrefix, now: clock.now });
    await store.ready(5_000);
    await store.compareAndSet('c1', 0, makeRecord(clock, 1, 'alice', { expiresAt: clock.now() + 60_000 }));
    const redis = store.client;
    const ttl = await redis.pttl(`${keyPrefix}conv:c1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await redis.smembers(`${keyPrefix}user:alice`)).toEqual([`${keyPrefix}conv:c1`]);
    expect(await redis.pttl(`${keyPrefix}user:alice`)).toBeGreaterThan(0);
    // The record is one compact JSON string.
    const json = (await redis.get(`${keyPrefix}conv:c1`)) as string;
    expect(JSON.parse(json).user).toBe('alice');
    expect(json).not.toContain('\n');

    await redis.set(`${keyPrefix}rl:alice`, '3', 'PX', 60_000);
    expect(await store.forgetUser('alice')).toBe(1);
    expect(await redis.exists(`${keyPrefix}conv:c1`, `${keyPrefix}user:alice`, `${keyPrefix}rl:alice`)).toBe(
      0,
    );
    await store.close();
  });
});

describe.runIf(hasRedisServer)('RedisStore when Redis goes away and comes back', () => {
  const password = `pw-${randomUUID()}`;
  let server: RedisServerFixture;
  beforeAll(async () => {
    server = await RedisServerFixture.start(['--requirepass', password]);
  });
  afterAll(() => server.stop());

  it('fails fast with STORE_UNAVAILABLE, logs the outage once without the password, and recovers by itself', async () => {
    const clock = fakeClock();
    const { logger, lines } = captureLogger();
    const store = new RedisStore(`redis://:${password}@127.0.0.1:${server.port}/0`, {
      now: clock.now,
      logger,
    });
    expect(await store.ready(5_000)).toBe(true);
    expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);

    await server.stop();
    for (let i = 0; i < 5; i++) {
      await within(5_000, expectUnavailable(store.get('k')));
      await within(5_000, expectUnavailable(store.compareAndSet('k', 1, makeRecord(clock, 2))));
    }
    await within(5_000, expectUnavailable(store.forgetUser('U1')));
    await within(5_000, expectUnavailable(store.sweep()));

    await server.restart();
    // Same store object, no recreation: it reconnects in the background.
    expect(await eventually(() => store.get('k'))).toBeNull(); // the server kept nothing (no persistence)
    expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);
    expect((await store.get('k'))?.version).toBe(1);
    await store.close();

    const warns = lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]?.obj).toMatchObject({ event: 'store_unavailable', backend: 'redis' });
    expect(lines.some((l) => (l.obj as { event?: string }).event === 'store_recovered')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(password);
  });

  it('a store created while Redis is down reports STORE_UNAVAILABLE, then works once Redis starts', async () => {
    await server.stop();
    const clock = fakeClock();
    const store = new RedisStore(`redis://:${password}@127.0.0.1:${server.port}/0`, { now: clock.now });
    expect(await store.ready(500)).toBe(false);
    await within(5_000, expectUnavailable(store.get('k')));
    await server.restart();
    expect(await eventually(() => store.compareAndSet('k', 0, makeRecord(clock, 1)))).toBe(true);
    await store.close();
  });
});
