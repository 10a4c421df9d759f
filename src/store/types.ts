/**
 * One store interface, three backends (memory, sqlite, redis). A record is the conversation's
 * state plus bookkeeping; `version` implements compare-and-set so two processes taking a turn of
 * the same conversation at once cannot overwrite each other.
 */
export const CONVERSATION_TTL_HOURS_DEFAULT = 24;
/** How many processed event ids a conversation remembers (Slack retries, double clicks). */
export const PROCESSED_EVENTS_MAX = 50;

export interface ProcessedEvent {
  id: string;
  // Only the id: a duplicate is answered with no replies (the contract allows it), so no reply
  // text, which can echo health details, is kept beyond the turn that produced it.
}

export interface ConversationRecord {
  /** Compare-and-set version: 0 means "not stored yet"; each successful save adds one. */
  version: number;
  /** The platform user the conversation belongs to (for `forget`). */
  user: string | null;
  /** The machine's state, opaque to the store (the machine's upgradeState() checks it on load). */
  state: unknown;
  /** Most recent last, at most PROCESSED_EVENTS_MAX. */
  processed: ProcessedEvent[];
  /** Epoch milliseconds after which the record is gone. */
  expiresAt: number;
}

export interface ConversationStore {
  /** The live record, or null when missing or expired (expired records are treated as missing). */
  get(key: string): Promise<ConversationRecord | null>;
  /**
   * Save `record` (whose `version` must be `expectedVersion + 1`) if the stored version is still
   * `expectedVersion` (0 = must not exist). Returns false when someone else saved first.
   */
  compareAndSet(key: string, expectedVersion: number, record: ConversationRecord): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Delete every conversation (and anything else) stored about this user. Returns how many went. */
  forgetUser(user: string): Promise<number>;
  /** Remove expired records now; returns how many. Backends also expire on their own. */
  sweep(now?: number): Promise<number>;
  close(): Promise<void>;
}
