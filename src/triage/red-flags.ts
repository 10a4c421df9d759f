/**
 * Red-flag rules, checked before anything else on every path. A rule fires when all its `all`
 * findings (and one of `any`, if given) are present. A rule that would fire only through
 * "not sure" answers leans to caution one level lower (emergency → urgent), never below see a doctor.
 */

import type { Knowledge, RedFlagRule } from '../knowledge/schema.js';
import { type Choice, type Triage, triageRank } from '../vocabulary.js';

export interface FiredRule {
  rule: RedFlagRule;
  triage: Triage;
  /** True when the rule rests on at least one "not sure" answer. */
  uncertain: boolean;
  because: string[];
}

/** An emergency resting on "not sure" is urgent; an urgent sign stays urgent (lean to caution). */
export const LOWER: Record<Triage, Triage> = {
  emergency: 'urgent',
  urgent: 'urgent',
  see_doctor: 'see_doctor',
  self_care: 'self_care',
};

export function firedRedFlags(knowledge: Knowledge, findings: Readonly<Record<string, Choice>>): FiredRule[] {
  const fired: FiredRule[] = [];
  const present = (f: string) => findings[f] === 'yes' || findings[f] === 'unsure';
  for (const rule of knowledge.redFlags) {
    if (!rule.all.every(present)) continue;
    if (rule.unless.some((f) => findings[f] === 'yes')) continue;
    const anyHit = rule.any.filter(present);
    if (rule.any.length > 0 && anyHit.length === 0) continue;
    const because = [...rule.all, ...anyHit];
    const uncertain =
      rule.all.some((f) => findings[f] === 'unsure') ||
      (rule.any.length > 0 && anyHit.every((f) => findings[f] === 'unsure'));
    fired.push({ rule, triage: uncertain ? LOWER[rule.triage] : rule.triage, uncertain, because });
  }
  return fired.sort((a, b) => triageRank(b.triage) - triageRank(a.triage));
}
