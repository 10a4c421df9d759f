/** Bring a stored state written by an older calfbot up to date, or return null to restart politely. */
import { type ConversationState, STATE_SCHEMA_VERSION } from './types.js';

export function upgradeState(raw: unknown): ConversationState | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Partial<ConversationState> & { schema?: unknown; phase?: unknown; volunteered?: unknown };
  if ((s as { schema?: unknown }).schema === 1) {
    // Version 1 stored the phase (now derived) and the never-read `volunteered`; nothing else changed.
    if (typeof s.phase !== 'string') return null;
    const { phase: _phase, volunteered: _volunteered, ...rest } = s;
    return wellFormed({ ...rest, schema: STATE_SCHEMA_VERSION });
  }
  if (s.schema === STATE_SCHEMA_VERSION) return wellFormed(s);
  return null;
}

function wellFormed(s: Partial<ConversationState>): ConversationState | null {
  if (typeof s.findings !== 'object' || s.findings === null || !Array.isArray(s.history)) return null;
  if (typeof s.startedAt !== 'number' || typeof s.seq !== 'number') return null;
  return s as ConversationState;
}
