/**
 * The SQLite store's schema and statements, and the file hygiene around it: the folder is
 * created 0700 and the file 0600, and a TRUNCATE checkpoint empties the WAL after deletes.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 2;

export interface Row {
  user: string | null;
  version: number;
  expires_at: number;
  state: string;
  processed: string;
}

export interface Statements {
  get: Database.Statement<[string], Row>;
  deleteIfExpired: Database.Statement<[string, number]>;
  insert: Database.Statement<[Record<string, unknown>]>;
  update: Database.Statement<[Record<string, unknown>]>;
  delete: Database.Statement<[string]>;
  deleteByUser: Database.Statement<[string]>;
  sweep: Database.Statement<[number]>;
  hasEvent: Database.Statement<[string, string, number], { one: number }>;
  putEvent: Database.Statement<[string, string, number]>;
  keepEvents: Database.Statement<[{ until: number; conv: string }]>;
  sweepEvents: Database.Statement<[number]>;
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync can spin forever on some paths
 * (e.g. under /proc), and a bad STORE_URL must fail, not hang.
 */
export function makeParents(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeParents(parent);
  mkdirSync(dir, { mode: 0o700 });
}

/** Create the database file readable by its owner only (SQLite gives its WAL the same mode). */
export function ownerOnlyFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

export function prepareSchema(db: Database.Database): Statements {
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
    CREATE TABLE IF NOT EXISTS events (
      conv TEXT NOT NULL,
      id TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (conv, id)
    ) WITHOUT ROWID;
    -- No index on events.expires_at: every turn moves the expiry of all its conversation's
    -- events, and keeping an index in step cost about 50 us a turn; the sweep (every 10
    -- minutes) scans these small rows instead (docs/benchmarks.md, "SQLite turn").
    DROP INDEX IF EXISTS events_expires_at;
  `);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return {
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
    hasEvent: db.prepare<[string, string, number], { one: number }>(
      'SELECT 1 AS one FROM events WHERE conv = ? AND id = ? AND expires_at > ?',
    ),
    putEvent: db.prepare('INSERT OR REPLACE INTO events (conv, id, expires_at) VALUES (?, ?, ?)'),
    // Every event of a conversation is kept at least as long as the conversation.
    keepEvents: db.prepare(
      'UPDATE events SET expires_at = @until WHERE conv = @conv AND expires_at < @until',
    ),
    sweepEvents: db.prepare('DELETE FROM events WHERE expires_at <= ?'),
  };
}

/** Copy the WAL into the file and empty it, so no old page image outlives a delete. */
export function checkpoint(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
