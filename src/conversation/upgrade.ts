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
  // The age, amounts and supplement kept for upper limits are optional: malformed, they are dropped.
  if (s.age !== undefined && typeof s.age !== 'number') delete s.age;
  if (
    s.doses !== undefined &&
    !(
      Array.isArray(s.doses) &&
      s.doses.every(
        (d) =>
          typeof d?.cause === 'string' &&
          typeof d.nutrient === 'string' &&
          typeof d.value === 'number' &&
          typeof d.unit === 'string' &&
          typeof d.taken?.each === 'number',
      )
    )
  )
    delete s.doses;
  if (
    s.spoken !== undefined &&
    !(typeof s.spoken?.cause === 'string' && typeof s.spoken.nutrient === 'string')
  )
    delete s.spoken;
  if (s.painkiller !== undefined && typeof s.painkiller !== 'string') delete s.painkiller;
  // The questions kept for late clicks are optional: a malformed list is dropped, not the state.
  if (
    s.earlier !== undefined &&
    !(
      Array.isArray(s.earlier) &&
      s.earlier.every((q) => typeof q?.id === 'string' && Array.isArray(q.findings))
    )
  ) {
    const { earlier: _earlier, ...rest } = s;
    return rest as ConversationState;
  }
  return s as ConversationState;
}
