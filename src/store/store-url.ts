/** STORE_URL → which backend: `memory:`, `sqlite:PATH` (also `sqlite:///abs/path`), `redis(s)://...`. */
import { CalfbotError } from '../errors.js';
import { isRedisUrl } from './redis-topology.js';

export type StoreTarget =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | { kind: 'redis'; url: string };

export function parseStoreUrl(url: string): StoreTarget {
  const trimmed = url.trim();
  if (trimmed === 'memory:' || trimmed === 'memory://') return { kind: 'memory' };
  if (trimmed.startsWith('sqlite:')) {
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path) return { kind: 'sqlite', path };
  }
  if (isRedisUrl(trimmed)) return { kind: 'redis', url: trimmed };
  throw new CalfbotError(
    'CONFIG_INVALID',
    'STORE_URL must be memory:, sqlite:PATH, redis://HOST:PORT, redis+sentinel://HOST:PORT,.../MASTER or redis+cluster://HOST:PORT,... (for example sqlite:./data/calfbot.db).',
  );
}
