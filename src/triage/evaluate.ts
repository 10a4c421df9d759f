/**
 * The outcome of what is known so far: the triage level and the ranked causes with the findings
 * each rests on. Red-flag rules come first; causes that only a red-flag rule may raise (the
 * urgent and emergency conditions) never enter through scoring.
 */

import type { Cause, Knowledge } from '../knowledge/schema.js';
import { type Choice, type Triage, triageRank } from '../vocabulary.js';
import { type FiredRule, firedRedFlags } from './red-flags.js';
import { type CauseScore, rankCauses, scoreOnly } from './score-causes.js';

export interface RankedEntry {
  cause: Cause;
  because: string[];
  supported: boolean;
  score: number;
  margin: number;
  /** Set when a red-flag rule put this cause here. */
  rule?: FiredRule;
}

export interface Outcome {
  triage: Triage;
  fired: FiredRule[];
  ranked: RankedEntry[];
}

const ruleOnlyCache = new WeakMap<Knowledge, Set<string>>();
/**
 * Causes reached only through red-flag rules (kind red_flag: clots, tears, blocked arteries).
 * A condition a rule can also raise (a Baker's cyst that bursts) is still scored on its own.
 */
function ruleOnlyCauses(knowledge: Knowledge): Set<string> {
  let set = ruleOnlyCache.get(knowledge);
  if (!set) {
    set = new Set([...knowledge.causes.values()].filter((c) => c.kind === 'red_flag').map((c) => c.id));
    ruleOnlyCache.set(knowledge, set);
  }
  return set;
}

export function evaluate(knowledge: Knowledge, findings: Readonly<Record<string, Choice>>): Outcome {
  const fired = firedRedFlags(knowledge, findings);
  const ruleOnly = ruleOnlyCauses(knowledge);
  const all = rankCauses(knowledge, findings);
  const scored = all.filter((s) => !ruleOnly.has(s.cause.id));
  const ranked: RankedEntry[] = [];
  const seen = new Set<string>();
  const scoreOf = new Map<string, CauseScore>(all.map((s) => [s.cause.id, s]));
  for (const f of fired) {
    const id = f.rule.cause;
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const s = scoreOf.get(id)!;
    ranked.push({
      cause: s.cause,
      because: f.because,
      supported: true,
      score: s.score,
      margin: s.margin,
      rule: f,
    });
  }
  for (const s of scored) {
    if (seen.has(s.cause.id)) continue;
    seen.add(s.cause.id);
    ranked.push({
      cause: s.cause,
      because: s.because,
      supported: s.supported,
      score: s.score,
      margin: s.margin,
    });
  }
  let triage: Triage = 'self_care';
  for (const f of fired) if (triageRank(f.triage) > triageRank(triage)) triage = f.triage;
  for (const s of scored) {
    if (s.supported && triageRank(s.cause.triage) > triageRank(triage)) triage = s.cause.triage;
  }
  return { triage, fired, ranked };
}

/**
 * The headline of `evaluate()` alone: its triage level and the id of its leading cause
 * (`ranked[0]`), without ranking every cause and listing reasons. The next-question search asks
 * this for every hypothetical answer, so it must be cheap, and it must agree with evaluate().
 */
export function headline(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
): { triage: Triage; lead: string | null } {
  const fired = firedRedFlags(knowledge, findings);
  const ruleOnly = ruleOnlyCauses(knowledge);
  let triage: Triage = 'self_care';
  for (const f of fired) if (triageRank(f.triage) > triageRank(triage)) triage = f.triage;
  // rankCauses' order (supported first, then margin, then score; ties keep knowledge order):
  // the first cause no later one beats.
  let lead: string | null = null;
  let best = { supported: false, margin: 0, score: 0 };
  for (const cause of knowledge.causes.values()) {
    if (ruleOnly.has(cause.id)) continue;
    const score = scoreOnly(cause, findings);
    const margin = score - cause.scoring.threshold;
    const supported = margin >= 0;
    if (supported && triageRank(cause.triage) > triageRank(triage)) triage = cause.triage;
    const beats =
      lead === null ||
      (supported && !best.supported) ||
      (supported === best.supported &&
        (margin > best.margin || (margin === best.margin && score > best.score)));
    if (beats) {
      lead = cause.id;
      best = { supported, margin, score };
    }
  }
  const ruleLead = fired.find((f) => f.rule.cause !== undefined)?.rule.cause;
  return { triage, lead: ruleLead ?? (best.supported ? lead : null) };
}
