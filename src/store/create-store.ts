/**
 * STORE_URL → a ready ConversationStore with a background sweeper. Never fails because the
 * backend is down at start-up: the outage is logged, requests get STORE_UNAVAILABLE (the Bot
 * tells the user), and the store recovers by itself when the backend returns.
 */
import { type Logger, silentLogger } from '../log.js';
import { MemoryStore } from './memory-store.js';
import { parseStoreUrl } from './store-url.js';
import { SWEEP_INTERVAL_MS, Sweeper, SweptStore } from './sweeper.js';
import type { ConversationStore } from './types.js';

export interface CreateStoreOptions {
  logger?: Logger;
  now?: () => number;
  /** Redis only: prefix of every key (default `calfbot:`). */
  keyPrefix?: string;
  /** How often to sweep expired records; 0 turns the sweeper off. */
  sweepIntervalMs?: number;
}

export async function createStore(url: string, opts: CreateStoreOptions = {}): Promise<ConversationStore> {
  const logger = opts.logger ?? silentLogger;
  const target = parseStoreUrl(url);
  let store: ConversationStore;
  switch (target.kind) {
    case 'memory':
      store = new MemoryStore(opts.now);
      break;
    case 'sqlite': {
      // Backends load only when chosen: better-sqlite3 and ioredis cost start-up time.
      const { SqliteStore } = await import('./sqlite-store.js');
      const sqlite = new SqliteStore(target.path, { logger, now: opts.now });
      // Open early so a bad path is logged at start-up; keep running if it fails.
      await sqlite.open().catch(() => undefined);
      store = sqlite;
      break;
    }
    case 'redis': {
      const { RedisStore } = await import('./redis-store.js');
      const redis = new RedisStore(target.url, { logger, now: opts.now, keyPrefix: opts.keyPrefix });
      await redis.ready();
      store = redis;
      break;
    }
  }
  const interval = opts.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  if (interval <= 0) return store;
  return new SweptStore(store, new Sweeper(store, interval, logger).start());
}
