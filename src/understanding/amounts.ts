/**
 * Amounts a person says they take: "500mg", "500 mg", "1,5 g", "5,000 IU", "125 µg", "10 grams",
 * "2000 international units". Read from the raw text, because tokenize drops "µ", commas and
 * points. Nothing is guessed: a number whose value or unit is unclear comes back marked unclear.
 */

export type AmountUnit = 'mg' | 'g' | 'mcg' | 'iu';

export interface SaidAmount {
  /** As typed ("500mg"), to quote back. */
  typed: string;
  start: number;
  end: number;
  /** null when the number could mean two things ("1.500" is 1.5 or 1,500; "000"). */
  value: number | null;
  /** null when no unit is given, or only "units". */
  unit: AmountUnit | null;
  /** A number with no unit word after it at all ("I take 500 magnesium"). */
  bare: boolean;
}

const UNITS: Array<[RegExp, AmountUnit | null]> = [
  [/^(micrograms?|microgrammes?|mcgs?|[µμ]g|ug)$/, 'mcg'],
  [/^(milligrams?|milligrammes?|mgs?)$/, 'mg'],
  [/^(grams?|grammes?|gms?|g)$/, 'g'],
  [/^(international\s+units?|i\.u\.?|ius?)$/, 'iu'],
  [/^units?$/, null],
];

/**
 * A number: "5,000" and "12,500.5" (comma before three digits: thousands), "1,5" (decimal comma),
 * "2.5", "500". Not part of a word or a longer number ("b12", "d3", "v1.2").
 */
const NUMBER = String.raw`(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)`;
const UNIT =
  '(micrograms?|microgrammes?|mcgs?|[µμ]g|ug|milligrams?|milligrammes?|mgs?|grams?|grammes?|gms?|g|' +
  String.raw`international\s+units?|i\.u\.?|ius?|units?)`;
const AMOUNT = new RegExp(
  String.raw`${NUMBER}(?:\s*-?\s*${UNIT}(?![\p{L}\p{N}])(?!\s*\/\s*kg)|(?![\p{L}\p{N}]|[.,]\d))`,
  'giu',
);

function numberOf(number: string): number | null {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(number)) return Number(number.replaceAll(',', ''));
  // "000", "0500": not a way anyone writes an amount.
  if (/^0\d/.test(number)) return null;
  // "1.500" and "2.000": 1.5 in English, 1,500 in much of Europe. "0.125" is only a decimal.
  if (/^[1-9]\d*\.\d{3}$/.test(number)) return null;
  return Number(number.replace(',', '.'));
}

function unitOf(word: string | undefined): AmountUnit | null {
  if (word === undefined) return null;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  for (const [re, unit] of UNITS) if (re.test(w)) return unit;
  return null;
}

/** Every number in the text, with its unit when one follows it. */
export function amountsIn(text: string): SaidAmount[] {
  const out: SaidAmount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const start = m.index;
    out.push({
      typed: m[0].trim(),
      start,
      end: start + m[0].length,
      value: numberOf(m[1]!),
      unit: unitOf(m[2]),
      bare: m[2] === undefined,
    });
  }
  return out;
}

/** How often an amount is taken, from the words right around it. */
export interface Taken {
  /** How many at a time: "3 x 150mg", "two 500mg tablets", "2 of my mum's 400mg ones", "400mg x2". */
  each: number;
  /** How many times a day: "three times a day", "twice daily", "3x a day"; null when not said. */
  perDay: number | null;
  /** "every 2 hours", "hourly"; null when not said. */
  everyHours: number | null;
  /** The amount is said to be for a day ("a day", "daily", "every night", or a count a day). */
  daily: boolean;
}

const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  eight: 8,
  twelve: 12,
};
const small = (w: string): number => SMALL[w] ?? Number(w);
const COUNT = String.raw`(\d|two|three|four|five|six)`;
/** "3 x " or "3x" right before the amount. */
const EACH_TIMES_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}.,])${COUNT}\s*(?:x|×|\*)\s*$`, 'iu');
/**
 * "two 500mg", "2 of my 400mg", "2 of my mums 400mg": a count of tablets right before the amount,
 * not an age or a time ("she is 6", "at 3", "for 2").
 */
const EACH_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}\p{N}.,'’])(?<!\b(?:aged?|is|turned|im|i'm|i’m|hes|shes|at|for|about|around|every|than|by|on|under|over|to|and|or)\s)${COUNT}\s+(?:of\s+(?:my|the|his|her|their|our|your|these|those|\p{L}+['’]?s)\s+(?:\p{L}+['’]?s\s+)?)?$`,
  'iu',
);
const EACH_AFTER = /^\s*(?:\p{L}+\s+){0,2}?(?:x|×|\*)\s*(\d)\b/iu;
const PER_DAY = new RegExp(
  String.raw`\b(?:(once|twice|thrice)|${COUNT}\s*(?:times|x))\s*(?:a|per|each|every)?\s*(?:day|daily|24\s*h(?:ours?|rs?)?)\b`,
  'iu',
);
const EVERY_HOURS =
  /\bevery\s+(\d+(?:\.\d+)?|two|three|four|six|eight|twelve)\s*(?:hours?|hrs?|h)\b|\b(hourly|every hour)\b/iu;
const A_DAY = /\b(?:a|per|each|every)\s+(?:day|night|morning|evening)\b|\b(?:daily|nightly|a\s+night)\b/iu;

/**
 * How often `amount` is taken, read only between it and the next amount in the same sentence
 * (`until`), and from the count right before it: "200 mg magnesium three times a day" is 3 a day,
 * "3 x 150mg" is 3 at a time, "1000mg paracetamol every 2 hours" is every 2 hours.
 */
export function takenOf(text: string, amount: SaidAmount, until = text.length): Taken {
  const before = text.slice(Math.max(0, amount.start - 40), amount.start);
  const rest = text.slice(amount.end, Math.max(amount.end, until));
  const after = rest.slice(0, rest.search(/[.;!?]|$/));
  const beforeCount = EACH_TIMES_BEFORE.exec(before) ?? EACH_BEFORE.exec(before);
  const afterCount = EACH_AFTER.exec(after);
  const each = beforeCount ? small(beforeCount[1]!.toLowerCase()) : afterCount ? Number(afterCount[1]) : 1;
  const perDayMatch = PER_DAY.exec(after);
  const perDay = perDayMatch
    ? perDayMatch[1]
      ? { once: 1, twice: 2, thrice: 3 }[perDayMatch[1].toLowerCase() as 'once' | 'twice' | 'thrice']
      : small(perDayMatch[2]!.toLowerCase())
    : null;
  const every = EVERY_HOURS.exec(after);
  const everyHours = every ? (every[2] ? 1 : small(every[1]!.toLowerCase())) : null;
  return {
    each: Math.max(each, 1),
    perDay,
    everyHours: everyHours !== null && everyHours > 0 ? everyHours : null,
    daily: perDay !== null || everyHours !== null || A_DAY.test(after),
  };
}

/** How many times in 24 hours: a count a day, or every N hours round the clock (at most). */
export function dosesADay(taken: Taken): number {
  const times = taken.perDay ?? (taken.everyHours !== null ? Math.ceil(24 / taken.everyHours) : 1);
  return taken.each * times;
}

/** "once a week", "weekly", "every month": the amount is not for one day. */
export function saysLongerThanADay(text: string): boolean {
  return /\b((a|per|each|every|once a|twice a)\s+(week|month|fortnight)|weekly|monthly|fortnightly)\b/i.test(
    text,
  );
}

/** Words that name a mineral as a compound: "magnesium citrate", "ferrous sulfate", "calcium carbonate". */
export const COMPOUND_WORDS: readonly string[] = [
  'citrate',
  'oxide',
  'glycinate',
  'bisglycinate',
  'chloride',
  'lactate',
  'aspartate',
  'malate',
  'taurate',
  'threonate',
  'sulfate',
  'sulphate',
  'carbonate',
  'gluconate',
  'fumarate',
  'orotate',
  'picolinate',
  'chelate',
  'ferrous',
  'ferric',
];
const COMPOUND = new RegExp(`\\b(${COMPOUND_WORDS.join('|')})s?\\b`, 'i');

/**
 * A mineral named as a compound, whose weight may be more than the mineral in it (the limit
 * counts the mineral itself).
 */
export function namesACompound(text: string): boolean {
  return COMPOUND.test(text);
}
