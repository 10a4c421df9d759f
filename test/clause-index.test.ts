/**
 * extractFindings tries on a clause only the phrasings and denials the clause index
 * (src/understanding/lexicon.ts) files under the clause's own words and stems. That reads the
 * same as trying every phrase of every entry only if each phrase that occurs in a clause is among
 * those looked up, and only once (a phrase found twice would count twice for a list finding).
 * Checked for every phrase of the lexicon, on every clause of the test vignettes and on random
 * clauses made of the lexicon's own words; and the allocation-free matcher (pushStarts,
 * hasPhrase) against findPhrase on the same clauses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANSWER_DENIAL,
  clauseIndexOf,
  DENIAL,
  type IndexedPhrase,
  lexiconOf,
  PHRASE,
  STEM,
} from '../src/understanding/lexicon.js';
import { clauses, fold } from '../src/understanding/normalize.js';
import { findPhrase, hasPhrase, pushStarts } from '../src/understanding/phrase.js';
import { knowledge } from './helpers/bot.js';

const K = knowledge();
const index = clauseIndexOf(K);
const entries = lexiconOf(K);
const filed = [...index.byWord.values(), ...index.byStem.values(), index.always].flat();

/** What extractFindings looks up for a clause; fails if it would meet a phrase twice. */
function lookedUp(tokens: string[]): Set<IndexedPhrase> {
  const out = new Set<IndexedPhrase>();
  const add = (list: IndexedPhrase[] | undefined) => {
    for (const item of list ?? []) {
      if (out.has(item)) expect.fail(`"${item.phrase.source}" looked up twice in "${tokens.join(' ')}"`);
      out.add(item);
    }
  };
  for (const word of new Set(tokens.map(fold))) add(index.byWord.get(word));
  for (const stem of new Set(tokens.map((t) => t.slice(0, STEM)))) add(index.byStem.get(stem));
  add(index.always);
  return out;
}

/** Every phrase that occurs in the clause is looked up, and the matchers agree on where. */
function checkClause(tokens: string[]): string[] {
  const folded = tokens.map(fold);
  const present = new Set(folded);
  const found = lookedUp(tokens);
  const wrong: string[] = [];
  const starts: number[] = [];
  for (const item of filed) {
    const matches = findPhrase(item.phrase, tokens, folded);
    if (matches.length > 0 && !found.has(item)) wrong.push(`"${item.phrase.source}" not looked up`);
    starts.length = 0;
    pushStarts(item.phrase, tokens, folded, present, starts);
    if (starts.join() !== matches.map((m) => m.start).join())
      wrong.push(`"${item.phrase.source}" starts ${starts} not ${matches.map((m) => m.start)}`);
    if (hasPhrase(item.phrase, tokens, folded, present) !== matches.length > 0)
      wrong.push(`"${item.phrase.source}" hasPhrase`);
  }
  return wrong.map((w) => `${w} in "${tokens.join(' ')}"`);
}

const vignetteTexts = (): string[] => {
  const dir = new URL('./vignettes/', import.meta.url);
  const out: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const vignettes = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Array<{
      opening: string;
      say?: Record<string, string>;
    }>;
    for (const v of vignettes) out.push(v.opening, ...Object.values(v.say ?? {}));
  }
  return out;
};

describe('the clause index', () => {
  it('files every phrasing and denial of every entry once, with its role', () => {
    const byPhrase = new Map(filed.map((x) => [x.phrase, x]));
    expect(byPhrase.size).toBe(filed.length);
    let expected = 0;
    const wrong: string[] = [];
    const expect1 = (entry: number, phrase: IndexedPhrase['phrase'], role: number, answerOnly: boolean) => {
      expected++;
      const x = byPhrase.get(phrase);
      if (!x || x.entry !== entry || x.role !== role || x.answerOnly !== answerOnly)
        wrong.push(phrase.source);
    };
    entries.forEach((e, i) => {
      for (const p of e.phrases) expect1(i, p, PHRASE, e.answerOnly.has(p));
      for (const p of e.denials) if (p.parts.length > 0) expect1(i, p, DENIAL, false);
      for (const p of e.answerDenials) if (p.parts.length > 0) expect1(i, p, ANSWER_DENIAL, false);
    });
    expect(wrong).toEqual([]);
    expect(filed.length).toBe(expected);
  });

  it('keys a phrase by a word it needs, or by the stem of a prefix it needs', () => {
    for (const [word, list] of index.byWord) for (const x of list) expect(x.phrase.words).toContain(word);
    for (const [stem, list] of index.byStem)
      for (const x of list) {
        expect(x.phrase.words).toEqual([]);
        expect(x.phrase.parts.some((p) => p.kind === 'prefix' && p.prefix.startsWith(stem))).toBe(true);
      }
  });

  // Every phrasing against every clause of every vignette: about 6 s alone, 30 s or more when CI
  // runs it beside the servers of the integration suites, so it gets its own time limit.
  it('looks up every phrase that occurs in a vignette clause', { timeout: 180_000 }, () => {
    const wrong = vignetteTexts().flatMap((text) => clauses(text).flatMap(checkClause));
    expect(wrong).toEqual([]);
  });

  it('looks up every phrase that occurs in a random clause of lexicon words', () => {
    const words = [
      ...new Set(
        entries.flatMap((e) =>
          [...e.phrases, ...e.denials, ...e.answerDenials].flatMap((p) =>
            p.parts.flatMap((part) =>
              part.kind === 'prefix'
                ? [part.prefix, `${part.prefix}ing`]
                : part.kind === 'gap'
                  ? []
                  : [part.word, `${part.word}s`],
            ),
          ),
        ),
      ),
      'no',
      'not',
      'never',
      'and',
      'the',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), (tokens) => {
        expect(checkClause(tokens)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
