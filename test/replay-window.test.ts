/**
 * Exactly once, for as long as it matters: a processed event id is remembered by time, not by
 * count, at least an hour and as long as its conversation lives. On the memory and SQLite stores
 * (clock injected) and Redis (when REDIS_URL is set, where Redis keeps the time): a replay after
 * 300 other events, after 59 minutes, 40 hours into a conversation that is still alive, or after
 * `forget`, changes nothing. Several processes: test/store-multiprocess.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { RedisStore } from '../src/store/redis-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { type ConversationStore, EVENT_KEEP_MIN_MS } from '../src/store/types.js';
import type { UserEvent } from '../src/vocabulary.js';
import { knowledge, lastQuestion } from './helpers/bot.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const USER = 'U-replay';

interface Fixture {
  store: ConversationStore;
  /** Time can be moved (false for Redis, whose TTLs run on its own clock). */
  clocked: boolean;
  cleanup(): Promise<void>;
}

function suite(name: string, make: (now: () => number) => Promise<Fixture>): void {
  describe(`processed events by time: ${name}`, () => {
    let t: number;
    let f: Fixture;
    let bot: Bot;
    beforeEach(async () => {
      t = Date.now();
      f = await make(() => t);
      bot = new Bot({ knowledge: knowledge(), store: f.store, now: () => t, region: 'US' });
    });
    afterEach(async () => {
      await f.store.close();
      await f.cleanup();
    });

    const send = (event: UserEvent, eventId: string, key = 'k') =>
      bot.handle(key, event, { user: USER, eventId });

    /** Opening + one answer (event A1) that moved the conversation on; returns A1's replay. */
    async function answered(key = 'k') {
      const q = lastQuestion((await send({ kind: 'text', text: 'my calves hurt' }, 'A0', key)).replies)!;
      const answer: UserEvent = { kind: 'select', question: q.question, selected: [] };
      expect((await send(answer, 'A1', key)).outcome).not.toBe('duplicate');
      return () => send(answer, 'A1', key);
    }

    it('a replay after 300 other events changes nothing', async () => {
      const replay = await answered();
      for (let i = 0; i < 300; i++) await send({ kind: 'command', command: 'why' }, `between-${i}`);
      const before = (await f.store.get('k'))!.version;
      const again = await replay();
      expect(again).toMatchObject({ outcome: 'duplicate', replies: [] });
      expect((await send({ kind: 'text', text: 'restart' }, 'A0')).outcome).toBe('duplicate');
      expect((await f.store.get('k'))!.version).toBe(before);
    });

    it('a replay within the hour, or while the conversation lives, changes nothing', async () => {
      const replay = await answered();
      if (!f.clocked) {
        expect(await f.store.hasEvent('k', 'A1')).toBe(true);
        return;
      }
      t += 59 * MIN;
      expect((await replay()).outcome).toBe('duplicate');
      // The conversation goes on for 40 hours (each turn keeps it alive): A1 is still known.
      for (let i = 0; i < 4; i++) {
        t += 10 * HOUR;
        await send({ kind: 'command', command: 'help' }, `later-${i}`);
      }
      const before = (await f.store.get('k'))!.version;
      expect((await replay()).outcome).toBe('duplicate');
      expect((await f.store.get('k'))!.version).toBe(before);
    });

    it('after forget, a replay within the hour does not bring the conversation back', async () => {
      await answered();
      await bot.handle('k', { kind: 'command', command: 'forget' }, { user: USER });
      expect(await f.store.get('k')).toBeNull();
      if (f.clocked) t += 30 * MIN;
      expect((await send({ kind: 'text', text: 'my calves hurt' }, 'A0')).outcome).toBe('duplicate');
      expect(await f.store.get('k')).toBeNull();
    });

    it('events are let go once the conversation has expired and the hour has passed', async () => {
      await answered();
      if (!f.clocked) return;
      t += 24 * HOUR + EVENT_KEEP_MIN_MS + MIN;
      await f.store.sweep();
      expect(await f.store.hasEvent('k', 'A1')).toBe(false);
      expect((await send({ kind: 'text', text: 'my calves hurt' }, 'A0')).outcome).not.toBe('duplicate');
    });
  });
}

describe('a record written before processed events moved out of it', () => {
  it('still answers a retry of one of its listed event ids once (a rolling deploy)', async () => {
    const store = new MemoryStore();
    const bot = new Bot({ knowledge: knowledge(), store, region: 'US' });
    await bot.handle('legacy', { kind: 'text', text: 'my calves hurt' }, { user: USER });
    const record = (await store.get('legacy'))!;
    await store.compareAndSet('legacy', record.version, {
      ...record,
      version: record.version + 1,
      processed: [{ id: 'Ev-before-deploy' }],
    });
    const retry = await bot.handle(
      'legacy',
      { kind: 'text', text: 'restart' },
      {
        user: USER,
        eventId: 'Ev-before-deploy',
      },
    );
    expect(retry).toMatchObject({ outcome: 'duplicate', replies: [] });
    expect((await store.get('legacy'))!.version).toBe(record.version + 1);
  });
});

suite('memory', async (now) => ({ store: new MemoryStore(now), clocked: true, cleanup: async () => {} }));

suite('SQLite', async (now) => {
  const dir = mkdtempSync(join(tmpdir(), 'calfbot-replay-'));
  return {
    store: new SqliteStore(join(dir, 'calfbot.db'), { now }),
    clocked: true,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const REDIS_URL = process.env.REDIS_URL;
if (REDIS_URL) {
  suite('Redis', async (now) => {
    const keyPrefix = `calfbot-test-${randomUUID()}:`;
    const store = new RedisStore(REDIS_URL, { keyPrefix, now });
    expect(await store.ready()).toBe(true);
    return {
      store,
      clocked: false,
      cleanup: async () => {
        const { Redis } = await import('ioredis');
        const r = new Redis(REDIS_URL);
        const keys = await r.keys(`${keyPrefix}*`);
        if (keys.length) await r.del(...keys);
        await r.quit();
      },
    };
  });

  describe('Redis: the processed-events set lives as long as its conversation, and at least an hour', () => {
    it('its TTL is at least the conversation TTL and at least an hour', async () => {
      const keyPrefix = `calfbot-test-${randomUUID()}:`;
      const store = new RedisStore(REDIS_URL, { keyPrefix });
      expect(await store.ready()).toBe(true);
      try {
        for (const ttlHours of [24, 0.25]) {
          const key = `ttl-${ttlHours}`;
          const bot = new Bot({
            knowledge: knowledge(),
            store,
            conversationTtlHours: ttlHours,
            region: 'US',
          });
          await bot.handle(key, { kind: 'text', text: 'my calves hurt' }, { user: USER, eventId: 'E1' });
          const conv = await store.client.pttl(store.conversationKey(key));
          const events = await store.client.pttl(store.eventsKey(key));
          expect(events).toBeGreaterThanOrEqual(conv - 1000);
          expect(events).toBeGreaterThan(EVENT_KEEP_MIN_MS - 60_000);
          expect(await store.client.smembers(store.eventsKey(key))).not.toContain('E1');
        }
      } finally {
        const keys = await store.client.keys(`${keyPrefix}*`);
        if (keys.length) await store.client.del(...keys);
        await store.close();
      }
    });
  });
}
