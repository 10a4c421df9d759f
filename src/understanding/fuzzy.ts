/**
 * Misspelt words → the lexicon's own words: "simvastain" → "simvastatin", "sweling" →
 * "swelling", "palpatations" → "palpitations". A token is changed only when all hold:
 * - it has 5 or more letters, no digit, and is not already a lexicon word, a plural of one or a
 *   negation ("neither", "havent": never corrected away);
 * - exactly one lexicon word (or prefix) is nearest, within 1 edit for 5–7 letters or 2 edits
 *   for 8 or more (Levenshtein from fastest-levenshtein; a swap of two neighbours counts as 1);
 *   a whole word beats a `word*` completion, and a word a `word*` already matches gets no other;
 * - it is not an English word (Hunspell's en dictionary via nspell, contractions without their
 *   apostrophe included): "smelling" stays "smelling", never "swelling".
 * Measured against compromise, wink-nlp, natural and nspell's own suggestions: README,
 * "Understanding: libraries measured".
 */
import dictionary from 'dictionary-en';
import { distance } from 'fastest-levenshtein';
import nspell from 'nspell';
import type { Knowledge } from '../knowledge/schema.js';
import { lexiconOf } from './lexicon.js';
import { NEGATION_WORDS } from './negation.js';
import { fold } from './normalize.js';

const MIN_LETTERS = 5;

/**
 * Shop and brand names people type that are near a lexicon word but are not typos of it:
 * "holland and barret" is a health-food shop, not a barre class.
 */
const NAMES_NOT_TYPOS = new Set(['barret', 'barrett', 'barretts', 'walgreens', 'superdrug', 'priceline']);
const MIN_PREFIX = 5;

interface Vocabulary {
  words: Set<string>;
  /** Words by length, so a token is compared only with words it could be near. */
  byLength: Map<number, string[]>;
  prefixes: string[];
  /** Tokens already decided (corrected or left alone), per knowledge. */
  decided: Map<string, string>;
}

const limitFor = (letters: number) => (letters >= 8 ? 2 : 1);

/** Levenshtein, except that one swap of two neighbouring letters ("nigth") counts as one edit. */
function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  let i = 0;
  while (a[i] === b[i]) i++;
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped ? 1 : d;
}

const vocabularies = new WeakMap<Knowledge, Vocabulary>();

function vocabularyOf(knowledge: Knowledge): Vocabulary {
  let v = vocabularies.get(knowledge);
  if (!v) {
    const words = new Set<string>();
    const prefixes = new Set<string>();
    for (const entry of lexiconOf(knowledge)) {
      for (const phrase of [...entry.phrases, ...entry.unless, ...entry.denials, ...entry.context]) {
        for (const part of phrase.parts) {
          if (part.kind === 'word' || part.kind === 'exact') words.add(part.word);
          else if (part.kind === 'prefix') prefixes.add(part.prefix);
        }
      }
    }
    const byLength = new Map<number, string[]>();
    for (const w of words) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
    v = { words, byLength, prefixes: [...prefixes], decided: new Map() };
    vocabularies.set(knowledge, v);
  }
  return v;
}

let speller: ReturnType<typeof nspell> | undefined;
const englishSpeller = () =>
  (speller ??= nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) }));

/**
 * Build the lexicon vocabulary and the English speller now (about 0.3 s, once per process), so
 * the first person to type a typo does not wait for them. Answers are the same either way.
 */
export function warmSpelling(knowledge: Knowledge): void {
  vocabularyOf(knowledge);
  englishSpeller();
}

/** Built on the first word that has a near lexicon word, unless warmSpelling() ran first. */
function isEnglish(word: string): boolean {
  const speller = englishSpeller();
  const forms = [word, word[0]!.toUpperCase() + word.slice(1)];
  // "wasnt", "theyre", "youve": the dictionary spells contractions with their apostrophe.
  for (const cut of [1, 2, 3]) forms.push(`${word.slice(0, -cut)}'${word.slice(-cut)}`);
  return forms.some((f) => speller.correct(f));
}

/** The one nearest lexicon word (else prefix-completed word), or null when none or a tie. */
function nearest(token: string, v: Vocabulary): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  const consider = (candidate: string, d: number) => {
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance && candidate !== best) tie = true;
  };
  const limit = limitFor(token.length);
  for (let len = token.length - limit; len <= token.length + limit; len++) {
    for (const w of v.byLength.get(len) ?? []) {
      const d = editDistance(token, w);
      if (d <= limit) consider(w, d);
    }
  }
  // A whole lexicon word beats a prefix completion ("swollan" is "swollen", not "swell…").
  if (best !== null) return tie ? null : best;
  // A word some `word*` already matches ("vomitting", "swelly") is not turned into another.
  if (v.prefixes.some((p) => token.startsWith(p))) return null;
  for (const p of v.prefixes) {
    if (p.length < MIN_PREFIX) continue;
    const prefixLimit = limitFor(p.length);
    for (let k = p.length - prefixLimit; k <= p.length + prefixLimit && k <= token.length; k++) {
      const d = editDistance(token.slice(0, k), p);
      if (d <= prefixLimit && d > 0) consider(p + token.slice(k), d);
    }
  }
  return tie ? null : best;
}

function known(token: string, v: Vocabulary): boolean {
  return (
    v.words.has(token) || v.words.has(fold(token)) || NEGATION_WORDS.has(token) || NAMES_NOT_TYPOS.has(token)
  );
}

/** The token, or the lexicon word it is a misspelling of. */
export function correctWord(token: string, knowledge: Knowledge): string {
  if (token.length < MIN_LETTERS || /[^a-z]/.test(token)) return token;
  const v = vocabularyOf(knowledge);
  const cached = v.decided.get(token);
  if (cached !== undefined) return cached;
  let out = token;
  if (!known(token, v)) {
    const candidate = nearest(token, v);
    if (candidate !== null && !isEnglish(token)) out = candidate;
  }
  if (v.decided.size < 10_000) v.decided.set(token, out);
  return out;
}

/** The lexicon's words and `word*` prefixes (what a misspelling is corrected to). */
export function lexiconVocabulary(knowledge: Knowledge): { words: string[]; prefixes: string[] } {
  const v = vocabularyOf(knowledge);
  return { words: [...v.words], prefixes: [...v.prefixes] };
}

/** The corrector in use; bench/understanding-libraries.ts swaps in other libraries to measure them. */
export const spelling: { correct: (token: string, knowledge: Knowledge) => string } = {
  correct: correctWord,
};

/** A clause's tokens with misspellings of lexicon words corrected. */
export function correctTokens(tokens: string[], knowledge: Knowledge): string[] {
  return tokens.map((t) => spelling.correct(t, knowledge));
}
