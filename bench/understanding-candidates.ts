/** The candidates bench/understanding-libraries.ts measures behind calfbot's spelling slot. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dictionary from 'dictionary-en';
import { distance } from 'fastest-levenshtein';
import nspell from 'nspell';
import type { Knowledge } from '../src/knowledge/schema.js';
import { correctWord } from '../src/understanding/fuzzy.js';
import { ROOT } from './paths.js';

export type Corrector = (token: string, knowledge: Knowledge) => string;
export interface Candidate {
  name: string;
  packages: string[];
  make: () => Promise<Corrector>;
}

/** A library calfbot does not depend on, or null when it is not installed. */
export const optional = async (name: string): Promise<any | null> => {
  try {
    return (await import(name)).default;
  } catch {
    return null;
  }
};

export function spellingCandidates(words: string[], prefixes: string[]): Candidate[] {
  const vocabulary = [...words, ...prefixes.filter((p) => p.length >= 5)];
  /** Words the hand-written code leaves alone: too short, has a digit, or already known. */
  const plainToken = (t: string) => t.length < 5 || /[^a-z]/.test(t) || words.includes(t);
  const nearestIn = (t: string, list: string[], max: number) => {
    let best: string | null = null;
    let bestD = max + 1;
    for (const w of list) {
      const d = distance(t, w);
      if (d < bestD) [best, bestD] = [w, d];
    }
    return best;
  };
  return [
    { name: 'hand-written TYPOS table only (before)', packages: [], make: async () => (t) => t },
    {
      name: 'fastest-levenshtein + nspell/dictionary-en gate (kept)',
      packages: ['fastest-levenshtein', 'nspell', 'dictionary-en'],
      make: async () => correctWord,
    },
    {
      name: 'fastest-levenshtein, no English gate',
      packages: ['fastest-levenshtein'],
      make: async () => (t) => (plainToken(t) ? t : (nearestIn(t, vocabulary, t.length >= 8 ? 2 : 1) ?? t)),
    },
    {
      name: 'nspell suggest (dictionary-en + lexicon words added)',
      packages: ['nspell', 'dictionary-en'],
      make: async () => {
        const sp = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
        for (const w of vocabulary) sp.add(w);
        return (t) => {
          if (plainToken(t) || sp.correct(t)) return t;
          const s = sp.suggest(t).find((x) => vocabulary.includes(x.toLowerCase()));
          return s ? s.toLowerCase() : t;
        };
      },
    },
    {
      // Distance 2 takes about 1 s per unknown 8-letter word (it lists every edit of every edit).
      name: 'natural Spellcheck over lexicon words (edit distance 1)',
      packages: ['natural'],
      make: async () => {
        const natural = await optional('natural');
        if (!natural) throw new Error('natural not installed');
        const checker = new natural.Spellcheck(vocabulary);
        return (t) => (plainToken(t) ? t : ((checker.getCorrections(t, 1) as string[])[0] ?? t));
      },
    },
    {
      name: 'natural Jaro-Winkler >= 0.92 to a lexicon word',
      packages: ['natural'],
      make: async () => {
        const natural = await optional('natural');
        if (!natural) throw new Error('natural not installed');
        return (t) => {
          if (plainToken(t)) return t;
          let best = t;
          let score = 0.92;
          for (const w of vocabulary) {
            const s = natural.JaroWinklerDistance(t, w) as number;
            if (s > score) [best, score] = [w, s];
          }
          return best;
        };
      },
    },
  ];
}

/** Installed size of packages and everything they depend on. */
export function packageSize(names: string[]): string {
  if (names.length === 0) return '0';
  const seen = new Set<string>();
  const walk = (n: string) => {
    if (seen.has(n)) return;
    const dir = path.join(ROOT, 'node_modules', n);
    if (!existsSync(dir)) return;
    seen.add(n);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: object };
    for (const d of Object.keys(pkg.dependencies ?? {})) walk(d);
  };
  for (const n of names) walk(n);
  const dirs = [...seen].map((n) => path.join(ROOT, 'node_modules', n));
  const kb = dirs.length
    ? execFileSync('du', ['-skc', ...dirs], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop()
    : '0';
  return `${(Number.parseInt(kb ?? '0', 10) / 1024).toFixed(1)} MB, ${seen.size} pkg`;
}
