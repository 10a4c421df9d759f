/**
 * The question lifecycle of one turn, from the state before and after it: which question the
 * event named and what became of it, which question the turn closed, which is open now. Pure.
 */
import type { Knowledge } from '../knowledge/schema.js';
import type { GivenAnswer, TurnOutcome } from '../turn-outcome.js';
import type { UserEvent } from '../vocabulary.js';
import type { AnsweredStep, ConversationState } from './types.js';

type Lifecycle = Pick<TurnOutcome, 'conversation' | 'target' | 'closed'>;

export function lifecycle(
  before: ConversationState | null,
  event: UserEvent,
  after: ConversationState,
  knowledge: Knowledge,
): Lifecycle {
  const open = after.pending?.id ?? null;
  const out: Lifecycle = { conversation: { startedAt: after.startedAt, open } };
  const waiting = before?.pending?.id ?? null;
  if (waiting && waiting !== open) {
    const step = answeredIn(after, waiting);
    out.closed = { question: waiting, ...(step ? { answer: given(step, knowledge) } : {}) };
  }
  const named = event.question;
  if (named !== undefined) out.target = { question: named, ...fate(before, event, after, named, knowledge) };
  return out;
}

function fate(
  before: ConversationState | null,
  event: UserEvent,
  after: ConversationState,
  q: string,
  knowledge: Knowledge,
): { fate: NonNullable<Lifecycle['target']>['fate']; answer?: GivenAnswer } {
  if (!before) return { fate: 'gone' };
  if (before.pending?.id === q) {
    if (after.pending?.id === q) return { fate: 'open' };
    const step = answeredIn(after, q);
    return step ? { fate: 'answered', answer: given(step, knowledge) } : { fate: 'superseded' };
  }
  // A click on a question no longer open changes nothing, except a warning sign it says yes to.
  const added = Object.keys(after.findings).filter(
    (f) => after.findings[f] === 'yes' && before.findings[f] !== 'yes',
  );
  if (event.kind === 'answer' && added.length > 0) return { fate: 'news', answer: { choice: event.choice } };
  const picked = event.kind === 'select' ? event.selected.filter((f) => added.includes(f)) : [];
  if (picked.length > 0)
    return { fate: 'news', answer: { picked: picked.map((f) => knowledge.findings.get(f)?.label ?? f) } };
  if (!before.pending) return { fate: 'closed' };
  const step = answeredIn(before, q);
  return step ? { fate: 'superseded', answer: given(step, knowledge) } : { fate: 'superseded' };
}

const answeredIn = (s: ConversationState, q: string): AnsweredStep | undefined =>
  s.history.find((h) => h.question.id === q);

function given(step: AnsweredStep, knowledge: Knowledge): GivenAnswer {
  if (step.question.type === 'yes_no') return { choice: step.changes[0]?.after ?? 'unsure' };
  return {
    picked: step.changes
      .filter((c) => c.after === 'yes')
      .map((c) => knowledge.findings.get(c.finding)?.label ?? c.finding),
  };
}
