/** Where an interview is (new, screening, questioning, assessed), derived from its state. */
import type { Knowledge } from '../knowledge/schema.js';
import type { ConversationState, Phase } from './types.js';

export function phaseOf(s: ConversationState, knowledge: Knowledge): Phase {
  if (s.assessment) return 'assessed';
  if (!s.pending) return 'new';
  const screen = knowledge.groups.find((g) => g.id === s.pending?.topic)?.screen ?? false;
  return screen || s.pending.topic === 'red_flags' ? 'screening' : 'questioning';
}
