/**
 * Transparent scoring: each cause starts at its prior, adds the weight of every finding that is
 * present (half when unsure) and the `absent` weight of every finding known to be absent. A cause
 * is supported at its threshold; causes rank by how far above (or below) it they are.
 */

import type { Cause, Knowledge } from '../knowledge/schema.js';
import type { Choice } from '../vocabulary.js';

export interface CauseScore {
  cause: Cause;
  score: number;
  /** score − threshold: >= 0 means supported. */
  margin: number;
  supported: boolean;
  /** Present (or unsure) findings that raised the score, strongest first. */
  because: string[];
}

type Weights = Array<[string, number]>;
const weightsCache = new WeakMap<Cause, { weights: Weights; absent: Weights }>();
/** A cause's weights as lists, made once per cause (the next-question search scores causes often). */
function weightsOf(cause: Cause): { weights: Weights; absent: Weights } {
  let w = weightsCache.get(cause);
  if (!w) {
    w = { weights: Object.entries(cause.scoring.weights), absent: Object.entries(cause.scoring.absent) };
    weightsCache.set(cause, w);
  }
  return w;
}

/** A score that can never reach a threshold: the cause lacks what it `requires`. */
const EXCLUDED = -1000;

/** The cause's score alone (prior, plus present and absent weights), without its reasons. */
export function scoreOnly(cause: Cause, findings: Readonly<Record<string, Choice>>): number {
  return scoreIf(cause, findings, '', undefined);
}

/**
 * scoreOnly(cause, { ...findings, [finding]: answer }) without the copy: the next-question search
 * asks it of every cause a hypothetical answer moves. (`finding` '' overrides nothing.)
 */
export function scoreIf(
  cause: Cause,
  findings: Readonly<Record<string, Choice>>,
  finding: string,
  answer: Choice | undefined,
): number {
  const { weights, absent } = weightsOf(cause);
  const requires = cause.scoring.requires;
  if (requires.length > 0) {
    let any = false;
    for (const f of requires) {
      const a = f === finding ? answer : findings[f];
      if (a === 'yes' || a === 'unsure') any = true;
    }
    if (!any) return EXCLUDED;
  }
  let score = cause.scoring.prior;
  for (const [f, weight] of weights) {
    const a = f === finding ? answer : findings[f];
    if (a === 'yes') score += weight;
    else if (a === 'unsure') score += weight / 2;
  }
  for (const [f, weight] of absent) {
    if ((f === finding ? answer : findings[f]) === 'no') score += weight;
  }
  return score;
}

export function scoreCause(cause: Cause, findings: Readonly<Record<string, Choice>>): CauseScore {
  const score = scoreOnly(cause, findings);
  const because: Array<[string, number]> = [];
  for (const [finding, weight] of weightsOf(cause).weights) {
    const answer = findings[finding];
    if ((answer === 'yes' || answer === 'unsure') && weight > 0) because.push([finding, weight]);
  }
  const margin = score - cause.scoring.threshold;
  return {
    cause,
    score,
    margin,
    supported: margin >= 0,
    because: because.sort((a, b) => b[1] - a[1]).map(([f]) => f),
  };
}

/** Every cause, best first: supported before unsupported, then by margin, then by score. */
export function rankCauses(knowledge: Knowledge, findings: Readonly<Record<string, Choice>>): CauseScore[] {
  return [...knowledge.causes.values()]
    .map((c) => scoreCause(c, findings))
    .sort((a, b) => Number(b.supported) - Number(a.supported) || b.margin - a.margin || b.score - a.score);
}
