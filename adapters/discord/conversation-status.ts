/**
 * What the adapter needs to know about a conversation besides its replies: when it started (the
 * epoch stamped on buttons, to reject clicks from an earlier conversation) and which question is
 * pending (to decide whether a message's buttons are spent). Read-only; the Bot owns the state.
 */
import type { ConversationState, Phase } from '../../src/conversation/types.js';
import type { ConversationStore } from '../../src/store/types.js';
import { epochOf } from './custom-id.js';

export interface ConversationStatus {
  epoch: string;
  pending: string | null;
  phase: Phase;
}

/** null when there is no live conversation under `key`. */
export async function conversationStatus(
  store: Pick<ConversationStore, 'get'>,
  key: string,
): Promise<ConversationStatus | null> {
  const record = await store.get(key);
  if (!record) return null;
  const state = record.state as ConversationState;
  return {
    epoch: epochOf(state.startedAt),
    pending: state.pending?.id ?? null,
    phase: state.phase,
  };
}

/** Like conversationStatus, but `undefined` when the store cannot be read (the Bot will say so). */
export async function tryConversationStatus(
  store: Pick<ConversationStore, 'get'>,
  key: string,
): Promise<ConversationStatus | null | undefined> {
  try {
    return await conversationStatus(store, key);
  } catch {
    return undefined;
  }
}
