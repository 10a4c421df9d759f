/**
 * Redis key names. On one server (or Sentinel): `<prefix>conv:<key>`, `<prefix>user:<user>`,
 * `<prefix>rl:<user>`. On a Cluster the user's keys carry the user as a hash tag
 * (`<prefix>user:{<user>}`, `<prefix>rl:{<user>}`), so they share one slot and `forget` can
 * drop them in one command; a conversation and its processed events share the conversation's slot
 * (`<prefix>conv:{<key>}`, `<prefix>ev:{<key>}`), so a save and its event mark are one script.
 */
export interface RedisKeys {
  conversation(key: string): string;
  /** A conversation's processed-event digests (same slot as the conversation on a Cluster). */
  events(key: string, digest: string): string;
  userSet(user: string): string;
  rateLimit(user: string): string;
  /** Cluster forget: the user's set, renamed aside (same slot) while its conversations go. */
  forgetting(user: string): string;
}

export function redisKeys(prefix: string, cluster: boolean): RedisKeys {
  const tag = (user: string) => (cluster ? `{${user}}` : user);
  return {
    conversation: (key) => (cluster ? `${prefix}conv:{${key}}` : `${prefix}conv:${key}`),
    events: (key, digest) => (cluster ? `${prefix}ev:{${key}}` : `${prefix}ev:${digest}`),
    userSet: (user) => `${prefix}user:${tag(user)}`,
    rateLimit: (user) => `${prefix}rl:${tag(user)}`,
    forgetting: (user) => `${prefix}user:${tag(user)}:forgetting`,
  };
}
