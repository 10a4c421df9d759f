/**
 * `headline()` for "what if this one finding were answered so?", asked some 50 to 100 times a
 * turn by the next-question search. One answer moves only the causes that weigh the finding or
 * require it and the red-flag rules that mention it, so the search scores everything once for
 * what is known (`whatIf`) and, per hypothetical answer, re-scores only those (`headlineIf`).
 * The result equals `headline(knowledge, { ...findings, [finding]: answer })` exactly: a moved
 * cause is scored afresh in the same order of additions, and ties break as headline() breaks them
 * (knowledge order). test/next-question-fast.test.ts keeps it so against the straightforward search.
 */

import type { Cause, Knowledge, QuestionGroup, RedFlagRule } from '../knowledge/schema.js';
import { type Choice, TRIAGE_LEVELS, type Triage, triageRank } from '../vocabulary.js';
import { LOWER } from './red-flags.js';
import { scoreIf, scoreOnly } from './score-causes.js';

/** What the knowledge says once, built at first use and kept with it. */
interface Index {
  /** Causes scored for the headline (not the red-flag-only ones), in knowledge order. */
  causes: Cause[];
  /** finding → indexes into `causes` of those that weigh it (present or absent) or require it. */
  causesOf: Map<string, number[]>;
  rules: RedFlagRule[];
  /** finding → indexes into `rules` of those that mention it (all, any or unless). */
  rulesOf: Map<string, number[]>;
  /** The question groups of the red-flag screen, and the others (knowledge order). */
  screenGroups: QuestionGroup[];
  otherGroups: QuestionGroup[];
}

const indexCache = new WeakMap<Knowledge, Index>();
const NONE: number[] = [];

function indexOf(knowledge: Knowledge): Index {
  let index = indexCache.get(knowledge);
  if (index) return index;
  const add = (m: Map<string, number[]>, f: string, i: number) => {
    const list = m.get(f);
    if (!list) m.set(f, [i]);
    else if (list.at(-1) !== i) list.push(i);
  };
  const causes = [...knowledge.causes.values()].filter((c) => c.kind !== 'red_flag');
  const causesOf = new Map<string, number[]>();
  causes.forEach((c, i) => {
    const s = c.scoring;
    for (const f of [...Object.keys(s.weights), ...Object.keys(s.absent), ...s.requires]) add(causesOf, f, i);
  });
  const rules = knowledge.redFlags;
  const rulesOf = new Map<string, number[]>();
  rules.forEach((r, i) => {
    for (const f of [...r.all, ...r.any, ...r.unless]) add(rulesOf, f, i);
  });
  const screenGroups = knowledge.groups.filter((g) => g.screen);
  const otherGroups = knowledge.groups.filter((g) => !g.screen);
  index = { causes, causesOf, rules, rulesOf, screenGroups, otherGroups };
  indexCache.set(knowledge, index);
  return index;
}

type Lookup = (finding: string) => Choice | undefined;

/** firedRedFlags' verdict on one rule: the rank of the triage it gives, or -1 when it does not fire. */
function ruleRank(rule: RedFlagRule, at: Lookup): number {
  let unsureAll = false;
  for (const f of rule.all) {
    const a = at(f);
    if (a !== 'yes' && a !== 'unsure') return -1;
    if (a === 'unsure') unsureAll = true;
  }
  for (const f of rule.unless) if (at(f) === 'yes') return -1;
  let anyHit = false;
  let anySure = false;
  for (const f of rule.any) {
    const a = at(f);
    if (a === 'yes') anyHit = anySure = true;
    else if (a === 'unsure') anyHit = true;
  }
  if (rule.any.length > 0 && !anyHit) return -1;
  const uncertain = unsureAll || (rule.any.length > 0 && !anySure);
  // A rule resting on "not sure" leans one level lower, as firedRedFlags() does.
  return triageRank(uncertain ? LOWER[rule.triage] : rule.triage);
}

/** headline()'s order of causes: supported first, then margin, then score; the earlier one on a tie. */
const beats = (sa: boolean, ma: number, ca: number, sb: boolean, mb: number, cb: number): boolean =>
  (sa && !sb) || (sa === sb && (ma > mb || (ma === mb && ca > cb)));

/** Everything known scored once: the base the hypothetical answers are measured from. */
export interface WhatIf {
  readonly knowledge: Knowledge;
  readonly findings: Readonly<Record<string, Choice>>;
  index: Index;
  score: Float64Array;
  margin: Float64Array;
  supported: Uint8Array;
  /** Cause indexes, best first (headline's order). */
  causeOrder: number[];
  /** Supported causes at each triage rank. */
  causeLevels: Int32Array;
  /** Each rule's triage rank when it fires, else -1. */
  ruleRanks: Int8Array;
  /** Fired rules with a cause, in firedRedFlags' order (higher triage first, then knowledge order). */
  ruleOrder: number[];
  /** Fired rules at each triage rank. */
  ruleLevels: Int32Array;
  /** Marks of the causes / rules a hypothetical answer moves (compared with `stamp`). */
  movedCause: Uint32Array;
  movedRule: Uint32Array;
  stamp: number;
}

export function whatIf(knowledge: Knowledge, findings: Readonly<Record<string, Choice>>): WhatIf {
  const index = indexOf(knowledge);
  const n = index.causes.length;
  const score = new Float64Array(n);
  const margin = new Float64Array(n);
  const supported = new Uint8Array(n);
  const causeLevels = new Int32Array(TRIAGE_LEVELS.length);
  for (let i = 0; i < n; i++) {
    const c = index.causes[i]!;
    score[i] = scoreOnly(c, findings);
    margin[i] = score[i]! - c.scoring.threshold;
    if (margin[i]! >= 0) {
      supported[i] = 1;
      causeLevels[triageRank(c.triage)]!++;
    }
  }
  const causeOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    beats(supported[a] === 1, margin[a]!, score[a]!, supported[b] === 1, margin[b]!, score[b]!)
      ? -1
      : beats(supported[b] === 1, margin[b]!, score[b]!, supported[a] === 1, margin[a]!, score[a]!)
        ? 1
        : a - b,
  );
  const at: Lookup = (f) => findings[f];
  const ruleRanks = new Int8Array(index.rules.length);
  const ruleLevels = new Int32Array(TRIAGE_LEVELS.length);
  index.rules.forEach((r, j) => {
    ruleRanks[j] = ruleRank(r, at);
    if (ruleRanks[j]! >= 0) ruleLevels[ruleRanks[j]!]!++;
  });
  const ruleOrder = index.rules
    .map((_, j) => j)
    .filter((j) => ruleRanks[j]! >= 0 && index.rules[j]!.cause !== undefined)
    .sort((a, b) => ruleRanks[b]! - ruleRanks[a]! || a - b);
  return {
    knowledge,
    findings,
    index,
    score,
    margin,
    supported,
    causeOrder,
    causeLevels,
    ruleRanks,
    ruleOrder,
    ruleLevels,
    movedCause: new Uint32Array(n),
    movedRule: new Uint32Array(index.rules.length),
    stamp: 0,
  };
}

/** headline(knowledge, findings) itself, from what whatIf() scored. */
export function headlineNow(w: WhatIf): { triage: Triage; lead: string | null } {
  const none = new Int32Array(TRIAGE_LEVELS.length);
  const rank = Math.max(maxRank(w.ruleLevels, none), maxRank(w.causeLevels, none));
  const ruleLead = w.ruleOrder[0];
  const ruleCause = ruleLead === undefined ? undefined : w.index.rules[ruleLead]!.cause;
  const lead = w.causeOrder[0];
  return {
    triage: TRIAGE_LEVELS[rank]!,
    lead: ruleCause ?? (lead !== undefined && w.supported[lead] === 1 ? w.index.causes[lead]!.id : null),
  };
}

const maxRank = (base: Int32Array, delta: Int32Array): number => {
  for (let r = base.length - 1; r > 0; r--) if (base[r]! + delta[r]! > 0) return r;
  return 0;
};

/** headline(knowledge, { ...findings, [finding]: answer }), re-scoring only what that answer moves. */
export function headlineIf(
  w: WhatIf,
  finding: string,
  answer: Choice,
): { triage: Triage; lead: string | null } {
  const { index, findings } = w;
  const at: Lookup = (f) => (f === finding ? answer : findings[f]);
  const stamp = ++w.stamp;

  // Rules that mention the finding, judged again; the leading rule-with-a-cause among them
  // (highest triage, then knowledge order: the lists are in knowledge order).
  const ruleDelta = new Int32Array(TRIAGE_LEVELS.length);
  let ruleLead = -1;
  let ruleLeadRank = -1;
  for (const j of index.rulesOf.get(finding) ?? NONE) {
    w.movedRule[j] = stamp;
    const before = w.ruleRanks[j]!;
    const after = ruleRank(index.rules[j]!, at);
    if (before >= 0) ruleDelta[before]!--;
    if (after >= 0) ruleDelta[after]!++;
    if (after > ruleLeadRank && index.rules[j]!.cause !== undefined) {
      ruleLead = j;
      ruleLeadRank = after;
    }
  }
  // Against the best of the rest, which the answer leaves as they were.
  for (const j of w.ruleOrder) {
    if (w.movedRule[j] === stamp) continue;
    const r = w.ruleRanks[j]!;
    if (r > ruleLeadRank || (r === ruleLeadRank && j < ruleLead)) ruleLead = j;
    break;
  }

  // Causes that weigh or require the finding, scored afresh; the best of them (ties: the earlier).
  const causeDelta = new Int32Array(TRIAGE_LEVELS.length);
  let lead = -1;
  let ls = false;
  let lm = 0;
  let lc = 0;
  for (const i of index.causesOf.get(finding) ?? NONE) {
    w.movedCause[i] = stamp;
    const c = index.causes[i]!;
    const score = scoreIf(c, findings, finding, answer);
    const margin = score - c.scoring.threshold;
    const sup = margin >= 0;
    const rank = triageRank(c.triage);
    if (w.supported[i] === 1) causeDelta[rank]!--;
    if (sup) causeDelta[rank]!++;
    if (lead === -1 || beats(sup, margin, score, ls, lm, lc)) {
      lead = i;
      ls = sup;
      lm = margin;
      lc = score;
    }
  }
  // Against the best of the causes the answer leaves as they were.
  for (const i of w.causeOrder) {
    if (w.movedCause[i] === stamp) continue;
    const s = w.supported[i] === 1;
    const m = w.margin[i]!;
    const c = w.score[i]!;
    if (lead === -1 || beats(s, m, c, ls, lm, lc) || (!beats(ls, lm, lc, s, m, c) && i < lead)) {
      lead = i;
      ls = s;
    }
    break;
  }

  const rank = Math.max(maxRank(w.ruleLevels, ruleDelta), maxRank(w.causeLevels, causeDelta));
  const ruleCause = ruleLead >= 0 ? index.rules[ruleLead]!.cause : undefined;
  return {
    triage: TRIAGE_LEVELS[rank]!,
    lead: ruleCause ?? (lead >= 0 && ls ? index.causes[lead]!.id : null),
  };
}
