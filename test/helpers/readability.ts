/**
 * Flesch–Kincaid grade of the sentences a user reads, counted the way the plain-language judge
 * (../shared/eval/readability.mjs) counts them: lines and "; " list items split first, then
 * sentences after . ! ? or :, URLs and markup left out, only sentences of 8 words or more scored,
 * syllables from the `syllable` package and 2 for a number.
 */
import { syllable } from 'syllable';

const WORD = /[A-Za-z][A-Za-z'’-]*|\d+/g;

export const MIN_WORDS = 8;

export function wordsOf(sentence: string): string[] {
  return sentence.match(WORD) ?? [];
}

/** The sentences of a text that are long enough to score. */
export function sentencesOf(text: string): string[] {
  const plain = text.replace(/https?:\/\/\S+/g, ' ').replace(/[*_`>#•]|\[\d+\]/g, ' ');
  const out: string[] = [];
  for (const line of plain.split(/\n+|;\s+/)) {
    for (const s of line.split(/(?<=[.!?:])\s+/)) {
      if (wordsOf(s).length >= MIN_WORDS) out.push(s.trim());
    }
  }
  return out;
}

export function fkGrade(sentence: string): number {
  const words = wordsOf(sentence);
  if (words.length === 0) return 0;
  const syllables = words.reduce((a, w) => a + (/^\d+$/.test(w) ? 2 : Math.max(1, syllable(w))), 0);
  return 0.39 * words.length + 11.8 * (syllables / words.length) - 15.59;
}
