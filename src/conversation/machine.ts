import type { Knowledge } from '../knowledge/schema.js';
import type { ConversationState, Reply, UserEvent } from './types.js';

export interface StepContext {
  knowledge: Knowledge;
  region: string;
  now: number;
}
export interface StepResult {
  state: ConversationState;
  replies: Reply[];
}

/** Pure: the next state and the replies for one event. (Implementation in progress.) */
export function step(_state: ConversationState | null, _event: UserEvent, _ctx: StepContext): StepResult {
  throw new Error('not implemented yet');
}
