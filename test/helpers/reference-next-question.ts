/**
 * The straightforward next-question search, as src/triage/next-question.ts was before it learnt
 * to re-score only what a hypothetical answer moves (issue 17): every hypothetical answer gets a
 * whole headline() over a copy of the findings. test/next-question-fast.test.ts keeps the fast
 * search equal to this one. Which question to ask next, or none. The red-flag screen comes first, showing only the flags
 * that could still raise the triage level. Then the question group whose unknown findings could
 * most change the outcome (the triage level or the leading cause); a group with one such finding
 * becomes a yes/no question. When no answer could change the outcome, the interview stops.
 */

import type { Knowledge, QuestionGroup } from '../../src/knowledge/schema.js';
import { headline } from '../../src/triage/evaluate.js';
import { QUESTIONS_MAX, SETTLED_MARGIN } from '../../src/triage/next-question.js';
import { scoreOnly } from '../../src/triage/score-causes.js';
import { type Choice, type Triage, triageRank } from '../../src/vocabulary.js';

interface NextQuestion {
  group: QuestionGroup;
  /** The findings to ask about, in the group's order. */
  findings: string[];
}

/** What an answer must change to matter: the triage level, and (until settled) the leading cause. */
const outcomeOf = (
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  triageOnly: boolean,
): string => {
  const h = headline(knowledge, findings);
  return triageOnly ? h.triage : `${h.triage}|${h.lead ?? ''}`;
};

function changesOutcome(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  finding: string,
  current: string,
  triageOnly: boolean,
): boolean {
  for (const answer of ['yes', 'no'] as const) {
    const after = outcomeOf(knowledge, { ...findings, [finding]: answer }, triageOnly);
    if (after === current) continue;
    // Once settled, only a change to "get help today" or more is worth another question.
    if (triageOnly && triageRank(after as Triage) < triageRank('urgent')) continue;
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

export function referenceNextQuestion(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  asked: number,
): NextQuestion | null {
  if (asked >= QUESTIONS_MAX) return null;
  const now = headline(knowledge, findings);
  if (now.triage === 'emergency') return null;

  // 1. The red-flag screen: only flags whose "yes" would raise the level.
  for (const group of knowledge.groups.filter((g) => g.screen)) {
    const raising = group.findings.filter(
      (f) =>
        askable(knowledge, findings, f) &&
        triageRank(headline(knowledge, { ...findings, [f]: 'yes' }).triage) > triageRank(now.triage),
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
  const current = triageOnly ? now.triage : `${now.triage}|${now.lead ?? ''}`;
  let best: NextQuestion | null = null;
  for (const group of knowledge.groups.filter((g) => !g.screen)) {
    const open = group.findings.filter(
      (f) => askable(knowledge, findings, f) && changesOutcome(knowledge, findings, f, current, triageOnly),
    );
    if (open.length > (best?.findings.length ?? 0)) best = { group, findings: open };
  }
  if (!best) return null;
  // Offer every finding of the chosen group that is still unknown, not only the deciding ones:
  // the answer costs the user the same tap, and the assessment can say more.
  const group = best.group;
  return { group, findings: group.findings.filter((f) => askable(knowledge, findings, f)) };
}
