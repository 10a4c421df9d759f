/**
 * One store interface, three backends (memory, sqlite, redis). A record is the conversation's
 * state plus bookkeeping; `version` implements compare-and-set so two processes taking a turn of
 * the same conversation at once cannot overwrite each other.
 */
export const CONVERSATION_TTL_HOURS_DEFAULT = 24;
/**
 * Processed event ids (Slack retries, double clicks, replays) are kept by time, not by count: at
 * least this long after the turn that took them (Slack retries within minutes, a Discord
 * interaction token lives 15 minutes), and as long as their conversation lives when that is
 * longer. They are stored apart from the conversation (see event-digest.ts), as one-way digests.
 */
export const EVENT_KEEP_MIN_MS = 3_600_000;

/** An event to remember with a save: its id, and until when (epoch ms) at least. */
export interface EventMark {
  id: string;
  keepUntil: number;
}

/** Records written before event ids moved out of the record still carry this list; it is ignored. */
export interface ProcessedEvent {
  id: string;
}

export interface ConversationRecord {
  /** Compare-and-set version: 0 means "not stored yet"; each successful save adds one. */
  version: number;
  /** The platform user who started the conversation: its owner (for `forget`); never changes. */
  user: string | null;
  /** The machine's state, opaque to the store (the machine's upgradeState() checks it on load). */
  state: unknown;
  /**
   * Legacy: the last event ids of a record written before processed events moved apart (see
   * EVENT_KEEP_MIN_MS); still honoured and carried along unchanged, never added to. New: empty.
   */
  processed: ProcessedEvent[];
  /** Epoch milliseconds after which the record is gone. */
  expiresAt: number;
}

export interface ConversationStore {
  /** The live record, or null when missing or expired (expired records are treated as missing). */
  get(key: string): Promise<ConversationRecord | null>;
  /**
   * Save `record` (whose `version` must be `expectedVersion + 1`) if the stored version is still
   * `expectedVersion` (0 = must not exist) and `event` (when given) was not processed yet; in the
   * same atomic step remember `event`, and keep every event of this conversation at least until
   * the record expires. Returns false when someone else saved first (or took the event).
   */
  compareAndSet(
    key: string,
    expectedVersion: number,
    record: ConversationRecord,
    event?: EventMark,
  ): Promise<boolean>;
  /** True while event `eventId` of conversation `key` is remembered as processed. */
  hasEvent(key: string, eventId: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Delete every conversation this user owns (and anything else stored about them). Returns how
   * many went. Processed event digests stay until they expire: they name no one, and they stop a
   * late retry from bringing a forgotten conversation back.
   */
  forgetUser(user: string): Promise<number>;
  /**
   * Delete every conversation whose owner's id starts with `prefix` (a whole workspace when an
   * app is uninstalled: `slack:T123:`), as forgetUser would for each. Returns how many.
   */
  forgetUsersWithPrefix(prefix: string): Promise<number>;
  /** Remove expired records (and expired event digests) now; returns how many records. */
  sweep(now?: number): Promise<number>;
  close(): Promise<void>;
}
