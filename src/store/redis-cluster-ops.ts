/**
 * The store's multi-key operations on a Redis Cluster, where one script may only touch one slot.
 * compare-and-set: the conversation is listed in the user's set first (idempotent, one slot),
 * then saved by the same version-checked script on its own key, so `forget` never misses a saved
 * conversation (a listed one that lost its race is skipped: forget checks the owner). forget:
 * the user's set is renamed aside (same slot, atomic; a conversation saved meanwhile starts a new
 * set), each listed conversation still owned by the user is deleted on its own key, then the set
 * and the user's rate-limit key go together (both carry the user's hash tag).
 */
import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';

/** KEYS[1] user set. ARGV: conversation key, ttl ms. */
const LIST_SCRIPT = `
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

/** KEYS[1] user set, KEYS[2] its forgetting name. Returns the listed conversation keys. */
const TAKE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end
return redis.call('SMEMBERS', KEYS[2])
`;

/** KEYS[1] conversation. ARGV[1] the user as the record encodes it. 1 when deleted. */
const DROP_IF_OWNED_SCRIPT = (head: string) => `
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local _, e = string.find(cur, ${head})
if e and string.sub(cur, e + 1, e + #ARGV[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

interface ClusterCommands {
  calfbotList(userSet: string, convKey: string, ttlMs: number): Promise<number>;
  calfbotTake(userSet: string, forgetting: string): Promise<string[]>;
  calfbotDropIfOwned(convKey: string, needle: string): Promise<number>;
}

export function defineClusterCommands(client: Redis, head: string): void {
  client.defineCommand('calfbotList', { lua: LIST_SCRIPT, numberOfKeys: 1 });
  client.defineCommand('calfbotTake', { lua: TAKE_SCRIPT, numberOfKeys: 2 });
  client.defineCommand('calfbotDropIfOwned', { lua: DROP_IF_OWNED_SCRIPT(head), numberOfKeys: 1 });
}

const commands = (client: Redis) => client as unknown as ClusterCommands;

/** List `convKey` under its user before the compare-and-set saves it. */
export async function listForUser(
  client: Redis,
  keys: RedisKeys,
  user: string,
  convKey: string,
  ttlMs: number,
) {
  await commands(client).calfbotList(keys.userSet(user), convKey, ttlMs);
}

export async function forgetOnCluster(
  client: Redis,
  keys: RedisKeys,
  user: string,
  needle: string,
): Promise<number> {
  const cmd = commands(client);
  const listed = await cmd.calfbotTake(keys.userSet(user), keys.forgetting(user));
  let removed = 0;
  for (const convKey of listed) removed += await cmd.calfbotDropIfOwned(convKey, needle);
  await client.del(keys.forgetting(user), keys.rateLimit(user));
  return removed;
}

/** SCAN runs per node on a Cluster: every primary's keys matching `pattern`. */
export async function scanCluster(cluster: Cluster, pattern: string, count: number): Promise<string[]> {
  const found: string[] = [];
  for (const node of cluster.nodes('master')) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}
