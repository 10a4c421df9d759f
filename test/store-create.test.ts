import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCalfbotError } from '../src/errors.js';
import { createStore } from '../src/store/create-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { RedisStore } from '../src/store/redis-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { parseStoreUrl } from '../src/store/store-url.js';
import { Sweeper, SweptStore } from '../src/store/sweeper.js';
import { fakeClock, makeRecord } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'calfbot-create-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const innerOf = (store: unknown) => (store instanceof SweptStore ? store.inner : store);

describe('createStore', () => {
  it('parses the three STORE_URL forms and rejects others', () => {
    expect(parseStoreUrl('memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite:./data/calfbot.db')).toEqual({ kind: 'sqlite', path: './data/calfbot.db' });
    expect(parseStoreUrl('sqlite:///var/lib/calfbot.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/calfbot.db',
    });
    expect(parseStoreUrl('redis://:pw@host:6379/2')).toEqual({
      kind: 'redis',
      url: 'redis://:pw@host:6379/2',
    });
    expect(parseStoreUrl('rediss://host')).toMatchObject({ kind: 'redis' });
    for (const bad of ['', 'sqlite:', 'postgres://x', 'redis:']) {
      expect(() => parseStoreUrl(bad)).toThrow(/STORE_URL/);
    }
  });

  it('memory: gives a working in-memory store', async () => {
    const store = await createStore('memory:');
    expect(innerOf(store)).toBeInstanceOf(MemoryStore);
    const clock = fakeClock();
    expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);
    await store.close();
  });

  it('sqlite:PATH creates the file and its folder on first run', async () => {
    const path = join(root, 'data', 'calfbot.db');
    const store = await createStore(`sqlite:${path}`);
    expect(innerOf(store)).toBeInstanceOf(SqliteStore);
    expect(existsSync(path)).toBe(true);
    await store.close();
  });

  it('starts even when the SQLite file cannot be opened, answering STORE_UNAVAILABLE', async () => {
    const store = await createStore('sqlite:/proc/calfbot-cannot-be-here/calfbot.db');
    const error = await store.get('k').catch((e: unknown) => e);
    expect(isCalfbotError(error, 'STORE_UNAVAILABLE')).toBe(true);
    await store.close();
  });

  it('redis:// gives a RedisStore even when Redis is not reachable yet', async () => {
    // Port 1 on localhost refuses connections at once.
    const store = await createStore('redis://127.0.0.1:1/15', { keyPrefix: 'calfbot-test:' });
    const inner = innerOf(store);
    expect(inner).toBeInstanceOf(RedisStore);
    expect((inner as RedisStore).keyPrefix).toBe('calfbot-test:');
    await store.close();
  });

  it('sweeps on a timer and stops sweeping on close', async () => {
    const clock = fakeClock();
    const store = await createStore('memory:', { now: clock.now, sweepIntervalMs: 10 });
    await store.compareAndSet('old', 0, makeRecord(clock, 1, 'U1', { expiresAt: clock.now() + 1 }));
    clock.advance(2);
    const inner = innerOf(store) as MemoryStore;
    for (let i = 0; i < 100 && inner.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(inner.size).toBe(0);
    await store.close();
  });

  it('a failing sweep is swallowed (the store reports its own outage)', async () => {
    const failing = new MemoryStore();
    failing.sweep = async () => {
      throw new Error('down');
    };
    expect(await new Sweeper(failing).sweepOnce()).toBe(0);
  });
});
