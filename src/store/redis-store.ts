/**
 * Redis store, for several bot processes. Each conversation is one JSON string
 * (`<prefix>conv:<key>`) with a PX TTL of expiresAt − now; compare-and-set is a Lua script, so it
 * is atomic across processes. A per-user set (`<prefix>user:<user>`) lists the user's
 * conversation keys for `forget`, which also removes the user's rate-limit key
 * (`<prefix>rl:<user>`). Processed events are a set of digests per conversation
 * (`<prefix>ev:<digest>`, see event-digest.ts) whose TTL is kept at least as long as the
 * conversation's and at least an hour after its last event. Redis being down surfaces as
 * STORE_UNAVAILABLE within the connect / command timeouts, and the client reconnects in the
 * background.
 */
import type { Redis } from 'ioredis';
import { type Logger, silentLogger } from '../log.js';
import { conversationDigest, eventDigest } from './event-digest.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { defineClusterCommands, forgetOnCluster, listForUser, scanCluster } from './redis-cluster-ops.js';
import { closeRedis, connectRedis, escapeGlob, type RedisConnection, waitReady } from './redis-connection.js';
import { type RedisKeys, redisKeys } from './redis-keys.js';
import { storeUnavailable } from './store-outage.js';
import type { ConversationRecord, ConversationStore, EventMark } from './types.js';

export const REDIS_KEY_PREFIX_DEFAULT = 'calfbot:';
const SWEEP_SCAN_COUNT = 500;

/** Reads the version and expiry off the front of a record (see record-codec.ts: fixed order). */
const HEAD = `'^{"version":(%d+),"expiresAt":(%-?[%d%.eE+]+)'`;

/**
 * KEYS[1] conversation key, KEYS[2] its processed-events set, KEYS[3] (optional) user set.
 * ARGV: expected version, record JSON, ttl ms, now ms, event digest ('' for none), event ttl ms.
 * Returns 1 when saved, 0 when stale or the event was processed already. An expired record
 * counts as missing (version 0), as in every backend.
 */
const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
local version = 0
if cur then
  local v, e = string.match(cur, ${HEAD})
  if v and tonumber(e) > tonumber(ARGV[4]) then version = tonumber(v) end
end
if version ~= tonumber(ARGV[1]) then return 0 end
if ARGV[5] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[5]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if ARGV[5] ~= '' then redis.call('SADD', KEYS[2], ARGV[5]) end
local keep = math.max(tonumber(ARGV[3]), tonumber(ARGV[6]))
if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('PTTL', KEYS[2]) < keep then
  redis.call('PEXPIRE', KEYS[2], keep)
end
if KEYS[3] then
  redis.call('SADD', KEYS[3], KEYS[1])
  if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
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
  eventsKey(key: string): string {
    return this.keys.events(key, conversationDigest(key));
  }

  async get(key: string): Promise<ConversationRecord | null> {
    const json = await this.call(() => this.conn.client.get(this.conversationKey(key)));
    if (json === null) return null;
    const record = decodeRecord(json);
    if (!record || record.expiresAt <= this.now()) return null;
    return record;
  }

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord, event?: EventMark) {
    const now = this.now();
    const ttlMs = Math.max(1, Math.ceil(record.expiresAt - now));
    const convKey = this.conversationKey(key);
    const digest = event ? eventDigest(key, event.id) : '';
    const eventTtlMs = event ? Math.max(1, Math.ceil(event.keepUntil - now)) : 0;
    let keys = [
      convKey,
      this.eventsKey(key),
      ...(record.user === null ? [] : [this.userSetKey(record.user)]),
    ];
    if (this.conn.cluster) {
      // One slot per script on a Cluster: list under the user first (the user's own slot), then
      // save the conversation and its events, which share the conversation's slot (redis-keys.ts).
      const user = record.user;
      if (user !== null)
        await this.call(() => listForUser(this.conn.client, this.keys, user, convKey, ttlMs));
      keys = [convKey, this.eventsKey(key)];
    }
    const saved = await this.call(() =>
      this.scripts.calfbotCas(
        keys.length,
        ...keys,
        expectedVersion,
        encodeRecord(record),
        ttlMs,
        now,
        digest,
        eventTtlMs,
      ),
    );
    return saved === 1;
  }

  async hasEvent(key: string, eventId: string): Promise<boolean> {
    const member = await this.call(() =>
      this.conn.client.sismember(this.eventsKey(key), eventDigest(key, eventId)),
    );
    return member === 1;
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

  /** Each owner's set of conversations is found by a scan of the user sets, then forgotten. */
  async forgetUsersWithPrefix(prefix: string): Promise<number> {
    const setKey = this.keys.userSet(prefix);
    // The user-set key of the prefix itself, cut where the prefix ends ("…user:{slack:T1:" on a Cluster).
    const head = setKey.slice(0, setKey.lastIndexOf(prefix) + prefix.length);
    const pattern = `${escapeGlob(head)}*`;
    const cluster = this.conn.cluster;
    let keys: string[] = [];
    if (cluster) keys = await this.call(() => scanCluster(cluster, pattern, SWEEP_SCAN_COUNT));
    else {
      let cursor = '0';
      do {
        const [next, found] = await this.call(() =>
          this.conn.client.scan(cursor, 'MATCH', pattern, 'COUNT', SWEEP_SCAN_COUNT),
        );
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
    }
    const base = setKey.slice(0, setKey.lastIndexOf(prefix));
    let removed = 0;
    for (const k of keys) {
      if (k.endsWith(':forgetting')) continue;
      const user = k.slice(base.length).replace(/}$/, '');
      if (user.startsWith(prefix)) removed += await this.forgetUser(user);
    }
    return removed;
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
