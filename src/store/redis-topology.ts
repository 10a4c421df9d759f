/**
 * Which Redis STORE_URL names: one server (`redis://`, `rediss://`), a Sentinel-managed primary
 * (`redis+sentinel://[:password@]host:port,host:port/mastername[/db]`, followed through
 * failovers by ioredis's `sentinels` option) or a Redis Cluster
 * (`redis+cluster://[:password@]host:port,host:port`, ioredis's Cluster client; any reachable
 * node is enough to discover the rest). `rediss+...` adds TLS.
 */
import { CalfbotError } from '../errors.js';

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; db: number; password?: string; tls: boolean }
  | { kind: 'cluster'; nodes: HostPort[]; password?: string; tls: boolean };

const MULTI = /^(rediss?)\+(sentinel|cluster):\/\/(?:([^@/]*)@)?([^/]+)(?:\/([^/]*))?(?:\/(\d+))?\/?$/;

export const isRedisUrl = (url: string): boolean => /^rediss?(\+sentinel|\+cluster)?:\/\/.+/.test(url.trim());

function hosts(list: string, defaultPort: number): HostPort[] {
  return list.split(',').map((entry) => {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry.trim());
    if (!m) throw invalid();
    return { host: m[1]!, port: m[2] ? Number(m[2]) : defaultPort };
  });
}

const invalid = () =>
  new CalfbotError(
    'CONFIG_INVALID',
    'STORE_URL for Redis must be redis://HOST:PORT/DB, redis+sentinel://HOST:PORT,HOST:PORT/MASTERNAME[/DB] or redis+cluster://HOST:PORT,HOST:PORT.',
  );

export function parseRedisUrl(url: string): RedisTopology {
  const trimmed = url.trim();
  if (/^rediss?:\/\//.test(trimmed)) return { kind: 'single', url: trimmed };
  const m = MULTI.exec(trimmed);
  if (!m) throw invalid();
  const [, scheme, kind, auth, hostList, name, db] = m;
  const password = auth
    ? decodeURIComponent(auth.includes(':') ? auth.slice(auth.indexOf(':') + 1) : auth)
    : '';
  const tls = scheme === 'rediss';
  const common = { tls, ...(password ? { password } : {}) };
  if (kind === 'sentinel') {
    if (!name) throw invalid();
    return { kind: 'sentinel', sentinels: hosts(hostList!, 26379), name, db: db ? Number(db) : 0, ...common };
  }
  if (name || db) throw invalid();
  return { kind: 'cluster', nodes: hosts(hostList!, 6379), ...common };
}

/** For logs: the hosts and the master name, never a password. */
export function describeTopology(t: RedisTopology, describeSingle: (url: string) => string): string {
  const list = (h: HostPort[]) => h.map((x) => `${x.host}:${x.port}`).join(',');
  if (t.kind === 'single') return describeSingle(t.url);
  if (t.kind === 'sentinel') return `redis+sentinel://${list(t.sentinels)}/${t.name}/${t.db}`;
  return `redis+cluster://${list(t.nodes)}`;
}
