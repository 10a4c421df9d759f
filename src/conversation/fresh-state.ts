import { type ConversationState, STATE_SCHEMA_VERSION } from './types.js';

/** A new, empty conversation. `seq` carries over on restart so old question ids stay stale. */
export function freshState(now: number, seq = 0): ConversationState {
  return {
    schema: STATE_SCHEMA_VERSION,
    findings: {},
    pending: null,
    history: [],
    seq,
    asked: 0,
    assessment: null,
    startedAt: now,
    updatedAt: now,
  };
}
