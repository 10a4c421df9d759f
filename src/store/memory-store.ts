/** In-memory store: the test double and `STORE_URL=memory:`. Same semantics as the real backends. */
import type { ConversationRecord, ConversationStore } from './types.js';

export class MemoryStore implements ConversationStore {
  private readonly records = new Map<string, ConversationRecord>();
  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<ConversationRecord | null> {
    const rec = this.live(key);
    return rec ? structuredClone(rec) : null;
  }

  async compareAndSet(key: string, expectedVersion: number, record: ConversationRecord): Promise<boolean> {
    // Check and set with no await in between, so parallel callers cannot both win.
    if ((this.live(key)?.version ?? 0) !== expectedVersion) return false;
    this.records.set(key, structuredClone(record));
    return true;
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  async forgetUser(user: string): Promise<number> {
    let n = 0;
    for (const [key, rec] of this.records) {
      if (rec.user === user) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  async sweep(now = this.now()): Promise<number> {
    let n = 0;
    for (const [key, rec] of this.records) {
      if (rec.expiresAt <= now) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  private live(key: string): ConversationRecord | null {
    const rec = this.records.get(key);
    if (!rec) return null;
    if (rec.expiresAt <= this.now()) {
      this.records.delete(key);
      return null;
    }
    return rec;
  }

  get size(): number {
    return this.records.size;
  }

  async close(): Promise<void> {}
}
