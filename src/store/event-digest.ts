/**
 * Processed event ids are stored as one-way digests of (conversation key, event id): enough to
 * recognise a replay, but the store file or Redis never holds the key (which names the platform
 * user) or the id once a conversation is forgotten or expired.
 */
import { createHash } from 'node:crypto';

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** Names the conversation's set of processed events (128 bits). */
export const conversationDigest = (key: string): string => digest(`conv\u0000${key}`);

/** Names one processed event of one conversation (128 bits). */
export const eventDigest = (key: string, eventId: string): string =>
  digest(`event\u0000${key}\u0000${eventId}`);
