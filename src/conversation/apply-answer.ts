/** Answers into findings: check an answer against the pending question, record it (undoably), absorb free text. */
import type { Knowledge } from '../knowledge/schema.js';
import type { Choice } from '../vocabulary.js';
import { copy } from './copy.js';
import type { ConversationState, PendingQuestion } from './types.js';

export type Apply = (pending: PendingQuestion) => Array<[string, Choice]> | { error: string };

export function applyChoice(
  pending: PendingQuestion,
  choice: Choice,
): Array<[string, Choice]> | { error: string } {
  if (pending.type !== 'yes_no') return { error: copy.nudgeMulti };
  return [[pending.findings[0]!, choice]];
}

export function applySelection(
  pending: PendingQuestion,
  selected: string[],
  unsure: string[],
  knowledge: Knowledge,
): Array<[string, Choice]> | { error: string } {
  if (pending.type !== 'multi') {
    // A one-option "selection" for a yes/no question still says yes or no.
    return [[pending.findings[0]!, selected.includes(pending.findings[0]!) ? 'yes' : 'no']];
  }
  const unknown = selected.filter((f) => !pending.findings.includes(f));
  if (unknown.length > 0) {
    const known = unknown.every((f) => knowledge.findings.has(f));
    return { error: known ? copy.notAnOption : copy.nudgeMulti };
  }
  return pending.findings.map((f): [string, Choice] => [
    f,
    selected.includes(f) ? 'yes' : unsure.includes(f) ? 'unsure' : 'no',
  ]);
}

/** Set findings from an answer and remember how to undo it. */
export function record(
  s: ConversationState,
  question: PendingQuestion,
  changes: Array<[string, Choice]>,
): void {
  s.history.push({
    question,
    changes: changes.map(([finding, after]) => ({ finding, before: s.findings[finding] ?? null, after })),
  });
  for (const [finding, choice] of changes) s.findings[finding] = choice;
  s.pending = null;
}

/** Add what free text volunteered: unknown findings are set; a newly present finding overrides. */
export function absorb(
  s: ConversationState,
  found: Map<string, Choice>,
  knowledge?: Knowledge,
  correcting = false,
): string[] {
  const changed: string[] = [];
  for (const [finding, choice] of found) {
    const before = s.findings[finding];
    // A correction ("sorry, not the statin") may take back an earlier yes, except a warning
    // sign: free text never talks a red flag away.
    const takeBack =
      correcting && choice === 'no' && before === 'yes' && !knowledge?.findings.get(finding)?.red_flag;
    if (before === undefined || (choice === 'yes' && before !== 'yes') || takeBack) {
      s.findings[finding] = choice;
      changed.push(finding);
    }
  }
  return changed;
}
