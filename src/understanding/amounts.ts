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
