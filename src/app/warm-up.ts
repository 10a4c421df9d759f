/**
 * One-off work a process would otherwise do inside some person's turn, done before it instead.
 * The typo corrector (src/understanding/fuzzy.ts) builds its lexicon vocabulary on the first
 * turn and Hunspell's English dictionary (nspell + dictionary-en, about 0.3 s) on the first word
 * that is near a lexicon word: whoever types the first typo would wait for it.
 *
 * fuzzy.ts builds its speller only on the way to correcting a near miss, so this hands it one:
 * a lexicon word with a letter added, chosen so that exactly one lexicon word is near it. What it
 * leaves behind is that one token's decision in the corrector's cache, the same decision any turn
 * would get; every answer stays as it was.
 */
import { distance } from 'fastest-levenshtein';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import { correctWord, lexiconVocabulary } from '../understanding/fuzzy.js';

/** A made-up word one edit from exactly one lexicon word and more than two from every other. */
export function nearMiss(words: readonly string[]): string | null {
  const candidates = words.filter((w) => /^[a-z]{7,}$/.test(w)).sort((a, b) => b.length - a.length);
  for (const word of candidates) {
    const token = `${word}q`;
    if (words.includes(token)) continue;
    if (words.every((other) => other === word || distance(token, other) > 2)) return token;
  }
  return null;
}

/**
 * Build the typo corrector's vocabulary and speller for this knowledge now. Returns the ms
 * taken, or null when the lexicon offers no near miss (then the first typo builds them).
 */
export function warmUpSpelling(knowledge: Knowledge): number | null {
  const started = performance.now();
  const token = nearMiss(lexiconVocabulary(knowledge).words);
  if (token === null) return null;
  correctWord(token, knowledge);
  return performance.now() - started;
}

/** Warm up, and say how long it took (debug), or that it could not (warn: the lexicon changed). */
export function warmUp(knowledge: Knowledge, logger: Logger): void {
  const ms = warmUpSpelling(knowledge);
  if (ms === null) logger.warn({ event: 'warm_up_skipped' }, 'no word to warm the spelling dictionary with');
  else logger.debug({ event: 'warmed_up', ms: Math.round(ms) }, 'spelling dictionary ready');
}
