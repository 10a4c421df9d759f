/**
 * Secrets kept per installation (a Slack workspace's bot token), on the configured store
 * backend, sealed at rest with AES-256-GCM under a key from the environment
 * (SLACK_INSTALLATION_KEY): a stolen database file or Redis dump shows no token. Values are
 * opaque strings to this module; each is sealed with a fresh 12-byte IV and its id as
 * additional data, so a sealed value moved to another id does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CalfbotError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { connectRedis } from './redis-connection.js';
import { parseStoreUrl } from './store-url.js';

export interface SecretRecords {
  get(id: string): Promise<string | null>;
  put(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

/** A 32-byte key from base64 (44 characters) or hex (64); anything else is refused. */
export function parseSealKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new CalfbotError(
      'CONFIG_INVALID',
      'SLACK_INSTALLATION_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).',
    );
  return key;
}

const VERSION = 'v1';

export function seal(key: Buffer, id: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    body.toString('base64'),
  ].join('.');
}

export function unseal(key: Buffer, id: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new CalfbotError('STORE_CORRUPT', 'A sealed installation record has an unknown format.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new CalfbotError(
      'STORE_CORRUPT',
      'An installation record does not open with SLACK_INSTALLATION_KEY (wrong key, or the record was altered).',
      { cause: error },
    );
  }
}

/** Raw (already sealed) values by id, on one backend. */
interface RawRecords {
  get(id: string): Promise<string | null>;
  put(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

class MemoryRecords implements RawRecords {
  private readonly values = new Map<string, string>();
  async get(id: string) {
    return this.values.get(id) ?? null;
  }
  async put(id: string, value: string) {
    this.values.set(id, value);
  }
  async delete(id: string) {
    this.values.delete(id);
  }
  async close() {}
}

async function sqliteRecords(path: string): Promise<RawRecords> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { timeout: 5_000 });
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS installations (id TEXT PRIMARY KEY, sealed TEXT NOT NULL)');
  const get = db.prepare<[string], { sealed: string }>('SELECT sealed FROM installations WHERE id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO installations (id, sealed) VALUES (?, ?)');
  const del = db.prepare('DELETE FROM installations WHERE id = ?');
  return {
    get: async (id) => get.get(id)?.sealed ?? null,
    put: async (id, value) => void put.run(id, value),
    delete: async (id) => {
      del.run(id);
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => void db.close(),
  };
}

function redisRecords(url: string, prefix: string, logger: Logger): RawRecords {
  const { client } = connectRedis(url, logger);
  const k = (id: string) => `${prefix}inst:${id}`;
  return {
    get: (id) => client.get(k(id)),
    put: async (id, value) => void (await client.set(k(id), value)),
    delete: async (id) => void (await client.del(k(id))),
    close: async () => void client.disconnect(),
  };
}

/** The sealed records on STORE_URL's backend (memory:, sqlite:, redis…://). */
export async function createSecretRecords(
  storeUrl: string,
  key: Buffer,
  opts: { keyPrefix?: string; logger?: Logger } = {},
): Promise<SecretRecords> {
  const target = parseStoreUrl(storeUrl);
  const raw =
    target.kind === 'memory'
      ? new MemoryRecords()
      : target.kind === 'sqlite'
        ? await sqliteRecords(target.path)
        : redisRecords(target.url, opts.keyPrefix ?? 'calfbot:', opts.logger ?? silentLogger);
  return {
    get: async (id) => {
      const sealed = await raw.get(id);
      return sealed === null ? null : unseal(key, id, sealed);
    },
    put: (id, value) => raw.put(id, seal(key, id, value)),
    delete: (id) => raw.delete(id),
    close: () => raw.close(),
  };
}
