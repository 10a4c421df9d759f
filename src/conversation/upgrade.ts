/** Bring a stored state written by an older calfbot up to date, or return null to restart politely. */
import { type ConversationState, STATE_SCHEMA_VERSION } from './types.js';

export function upgradeState(raw: unknown): ConversationState | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Partial<ConversationState> & { schema?: unknown };
  if (s.schema === STATE_SCHEMA_VERSION) {
    if (typeof s.findings !== 'object' || !Array.isArray(s.history) || typeof s.phase !== 'string')
      return null;
    return s as ConversationState;
  }
  // No older schema exists yet; when STATE_SCHEMA_VERSION moves to 2, migrate version 1 here.
  return null;
}
