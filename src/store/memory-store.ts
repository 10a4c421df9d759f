/**
 * In-memory store: the test double and `STORE_URL=memory:`. Same semantics as the real backends,
 * and the same encoding: each record is kept as its JSON text (like SQLite and Redis), which
 * costs about 2.4 KB a conversation instead of ~5.7 KB of live objects, and proves every state
 * survives serialisation.
 */
import { decodeRecord, encodeRecord } from './record-codec.js';
import type { ConversationRecord, ConversationStore } from './types.js';

interface Entry {
  version: number;
  user: string | null;
  expiresAt: number;
  json: string;
}

export class MemoryStore implements ConversationStore {
  private readonly records = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<ConversationRecord | null> {
    const entry = this.live(key);
    return entry ? decodeRecord(entry.json) : null;
  }

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord): Promise<boolean> {
    // Check and set with no await in between, so parallel callers cannot both win.
    if ((this.live(key)?.version ?? 0) !== expectedVersion) return false;
    this.records.set(key, {
      version: record.version,
      user: record.user,
      expiresAt: record.expiresAt,
      json: encodeRecord(record),
    });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  async forgetUser(user: string): Promise<number> {
    let n = 0;
    for (const [key, entry] of this.records) {
      if (entry.user === user) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  async sweep(now = this.now()): Promise<number> {
    let n = 0;
    for (const [key, entry] of this.records) {
      if (entry.expiresAt <= now) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  private live(key: string): Entry | null {
    const entry = this.records.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.records.delete(key);
      return null;
    }
    return entry;
  }

  get size(): number {
    return this.records.size;
  }

  async close(): Promise<void> {}
}
