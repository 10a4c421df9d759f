/**
 * Which question to ask next, or none. The red-flag screen comes first, showing only the flags
 * that could still raise the triage level. Then the question group whose unknown findings could
 * most change the outcome (the triage level or the leading cause); a group with one such finding
 * becomes a yes/no question. When no answer could change the outcome, the interview stops.
 */

import type { Knowledge, QuestionGroup } from '../knowledge/schema.js';
import { type Choice, type Triage, triageRank } from '../vocabulary.js';
import { scoreOnly } from './score-causes.js';
import { headlineIf, headlineNow, type WhatIf, whatIf } from './what-if.js';

/**
 * Upper bound on questions in one interview, the red-flag screen included. A second
 * warning-sign screen (shown only when what is known makes its signs matter, e.g. "a cramp that
 * will not go" for someone with cramps) does not count: it must not cost that person one of
 * the ordinary questions. So an interview asks at most QUESTIONS_MAX + 1.
 */
export const QUESTIONS_MAX = 5;

/** The questions asked so far that count against QUESTIONS_MAX (one screen after the first is free). */
export function questionsCounted(
  knowledge: Knowledge,
  answered: ReadonlyArray<{ question: { findings: readonly string[] } }>,
  asked: number,
): number {
  const screens = answered.filter((step) =>
    knowledge.groups.some((g) => g.screen && step.question.findings.some((f) => g.findings.includes(f))),
  ).length;
  return asked - Math.min(1, Math.max(0, screens - 1));
}

export interface NextQuestion {
  group: QuestionGroup;
  /** The findings to ask about, in the group's order. */
  findings: string[];
}

/**
 * Once the leading cause is supported by this margin, only the advice level is worth another
 * question: the interview stops rather than ask about causes that would only reorder the list.
 */
export const SETTLED_MARGIN = 1;

/** What an answer must change to matter: the triage level, and (until settled) the leading cause. */
function changesOutcome(
  base: WhatIf,
  finding: string,
  now: { triage: Triage; lead: string | null },
  triageOnly: boolean,
): boolean {
  for (const answer of ['yes', 'no'] as const) {
    // The headline as if the finding were answered so (only what that answer moves is re-scored).
    const after = headlineIf(base, finding, answer);
    if (after.triage === now.triage && (triageOnly || after.lead === now.lead)) continue;
    // Once settled, only a change to "get help today" or more is worth another question.
    if (triageOnly && triageRank(after.triage) < triageRank('urgent')) continue;
    return true;
  }
  return false;
}

function settled(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  lead: string | null,
): boolean {
  const cause = lead ? knowledge.causes.get(lead) : undefined;
  return cause !== undefined && scoreOnly(cause, findings) - cause.scoring.threshold >= SETTLED_MARGIN;
}

/** A finding is asked about only while unknown, and (with `ask_if`) once its context is present. */
function askable(knowledge: Knowledge, findings: Readonly<Record<string, Choice>>, f: string): boolean {
  if (findings[f] !== undefined) return false;
  // `ask_unless`: not asked of someone these fit (a child is not asked about statins or the pill).
  const unless = knowledge.findings.get(f)?.ask_unless ?? [];
  if (unless.some((u) => findings[u] === 'yes')) return false;
  const when = knowledge.findings.get(f)?.ask_if ?? [];
  return when.length === 0 || when.some((w) => findings[w] === 'yes' || findings[w] === 'unsure');
}

/** `ask_alone_if`: the finding is asked on its own once one of these is present. */
const asksAlone = (knowledge: Knowledge, findings: Readonly<Record<string, Choice>>, f: string): boolean =>
  (knowledge.findings.get(f)?.ask_alone_if ?? []).some((w) => findings[w] === 'yes');

export function nextQuestion(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  asked: number,
): NextQuestion | null {
  if (asked >= QUESTIONS_MAX) return null;
  const base = whatIf(knowledge, findings);
  const now = headlineNow(base);
  if (now.triage === 'emergency') return null;

  // 1. The red-flag screen: only flags whose "yes" would raise the level.
  for (const group of base.index.screenGroups) {
    const raising = group.findings.filter(
      (f) =>
        askable(knowledge, findings, f) &&
        triageRank(headlineIf(base, f, 'yes').triage) > triageRank(now.triage),
    );
    // `ask_alone_if`: a sign that decides the advice is asked by itself, as a yes/no question,
    // right after the rest of its screen (exploratory test 6, S2).
    const alone = raising.filter((f) => asksAlone(knowledge, findings, f));
    const rest = raising.filter((f) => !alone.includes(f));
    if (rest.length > 0) return { group, findings: rest };
    if (alone.length > 0) return { group, findings: alone.slice(0, 1) };
  }
  // 2. Someone who needs help today is told so now, not after more questions.
  if (triageRank(now.triage) >= triageRank('urgent')) return null;

  // 3. The group whose answers could most change the outcome.
  const triageOnly = settled(knowledge, findings, now.lead);
  let best: NextQuestion | null = null;
  for (const group of base.index.otherGroups) {
    const open = group.findings.filter(
      (f) => askable(knowledge, findings, f) && changesOutcome(base, f, now, triageOnly),
    );
    if (open.length > (best?.findings.length ?? 0)) best = { group, findings: open };
  }
  if (!best) return null;
  // Offer every finding of the chosen group that is still unknown, not only the deciding ones:
  // the answer costs the user the same tap, and the assessment can say more.
  const group = best.group;
  return { group, findings: group.findings.filter((f) => askable(knowledge, findings, f)) };
}
