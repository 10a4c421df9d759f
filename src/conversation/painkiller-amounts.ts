/**
 * "can i take 1000mg paracetamol every 2 hours?": a painkiller amount said back against the NHS
 * adult maximum the knowledge quotes (follow-ups.yaml `dose_limits`), said plainly when it is
 * more (exploratory 5, S7). Never a dose, and never for a child (their amount goes by age).
 */
import type { DoseLimit, Knowledge } from '../knowledge/schema.js';
import { type Taken, takenOf } from '../understanding/amounts.js';
import { fold, tokenize } from '../understanding/normalize.js';
import type { ReadAmounts } from './upper-limit.js';

export interface PainkillerDose {
  limit: DoseLimit;
  /** One dose, in mg. */
  mg: number;
  /** As said, in the person's unit ("1,000 mg", "1 g"). */
  said: string;
  taken: Taken;
}

const compiled = new WeakMap<Knowledge, Array<[DoseLimit, Set<string>]>>();
function limitsOf(knowledge: Knowledge): Array<[DoseLimit, Set<string>]> {
  let limits = compiled.get(knowledge);
  if (!limits) {
    limits = knowledge.followUps.flatMap((t) =>
      t.dose_limits.map((l): [DoseLimit, Set<string>] => [
        l,
        new Set(l.names.map((n) => tokenize(n).map(fold).join(' '))),
      ]),
    );
    compiled.set(knowledge, limits);
  }
  return limits;
}

/** Where each painkiller with a maximum is named, by token. */
function namedAt(read: ReadAmounts, knowledge: Knowledge): Array<{ limit: DoseLimit; at: number }> {
  const out: Array<{ limit: DoseLimit; at: number }> = [];
  for (const [limit, names] of limitsOf(knowledge)) {
    read.folded.forEach((w, at) => {
      if (names.has(w)) out.push({ limit, at });
    });
  }
  return out;
}

/** The painkiller a message names, when it names exactly one: for a later "what about 1000mg?". */
export function painkillerNamed(read: ReadAmounts, knowledge: Knowledge): string | undefined {
  const named = [...new Set(namedAt(read, knowledge).map((n) => n.limit.medicine))];
  return named.length === 1 ? named[0] : undefined;
}

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });

/**
 * The painkiller amounts in a message: each amount in mg or g with the painkiller named nearest it
 * (beside a supplement, only one right next to it), or, with none named, the one spoken of before.
 */
export function painkillerDoses(
  read: ReadAmounts,
  knowledge: Knowledge,
  { spoken, nutrientNamed }: { spoken?: string; nutrientNamed: boolean },
): PainkillerDose[] {
  const names = namedAt(read, knowledge);
  const earlier = spoken ? limitsOf(knowledge).find(([l]) => l.medicine === spoken)?.[0] : undefined;
  const out: PainkillerDose[] = [];
  read.amounts.forEach((a, i) => {
    if (a.bare || a.value === null || (a.unit !== 'mg' && a.unit !== 'g')) return;
    const at = read.at[i]!;
    let limit: DoseLimit | undefined;
    if (names.length > 0) {
      const nearest = names.reduce((best, n) => (Math.abs(n.at - at) < Math.abs(best.at - at) ? n : best));
      if (!nutrientNamed || Math.abs(nearest.at - at) <= 2) limit = nearest.limit;
    } else if (!nutrientNamed) limit = earlier;
    if (!limit) return;
    const next = read.amounts.find((b, j) => j > i && !b.bare)?.start ?? read.text.length;
    out.push({
      limit,
      mg: a.unit === 'g' ? a.value * 1000 : a.value,
      said: `${number(a.value)} ${a.unit}`,
      taken: takenOf(read.text, a, next),
    });
  });
  return out;
}

/** How many doses in 24 hours, when it was said (every N hours: at most round the clock). */
const timesADay = (t: Taken): number | null =>
  t.perDay ?? (t.everyHours !== null ? Math.ceil(24 / t.everyHours) : null);

/** More than the most at once, in 24 hours, or closer together than allowed. */
export function isOver(d: PainkillerDose): boolean {
  const { limit, taken } = d;
  const once = d.mg * taken.each;
  const times = timesADay(taken);
  return (
    once > limit.most_at_once_mg ||
    (times !== null && once * times > limit.most_a_day_mg) ||
    (taken.everyHours !== null && taken.everyHours < limit.hours_apart) ||
    (taken.perDay !== null && 24 / taken.perDay < limit.hours_apart)
  );
}

/** "You said 1,000 mg, every 2 hours." and what it comes to in 24 hours. */
export function saidBack(d: PainkillerDose): string[] {
  const { taken } = d;
  const times = timesADay(taken);
  const how = [
    taken.each > 1 ? `, ${taken.each} at a time` : null,
    taken.everyHours !== null
      ? ` every ${number(taken.everyHours)} hour${taken.everyHours === 1 ? '' : 's'}`
      : taken.perDay !== null
        ? `, ${taken.perDay} time${taken.perDay === 1 ? '' : 's'} a day`
        : null,
  ].filter((x): x is string => x !== null);
  const lines = [`You said ${d.said}${how.join('')}.`];
  const once = d.mg * taken.each;
  if (taken.everyHours !== null) lines.push(`That could be up to ${number(once * times!)} mg in 24 hours.`);
  else if (times !== null && once * times !== d.mg)
    lines.push(`That is ${number(once * times)} mg in 24 hours.`);
  else if (taken.each > 1) lines.push(`That is ${number(once)} mg at a time.`);
  return lines;
}

/**
 * "I took 1000mg paracetamol every 2 hours today": more than the maximum already taken. The
 * findings it means (paracetamol: poisoning, 999 now), for the machine to take as said.
 */
const ALREADY_TAKEN =
  /\b(?:i|he|she|they|we)\s*(?:'?ve|'?s|have|has)?\s*(?:already\s+|just\s+)?(?:taken|took|had|swallowed)\b|\b(?:i|he|she|they|we)\s*(?:'?ve|'?s|have|has)\s+been\s+(?:taking|having)\b|\balready\s+(?:taken|took)\b/i;
export function overdoseFindings(read: ReadAmounts, knowledge: Knowledge): string[] {
  if (!ALREADY_TAKEN.test(read.text.replace(/[’‘`´]/g, "'"))) return [];
  const doses = painkillerDoses(read, knowledge, { nutrientNamed: false });
  return [
    ...new Set(
      doses
        .filter(isOver)
        .map((d) => d.limit.overdose_finding)
        .filter((f): f is string => f !== undefined),
    ),
  ];
}
