/**
 * Records as compact JSON, checked when read back (by hand: this runs on every turn, and a
 * zod schema of the same shape cost more than the JSON.parse; test/record-codec.test.ts). The field order is fixed
 * (version, expiresAt, user first) so the Redis Lua scripts can read the version and expiry
 * with a pattern instead of decoding the whole record.
 */
import type { ConversationRecord, ProcessedEvent } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A processed-events list: objects with a string id. Records written before replies were dropped
 * from processed events still load (their other keys are left out). Null when malformed.
 */
function processedOf(raw: unknown): ProcessedEvent[] | null {
  if (!Array.isArray(raw)) return null;
  const out: ProcessedEvent[] = [];
  for (const p of raw) {
    if (!isObject(p) || typeof p.id !== 'string') return null;
    out.push({ id: p.id });
  }
  return out;
}

export function encodeRecord(record: ConversationRecord): string {
  return JSON.stringify({
    version: record.version,
    expiresAt: record.expiresAt,
    user: record.user,
    state: record.state,
    processed: record.processed,
  });
}

/** The record, or null when the stored text is not a record (treated as missing). */
export function decodeRecord(json: string): ConversationRecord | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(raw)) return null;
  const { version, expiresAt, user, state } = raw;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version <= 0) return null;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  if (user !== null && typeof user !== 'string') return null;
  if (!Object.hasOwn(raw, 'state')) return null;
  const processed = processedOf(raw.processed);
  if (processed === null) return null;
  // The machine's upgradeState() checks the state itself; here it is opaque JSON.
  return { version, expiresAt, user, state, processed };
}

/** The processed-events list from its own JSON column (SQLite), or null when malformed. */
export function decodeProcessed(json: string): ProcessedEvent[] | null {
  try {
    return processedOf(JSON.parse(json));
  } catch {
    return null;
  }
}
