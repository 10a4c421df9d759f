/**
 * SQLite store (the default): one table in a WAL-mode file, so several processes on one machine
 * can share it. Compare-and-set is a single conditional UPDATE / INSERT inside an IMMEDIATE
 * transaction, which SQLite serialises across processes. Driver failures (cannot open, busy
 * after the timeout, disk I/O, read-only...) become STORE_UNAVAILABLE and drop the handle, so
 * the next call reopens the file and the store recovers by itself.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Logger, silentLogger } from '../log.js';
import { decodeProcessed } from './record-codec.js';
import { OutageLog, storeUnavailable } from './store-outage.js';
import type { ConversationRecord, ConversationStore } from './types.js';

/** How long a writer waits for another process's lock before giving up (SQLITE_BUSY). */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000;
const SCHEMA_VERSION = 1;

export interface SqliteStoreOptions {
  now?: () => number;
  logger?: Logger;
  busyTimeoutMs?: number;
}

interface Row {
  user: string | null;
  version: number;
  expires_at: number;
  state: string;
  processed: string;
}

interface Statements {
  get: Database.Statement<[string], Row>;
  deleteIfExpired: Database.Statement<[string, number]>;
  insert: Database.Statement<[Record<string, unknown>]>;
  update: Database.Statement<[Record<string, unknown>]>;
  delete: Database.Statement<[string]>;
  deleteByUser: Database.Statement<[string]>;
  sweep: Database.Statement<[number]>;
}

interface Handle {
  db: Database.Database;
  st: Statements;
  cas: (key: string, expectedVersion: number, params: Record<string, unknown>) => boolean;
}

/** Errors that mean "someone else holds the lock right now": keep the handle, it is healthy. */
const TRANSIENT_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
]);

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync can spin forever on some paths
 * (e.g. under /proc), and a bad STORE_URL must fail, not hang.
 */
function makeParents(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeParents(parent);
  mkdirSync(dir);
}

export class SqliteStore implements ConversationStore {
  private handle: Handle | null = null;
  private closed = false;
  private readonly now: () => number;
  private readonly busyTimeoutMs: number;
  private readonly outage: OutageLog;

  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    this.outage = new OutageLog(options.logger ?? silentLogger, 'sqlite', path);
  }

  /** Open the file now (creating it and its folder) so start-up reports a problem early. */
  async open(): Promise<void> {
    this.run(() => undefined);
  }

  async get(key: string): Promise<ConversationRecord | null> {
    return this.run((h) => {
      const row = h.st.get.get(key);
      if (!row) return null;
      const now = this.now();
      if (row.expires_at <= now) {
        h.st.deleteIfExpired.run(key, now);
        return null;
      }
      return this.decodeRow(h, key, row);
    });
  }

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord): Promise<boolean> {
    const params = {
      key,
      user: record.user,
      version: record.version,
      expires_at: record.expiresAt,
      state: JSON.stringify(record.state),
      processed: JSON.stringify(record.processed),
      expected: expectedVersion,
      now: this.now(),
    };
    return this.run((h) => h.cas(key, expectedVersion, params));
  }

  async delete(key: string): Promise<void> {
    this.run((h) => h.st.delete.run(key));
  }

  async forgetUser(user: string): Promise<number> {
    return this.run((h) => h.st.deleteByUser.run(user).changes);
  }

  async sweep(now = this.now()): Promise<number> {
    return this.run((h) => h.st.sweep.run(now).changes);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop();
  }

  /** Run one operation on a healthy handle; translate driver failures to STORE_UNAVAILABLE. */
  private run<T>(op: (h: Handle) => T): T {
    try {
      if (this.closed) throw new Error('store closed');
      const result = op(this.handle ?? this.openHandle());
      this.outage.markUp();
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !TRANSIENT_CODES.has(code)) this.drop();
      this.outage.markDown(error);
      throw storeUnavailable('sqlite', error);
    }
  }

  private openHandle(): Handle {
    if (this.path !== ':memory:') makeParents(dirname(this.path));
    const db = new Database(this.path, { timeout: this.busyTimeoutMs });
    try {
      // A record is 2 to 3 KB of JSON: two never fit a 4 KB page, so each took a page of its own
      // (3.6 KB on disk); 8 KB pages hold three (2.8 KB each). Only applies to a new file.
      db.pragma('page_size = 8192');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(`
        CREATE TABLE IF NOT EXISTS conversations (
          key TEXT PRIMARY KEY,
          user TEXT,
          version INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          state TEXT NOT NULL,
          processed TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversations_user ON conversations(user);
        CREATE INDEX IF NOT EXISTS conversations_expires_at ON conversations(expires_at);
      `);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      const st: Statements = {
        get: db.prepare<[string], Row>(
          'SELECT user, version, expires_at, state, processed FROM conversations WHERE key = ?',
        ),
        deleteIfExpired: db.prepare('DELETE FROM conversations WHERE key = ? AND expires_at <= ?'),
        // A new conversation may replace an expired leftover, never a live one.
        insert: db.prepare(
          `INSERT INTO conversations (key, user, version, expires_at, state, processed)
           VALUES (@key, @user, @version, @expires_at, @state, @processed)
           ON CONFLICT(key) DO UPDATE SET user = excluded.user, version = excluded.version,
             expires_at = excluded.expires_at, state = excluded.state, processed = excluded.processed
           WHERE conversations.expires_at <= @now`,
        ),
        update: db.prepare(
          `UPDATE conversations SET user = @user, version = @version, expires_at = @expires_at,
             state = @state, processed = @processed
           WHERE key = @key AND version = @expected AND expires_at > @now`,
        ),
        delete: db.prepare('DELETE FROM conversations WHERE key = ?'),
        deleteByUser: db.prepare('DELETE FROM conversations WHERE user = ?'),
        sweep: db.prepare('DELETE FROM conversations WHERE expires_at <= ?'),
      };
      const casTx = db.transaction(
        (_key: string, expectedVersion: number, params: Record<string, unknown>) =>
          (expectedVersion === 0 ? st.insert : st.update).run(params).changes === 1,
      );
      // IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a writer never
      // fails half-way on a snapshot another process has moved past.
      const cas = (key: string, expectedVersion: number, params: Record<string, unknown>) =>
        casTx.immediate(key, expectedVersion, params);
      this.handle = { db, st, cas };
      return this.handle;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private decodeRow(h: Handle, key: string, row: Row): ConversationRecord | null {
    let state: unknown;
    try {
      state = JSON.parse(row.state);
    } catch {
      state = undefined;
    }
    const processed = decodeProcessed(row.processed);
    if (state === undefined || processed === null) {
      // Not something we wrote: treat it as missing so a fresh conversation can start.
      h.st.delete.run(key);
      return null;
    }
    return {
      version: row.version,
      user: row.user,
      state: state as ConversationRecord['state'],
      processed,
      expiresAt: row.expires_at,
    };
  }

  private drop(): void {
    const h = this.handle;
    this.handle = null;
    if (!h) return;
    try {
      h.db.close();
    } catch {
      // Already broken; nothing more to release.
    }
  }
}
