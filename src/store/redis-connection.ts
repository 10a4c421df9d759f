/**
 * One ioredis client set up to fail fast and heal by itself: no offline queue (a command while
 * disconnected fails at once), one retry per request, connect and command timeouts, and a
 * capped reconnect backoff that keeps trying in the background. The 'error' listener keeps
 * ioredis from crashing the process; outages are logged once, without the URL's password.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';
import { describeTopology, parseRedisUrl, type RedisTopology } from './redis-topology.js';
import { OutageLog } from './store-outage.js';

export const REDIS_CONNECT_TIMEOUT_MS = 2_000;
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
export const REDIS_RECONNECT_BASE_DELAY_MS = 100;
export const REDIS_RECONNECT_MAX_DELAY_MS = 1_000;

export interface RedisConnection {
  /** The client; for a Cluster, typed as Redis for the commands both share (see `cluster`). */
  client: Redis;
  /** Set when STORE_URL is redis+cluster://: keys of one user are hash-tagged into one slot. */
  cluster: Cluster | null;
  outage: OutageLog;
  /** host:port/db, never the username or password. */
  target: string;
}

/** `redis://:secret@host:6379/15` → `redis://host:6379/15`, for logs. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis (unparseable url)';
  }
}

const retryStrategy = (attempt: number) =>
  Math.min(attempt * REDIS_RECONNECT_BASE_DELAY_MS, REDIS_RECONNECT_MAX_DELAY_MS);

const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  retryStrategy,
};

function createClient(t: RedisTopology): { client: Redis; cluster: Cluster | null } {
  if (t.kind === 'single') return { client: new Redis(t.url, FAIL_FAST), cluster: null };
  const auth = t.password ? { password: t.password } : {};
  const tls = t.tls ? { tls: {} } : {};
  if (t.kind === 'sentinel') {
    const client = new Redis({
      ...FAIL_FAST,
      ...auth,
      ...tls,
      sentinels: t.sentinels,
      name: t.name,
      db: t.db,
      ...(t.password ? { sentinelPassword: t.password } : {}),
      sentinelRetryStrategy: retryStrategy,
    });
    return { client, cluster: null };
  }
  const cluster = new Cluster(t.nodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: retryStrategy,
    redisOptions: { ...FAIL_FAST, ...auth, ...tls },
  });
  return { client: cluster as unknown as Redis, cluster };
}

export function connectRedis(url: string, logger: Logger): RedisConnection {
  const topology = parseRedisUrl(url);
  const target = describeTopology(topology, describeRedisUrl);
  const outage = new OutageLog(logger, 'redis', target);
  const { client, cluster } = createClient(topology);
  client.on('error', (error: unknown) => outage.markDown(error));
  client.on('ready', () => outage.markUp());
  return { client, cluster, outage, target };
}

/** Resolve true once the client is ready, false after `timeoutMs` (it keeps trying afterwards). */
export function waitReady(client: Redis, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref();
    client.on('ready', onReady);
  });
}

/** Close without waiting on a server that may be gone. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through to a hard disconnect.
    }
  }
  client.disconnect();
}

/** `*`, `?`, `[`, `]` and `\` in a key prefix must not act as SCAN wildcards. */
export const escapeGlob = (s: string): string => s.replace(/[*?[\]\\]/g, '\\$&');
