/**
 * Records as compact JSON, validated with zod when read back. The field order is fixed
 * (version, expiresAt, user first) so the Redis Lua scripts can read the version and expiry
 * with a pattern instead of decoding the whole record.
 */
import { z } from 'zod';
import type { ConversationRecord, ProcessedEvent } from './types.js';

/** Records written before replies were dropped from processed events still load (extra keys are stripped). */
const processedSchema = z.array(z.object({ id: z.string() }));

const recordSchema = z.object({
  version: z.number().int().positive(),
  expiresAt: z.number(),
  user: z.string().nullable(),
  state: z.unknown(),
  processed: processedSchema,
});

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
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { version, expiresAt, user, state, processed } = parsed.data;
  // The machine's upgradeState() checks the state itself; here it is opaque JSON.
  return {
    version,
    expiresAt,
    user,
    state,
    processed: processed as ProcessedEvent[],
  };
}

/** The processed-events list from its own JSON column (SQLite), or null when malformed. */
export function decodeProcessed(json: string): ProcessedEvent[] | null {
  try {
    const parsed = processedSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data.map((p) => ({ id: p.id })) : null;
  } catch {
    return null;
  }
}
