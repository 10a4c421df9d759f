/**
 * "can i take 1000mg paracetamol every 2 hours?": a painkiller amount said back against the NHS
 * adult maximum the knowledge quotes (follow-ups.yaml `dose_limits`), said plainly when it is
 * more (exploratory 5, S7). Never a dose, and never for a child (their amount goes by age).
 */
import type { DoseLimit, Knowledge } from '../knowledge/schema.js';
import { type Taken, takenOf } from '../understanding/amounts.js';
import { fold, tokenize } from '../understanding/normalize.js';
import { type ReadAmounts, SEP_TOKEN } from './upper-limit.js';

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
  const found = new Set(tabletsOverADay(read, knowledge).map((l) => l.overdose_finding));
  if (ALREADY_TAKEN.test(read.text.replace(/[’‘`´]/g, "'")))
    for (const d of painkillerDoses(read, knowledge, { nutrientNamed: false }))
      if (isOver(d)) found.add(d.limit.overdose_finding);
  return [...found].filter((f): f is string => f !== undefined);
}

// ── tablets counted ────────────────────────────────────────────────────────

/** Counts people type as words ("twelve paracetamol", "a dozen nurofen"). */
const COUNT_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  dozen: 12,
};
/** A count followed by one of these is a time or an age, not tablets ("12 hours", "3 days"). */
const NOT_TABLETS =
  /^(?:hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|years?|yrs?|y|mins?|minutes?|times?|am|pm|old|yo|kg|kgs|stone|st|lbs?|miles?|km|k|oclock)$/;
/** How far after a count its painkiller may be named ("12 of my nan's co-codamol"). */
const COUNT_REACH_TOKENS = 6;
/** Taken, not asked about: a verb of taking before the count, in the same sentence. */
const TOOK =
  /\b(?:took|taken|tooken|had|necked|popped|downed|swallowed|been taking|been having|gone through|got through|used|i take|im taking|i'm taking|i am taking)\b/i;
/** "if I took 12...": asked, not done. */
const ASKED = /\b(?:if|can|could|should|would|may|might|safe to|ok to|okay to|how many)\s+(?:\S+\s+){0,2}$/i;

/** Over how many days the tablets were taken, as said ("since yesterday", "over 3 days"). */
function daysSaid(text: string): number {
  const t = text.toLowerCase();
  if (/\bmonths?\b/.test(t)) return 30;
  if (/\bfortnight\b/.test(t)) return 14;
  if (/\bweeks?\b|\bwk\b/.test(t)) return 7;
  const n = /\b(\d+|two|three|four|five|six|seven)\s+days?\b/.exec(t);
  if (n) return Number(n[1]) || COUNT_WORDS[n[1]!] || 1;
  // From yesterday to now is at most a day and a half of waking hours.
  if (/\byesterday\b|\blast night\b/.test(t)) return 1.5;
  return 1;
}

/** "at 10", "since 8": a time, not a count. */
const TIME_BEFORE = new Set(['at', 'by', 'since', 'until', 'till', 'til', 'from', 'before', 'after', 'past']);
/** After a count whose painkiller was named before it: "co-codamol, 2 every 3 hours", "about 14 so far". */
const COUNT_FOLLOWER =
  /^(?:so|altogether|total|tablet|pill|caplet|capsule|every|each|a|per|x|more|today|now|of)$/;
/** How far before a count its painkiller may be named ("co-codamol 30/500 ... so about 14 so far"). */
const NAME_BEFORE_TOKENS = 12;

interface NameFound {
  named: TabletName;
  at: number;
}

/** The painkiller named just after the count at `i` ("12 of my nan's co-codamol"). */
function nameAfter(folded: string[], i: number, names: Map<string, TabletName>): NameFound | null {
  for (let j = i + 1; j <= i + COUNT_REACH_TOKENS && j < folded.length; j++) {
    const w = folded[j]!;
    if (w === SEP_TOKEN || NOT_TABLETS.test(w)) return null;
    const named = names.get(w) ?? names.get(`${w} ${folded[j + 1] ?? ''}`);
    if (named) return { named, at: j };
  }
  return null;
}

/** The painkiller named before a count said as tablets ("co-codamol, 2 every 3 hours ... 14 so far"). */
function nameBefore(folded: string[], i: number, names: Map<string, TabletName>): NameFound | null {
  const next = folded[i + 1];
  if (next === undefined || !COUNT_FOLLOWER.test(next)) return null;
  for (let j = i - 1; j >= 0 && j >= i - NAME_BEFORE_TOKENS; j--) {
    const named = names.get(folded[j]!);
    if (named) return { named, at: j };
  }
  return null;
}

/** The text from `from` to the end of its sentence. */
function sentenceAfter(text: string, from: number): string {
  const rest = text.slice(from);
  const end = rest.search(/[.!?](?:\s|$)/);
  return end < 0 ? rest : rest.slice(0, end);
}

interface TabletName {
  limits: DoseLimit[];
  mg: Map<DoseLimit, number>;
}
const tabletNamesCompiled = new WeakMap<Knowledge, Map<string, TabletName>>();
function tabletNames(knowledge: Knowledge): Map<string, TabletName> {
  let names = tabletNamesCompiled.get(knowledge);
  if (!names) {
    names = new Map();
    for (const [limit] of limitsOf(knowledge))
      for (const t of limit.tablets)
        for (const n of t.names) {
          const word = tokenize(n).map(fold).join(' ');
          const entry: TabletName = names.get(word) ?? { limits: [], mg: new Map() };
          if (!entry.mg.has(limit)) entry.limits.push(limit);
          entry.mg.set(limit, t.mg);
          names.set(word, entry);
        }
    tabletNamesCompiled.set(knowledge, names);
  }
  return names;
}

/**
 * "so i took like 12 of my nan's co-codamol", "I have taken around 10-11 Dolo 650 since yesterday",
 * "ive had about twenty nurofen today": tablets already taken, counted, against the most in 24
 * hours (NHS: more than 8 paracetamol tablets in 24 hours is A&E, even if you feel well). The
 * limits whose most a day the tablets went over.
 */
export function tabletsOverADay(read: ReadAmounts, knowledge: Knowledge): DoseLimit[] {
  const names = tabletNames(knowledge);
  if (names.size === 0 || !TOOK.test(read.text)) return [];
  const amountAt = new Map(read.at.map((at, i) => [at, read.amounts[i]!]));
  const perDay = new Map<DoseLimit, number>();
  const { folded } = read;
  for (let i = 0; i < folded.length; i++) {
    const amount = amountAt.get(i);
    const count = amount
      ? amount.bare && Number.isInteger(amount.value)
        ? amount.value
        : null
      : COUNT_WORDS[folded[i]!];
    if (!count || count < 2 || count > 200) continue;
    const before = amount ? read.text.slice(0, amount.start) : null;
    if (before !== null && (!TOOK.test(before) || ASKED.test(before))) continue;
    // "30/500" is a strength; "at 10", "since 8" are times.
    if (amount && (read.text[amount.end] === '/' || read.text[amount.start - 1] === '/')) continue;
    if (TIME_BEFORE.has(folded[i - 1] ?? '')) continue;
    const found = nameAfter(folded, i, names) ?? nameBefore(folded, i, names);
    if (!found) continue;
    const { named, at } = found;
    for (const limit of named.limits) {
      // "12 500mg paracetamol": the strength said wins over the usual tablet's.
      const strength = at > i ? read.amounts[read.at.indexOf(i + 1)] : undefined;
      const mg =
        strength && !strength.bare && strength.value !== null && strength.unit === 'mg'
          ? strength.value
          : named.mg.get(limit)!;
      // "4 paracetamol every 4 hours": a count taken each time, so already a day's worth.
      const taken = amount ? takenOf(read.text, amount) : null;
      const times = taken ? timesADay(taken) : null;
      // "since yesterday", "over 3 days", read after the count in its sentence: "pain since 3
      // days. I took 10 Dolo since yesterday" is 10 tablets in a day and a half.
      const days = times !== null ? 1 : daysSaid(amount ? sentenceAfter(read.text, amount.end) : read.text);
      perDay.set(limit, (perDay.get(limit) ?? 0) + (count * mg * (times ?? 1)) / days);
    }
    // "10-11 Dolo": the range's second number is the same tablets.
    if (at > i) i = at;
  }
  return [...perDay].filter(([limit, mg]) => mg > limit.most_a_day_mg).map(([limit]) => limit);
}
