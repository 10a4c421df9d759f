/**
 * Redis store, for several bot processes. Each conversation is one JSON string
 * (`<prefix>conv:<key>`) with a PX TTL of expiresAt − now; compare-and-set is a Lua script, so it
 * is atomic across processes. A per-user set (`<prefix>user:<user>`) lists the user's
 * conversation keys for `forget`, which also removes the user's rate-limit key
 * (`<prefix>rl:<user>`). Redis being down surfaces as STORE_UNAVAILABLE within the connect /
 * command timeouts, and the client reconnects in the background.
 */
import type { Redis } from 'ioredis';
import { type Logger, silentLogger } from '../log.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { defineClusterCommands, forgetOnCluster, listForUser, scanCluster } from './redis-cluster-ops.js';
import { closeRedis, connectRedis, escapeGlob, type RedisConnection, waitReady } from './redis-connection.js';
import { type RedisKeys, redisKeys } from './redis-keys.js';
import { storeUnavailable } from './store-outage.js';
import type { ConversationRecord, ConversationStore } from './types.js';

export const REDIS_KEY_PREFIX_DEFAULT = 'calfbot:';
const SWEEP_SCAN_COUNT = 500;

/** Reads the version and expiry off the front of a record (see record-codec.ts: fixed order). */
const HEAD = `'^{"version":(%d+),"expiresAt":(%-?[%d%.eE+]+)'`;

/**
 * KEYS[1] conversation key, KEYS[2] (optional) user set.
 * ARGV: expected version, record JSON, ttl ms, now ms. Returns 1 when saved, 0 when stale.
 * An expired record counts as missing (version 0), as in every backend.
 */
const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
local version = 0
if cur then
  local v, e = string.match(cur, ${HEAD})
  if v and tonumber(e) > tonumber(ARGV[4]) then version = tonumber(v) end
end
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if KEYS[2] then
  redis.call('SADD', KEYS[2], KEYS[1])
  if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
end
return 1
`;

/**
 * KEYS[1] user set, KEYS[2] rate-limit key. ARGV[1] = `,"user":<json string>,` exactly as the
 * record encodes it. Deletes the listed conversations still owned by that user, then the set and
 * the rate-limit key. Returns how many conversations went.
 */
const FORGET_SCRIPT = `
local n = 0
for _, k in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local cur = redis.call('GET', k)
  if cur then
    local _, e = string.find(cur, ${HEAD})
    if e and string.sub(cur, e + 1, e + #ARGV[1]) == ARGV[1] then
      redis.call('DEL', k)
      n = n + 1
    end
  end
end
redis.call('DEL', KEYS[1], KEYS[2])
return n
`;

/** KEYS: conversation keys; ARGV[1]: now. Deletes those expired by then; returns how many. */
const SWEEP_SCRIPT = `
local n = 0
for _, k in ipairs(KEYS) do
  local cur = redis.call('GET', k)
  if cur then
    local _, e = string.match(cur, ${HEAD})
    if e and tonumber(e) <= tonumber(ARGV[1]) then
      redis.call('DEL', k)
      n = n + 1
    end
  end
end
return n
`;

interface ScriptCommands {
  calfbotCas(numKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  calfbotForget(userSet: string, rateKey: string, needle: string): Promise<number>;
  calfbotSweep(numKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
}

export interface RedisStoreOptions {
  keyPrefix?: string;
  now?: () => number;
  logger?: Logger;
}

export class RedisStore implements ConversationStore {
  readonly keyPrefix: string;
  private readonly conn: RedisConnection;
  private readonly scripts: ScriptCommands;
  private readonly now: () => number;
  private readonly keys: RedisKeys;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? REDIS_KEY_PREFIX_DEFAULT;
    this.now = options.now ?? Date.now;
    this.conn = connectRedis(url, options.logger ?? silentLogger);
    this.keys = redisKeys(this.keyPrefix, this.conn.cluster !== null);
    const client = this.conn.client;
    if (this.conn.cluster) defineClusterCommands(client, HEAD);
    client.defineCommand('calfbotCas', { lua: CAS_SCRIPT });
    client.defineCommand('calfbotForget', { lua: FORGET_SCRIPT, numberOfKeys: 2 });
    client.defineCommand('calfbotSweep', { lua: SWEEP_SCRIPT });
    this.scripts = client as unknown as ScriptCommands;
  }

  get client(): Redis {
    return this.conn.client;
  }

  /** Wait (bounded) for the first connection; false when Redis is not there yet. */
  ready(timeoutMs?: number): Promise<boolean> {
    return waitReady(this.conn.client, timeoutMs);
  }

  conversationKey(key: string): string {
    return this.keys.conversation(key);
  }
  userSetKey(user: string): string {
    return this.keys.userSet(user);
  }
  rateLimitKey(user: string): string {
    return this.keys.rateLimit(user);
  }

  async get(key: string): Promise<ConversationRecord | null> {
    const json = await this.call(() => this.conn.client.get(this.conversationKey(key)));
    if (json === null) return null;
    const record = decodeRecord(json);
    if (!record || record.expiresAt <= this.now()) return null;
    return record;
  }

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord): Promise<boolean> {
    const now = this.now();
    const ttlMs = Math.max(1, Math.ceil(record.expiresAt - now));
    const convKey = this.conversationKey(key);
    if (this.conn.cluster) {
      // One slot per script on a Cluster: list under the user first, then save (redis-cluster-ops.ts).
      const user = record.user;
      if (user !== null)
        await this.call(() => listForUser(this.conn.client, this.keys, user, convKey, ttlMs));
      const saved = await this.call(() =>
        this.scripts.calfbotCas(1, convKey, expectedVersion, encodeRecord(record), ttlMs, now),
      );
      return saved === 1;
    }
    const keys = record.user === null ? [convKey] : [convKey, this.userSetKey(record.user)];
    const saved = await this.call(() =>
      this.scripts.calfbotCas(keys.length, ...keys, expectedVersion, encodeRecord(record), ttlMs, now),
    );
    return saved === 1;
  }

  async delete(key: string): Promise<void> {
    await this.call(() => this.conn.client.del(this.conversationKey(key)));
  }

  async forgetUser(user: string): Promise<number> {
    const needle = `,"user":${JSON.stringify(user)},`;
    if (this.conn.cluster) return this.call(() => forgetOnCluster(this.conn.client, this.keys, user, needle));
    return this.call(() =>
      this.scripts.calfbotForget(this.userSetKey(user), this.rateLimitKey(user), needle),
    );
  }

  /** Redis expires records itself; this catches records expired by our clock but not yet by PX. */
  async sweep(now = this.now()): Promise<number> {
    const pattern = `${escapeGlob(this.keyPrefix)}conv:*`;
    const cluster = this.conn.cluster;
    if (cluster) {
      // Each key in its own slot: one script call per key.
      const keys = await this.call(() => scanCluster(cluster, pattern, SWEEP_SCAN_COUNT));
      let removed = 0;
      for (const k of keys) removed += await this.call(() => this.scripts.calfbotSweep(1, k, now));
      return removed;
    }
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.call(() =>
        this.conn.client.scan(cursor, 'MATCH', pattern, 'COUNT', SWEEP_SCAN_COUNT),
      );
      cursor = next;
      if (keys.length > 0)
        removed += await this.call(() => this.scripts.calfbotSweep(keys.length, ...keys, now));
    } while (cursor !== '0');
    return removed;
  }

  async close(): Promise<void> {
    await closeRedis(this.conn.client);
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      const result = await op();
      this.conn.outage.markUp();
      return result;
    } catch (error) {
      this.conn.outage.markDown(error);
      throw storeUnavailable('redis', error);
    }
  }
}
