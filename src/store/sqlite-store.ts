/**
 * SQLite store (the default): a WAL-mode file, so several processes on one machine can share it;
 * `conversations` holds one row per conversation, `events` the digests of processed event ids
 * (kept by time, see EVENT_KEEP_MIN_MS). Compare-and-set is a single conditional UPDATE / INSERT inside an IMMEDIATE
 * transaction, which SQLite serialises across processes. Driver failures (cannot open, busy
 * after the timeout, disk I/O, read-only...) become STORE_UNAVAILABLE and drop the handle, so
 * the next call reopens the file and the store recovers by itself.
 * Deleted means unreadable: the folder is created 0700 and the file 0600; `secure_delete` zeroes
 * what a delete frees, and after `forget` and each sweep a TRUNCATE checkpoint empties the WAL,
 * which would otherwise keep old copies of the pages.
 */
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Logger, silentLogger } from '../log.js';
import { conversationDigest, eventDigest } from './event-digest.js';
import { decodeProcessed } from './record-codec.js';
import {
  checkpoint,
  makeParents,
  ownerOnlyFile,
  prepareSchema,
  type Row,
  type Statements,
} from './sqlite-schema.js';
import { OutageLog, storeUnavailable } from './store-outage.js';
import type { ConversationRecord, ConversationStore, EventMark } from './types.js';

/** How long a writer waits for another process's lock before giving up (SQLITE_BUSY). */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000;

export interface SqliteStoreOptions {
  now?: () => number;
  logger?: Logger;
  busyTimeoutMs?: number;
}

interface Handle {
  db: Database.Database;
  st: Statements;
  cas: (key: string, expectedVersion: number, params: Record<string, unknown>, event?: EventMark) => boolean;
}

/** Errors that mean "someone else holds the lock right now": keep the handle, it is healthy. */
const TRANSIENT_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
]);

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

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord, event?: EventMark) {
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
    return this.run((h) => h.cas(key, expectedVersion, params, event));
  }

  async hasEvent(key: string, eventId: string): Promise<boolean> {
    return this.run(
      (h) => h.st.hasEvent.get(conversationDigest(key), eventDigest(key, eventId), this.now()) !== undefined,
    );
  }

  async delete(key: string): Promise<void> {
    this.run((h) => {
      if (h.st.delete.run(key).changes > 0) checkpoint(h.db);
    });
  }

  async forgetUsersWithPrefix(prefix: string): Promise<number> {
    return this.run((h) => {
      const n = h.db
        .prepare('DELETE FROM conversations WHERE substr(user, 1, ?) = ?')
        .run(prefix.length, prefix).changes;
      checkpoint(h.db);
      return n;
    });
  }

  async forgetUser(user: string): Promise<number> {
    return this.run((h) => {
      const n = h.st.deleteByUser.run(user).changes;
      checkpoint(h.db);
      return n;
    });
  }

  async sweep(now = this.now()): Promise<number> {
    return this.run((h) => {
      const n = h.st.sweep.run(now).changes;
      h.st.sweepEvents.run(now);
      checkpoint(h.db);
      return n;
    });
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
    if (this.path !== ':memory:') {
      makeParents(dirname(this.path));
      ownerOnlyFile(this.path);
    }
    const db = new Database(this.path, { timeout: this.busyTimeoutMs });
    try {
      // What a delete frees is overwritten with zeros, not left readable in the file.
      db.pragma('secure_delete = ON');
      // A record is 2 to 3 KB of JSON: two never fit a 4 KB page, so each took a page of its own
      // (3.6 KB on disk); 8 KB pages hold three (2.8 KB each). Only applies to a new file.
      db.pragma('page_size = 8192');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const st = prepareSchema(db);
      const casTx = db.transaction(
        (key: string, expectedVersion: number, params: Record<string, unknown>, event?: EventMark) => {
          const conv = conversationDigest(key);
          const id = event ? eventDigest(key, event.id) : null;
          if (id !== null && st.hasEvent.get(conv, id, params.now as number)) return false;
          if ((expectedVersion === 0 ? st.insert : st.update).run(params).changes !== 1) return false;
          const until = params.expires_at as number;
          if (event && id !== null) st.putEvent.run(conv, id, Math.max(until, event.keepUntil));
          st.keepEvents.run({ until, conv });
          return true;
        },
      );
      // IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a writer never
      // fails half-way on a snapshot another process has moved past.
      const cas = (
        key: string,
        expectedVersion: number,
        params: Record<string, unknown>,
        event?: EventMark,
      ) => casTx.immediate(key, expectedVersion, params, event);
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

  /** Raw access for tests and the bench (never used on the request path). */
  get database(): Database.Database | null {
    return this.handle?.db ?? null;
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
