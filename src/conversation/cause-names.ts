/**
 * Where a follow-up names a cause ("magnesium", "vit d", "methylcobalamin"), as token positions,
 * so an amount can be told apart by the nutrient next to it.
 */
import type { Cause, Knowledge } from '../knowledge/schema.js';
import { fold, tokenize } from '../understanding/normalize.js';

export interface NameHit {
  cause: Cause;
  /** The name as matched, folded words joined by spaces ("vitamin d"). */
  name: string;
  /** First token and one past the last. */
  start: number;
  end: number;
}

/** Every name a cause goes by: its name, its id in words, aliases, supplement forms and limit names. */
export function namesOf(cause: Cause): string[] {
  return [
    cause.name,
    cause.id.replaceAll('_', ' '),
    ...cause.aliases,
    ...cause.forms.flatMap((f) => f.names),
    ...cause.upper_limit_amount.flatMap((l) => l.names),
  ];
}

interface Compiled {
  names: Array<[Cause, string[][]]>;
  /** Every name, its words joined. */
  known: Set<string>;
}
const compiled = new WeakMap<Knowledge, Compiled>();
function compiledNames(knowledge: Knowledge): Compiled {
  let c = compiled.get(knowledge);
  if (!c) {
    const names: Array<[Cause, string[][]]> = [...knowledge.causes.values()].map((cause) => [
      cause,
      namesOf(cause)
        .map((n) => tokenize(n).map(fold))
        .filter((w) => w.length > 0),
    ]);
    c = { names, known: new Set(names.flatMap(([, n]) => n.map((w) => w.join(' ')))) };
    compiled.set(knowledge, c);
  }
  return c;
}

/** The folded words of a name, for comparing with a hit's `name`. */
export const foldedName = (name: string): string => tokenize(name).map(fold).join(' ');

/**
 * Every place a cause is named in the (folded) tokens, causes in knowledge order. A one- or
 * two-letter name after "vitamin" is another vitamin ("vitamin k" is not potassium's "k") unless
 * "vitamin" and it are a name themselves.
 */
export function nameHits(folded: readonly string[], knowledge: Knowledge): NameHit[] {
  const { names: all, known } = compiledNames(knowledge);
  const hits: NameHit[] = [];
  for (const [cause, names] of all) {
    for (const words of names) {
      for (let i = 0; i + words.length <= folded.length; i++) {
        if (!words.every((w, j) => folded[i + j] === w)) continue;
        const name = words.join(' ');
        if (
          words.length === 1 &&
          name.length <= 2 &&
          folded[i - 1] === 'vitamin' &&
          !known.has(`vitamin ${name}`)
        )
          continue;
        hits.push({ cause, name, start: i, end: i + words.length });
      }
    }
  }
  return hits;
}

/** The cause a follow-up is about: the longest name it uses (first in knowledge order on a tie). */
export function causeNamed(folded: readonly string[], knowledge: Knowledge): Cause | undefined {
  let best: NameHit | undefined;
  for (const hit of nameHits(folded, knowledge)) if (hit.name.length > (best?.name.length ?? 0)) best = hit;
  return best?.cause;
}
