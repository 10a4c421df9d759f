/**
 * The next-question search re-scores only what a hypothetical answer moves (src/triage/what-if.ts).
 * For any answers so far it must pick the same question as the straightforward search, which
 * re-scores everything for every hypothetical answer (test/helpers/reference-next-question.ts),
 * and each hypothetical headline must equal headline() over a copy of the answers: with the
 * knowledge as it is, and with the same knowledge re-weighted at random (small whole weights,
 * so ties between causes are common and their tie-breaks are exercised too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cause, Knowledge } from '../src/knowledge/schema.js';
import { headline } from '../src/triage/evaluate.js';
import { nextQuestion } from '../src/triage/next-question.js';
import { headlineIf, headlineNow, whatIf } from '../src/triage/what-if.js';
import type { Choice } from '../src/vocabulary.js';
import { knowledge } from './helpers/bot.js';
import { referenceNextQuestion } from './helpers/reference-next-question.js';

const K = knowledge();
const FINDINGS = [...K.findings.keys()];
const choice = fc.constantFrom<Choice>('yes', 'no', 'unsure');
const answers = fc.dictionary(fc.constantFrom(...FINDINGS), choice, { maxKeys: 14 });
const LEVELS = ['see_doctor', 'urgent', 'emergency'] as const;

/** The same knowledge with every cause and rule re-weighted from `seed` (same findings and ids). */
function reweighted(seed: number[]): Knowledge {
  let n = 0;
  const next = () => seed[n++ % seed.length]!;
  const causes = new Map<string, Cause>();
  for (const [id, c] of K.causes) {
    const weights = Object.fromEntries(Object.keys(c.scoring.weights).map((f) => [f, (next() % 6) - 2]));
    const absent = Object.fromEntries(Object.keys(c.scoring.absent).map((f) => [f, -(next() % 3)]));
    const scoring = { ...c.scoring, prior: next() % 2, threshold: 1 + (next() % 4), weights, absent };
    causes.set(id, { ...c, scoring });
  }
  const redFlags = K.redFlags.map((r) => ({ ...r, triage: LEVELS[next() % 3]! }));
  return { ...K, causes, redFlags };
}

const sameQuestion = (k: Knowledge, findings: Record<string, Choice>, asked: number) => {
  const fast = nextQuestion(k, findings, asked);
  const simple = referenceNextQuestion(k, findings, asked);
  expect(fast && { group: fast.group.id, findings: fast.findings }).toEqual(
    simple && { group: simple.group.id, findings: simple.findings },
  );
};

const sameHeadlines = (k: Knowledge, findings: Record<string, Choice>) => {
  const base = whatIf(k, findings);
  expect(headlineNow(base)).toEqual(headline(k, findings));
  for (const f of FINDINGS) {
    for (const a of ['yes', 'no', 'unsure'] as const) {
      expect(headlineIf(base, f, a)).toEqual(headline(k, { ...findings, [f]: a }));
    }
  }
};

describe('the fast next-question search', () => {
  it('asks what the straightforward search asks, for any answers so far', () => {
    fc.assert(
      fc.property(answers, fc.integer({ min: 0, max: 5 }), (findings, asked) =>
        sameQuestion(K, findings, asked),
      ),
      { numRuns: 3000 },
    );
  });

  it('gives every hypothetical answer the headline a whole re-score gives', () => {
    fc.assert(
      fc.property(answers, (findings) => sameHeadlines(K, findings)),
      { numRuns: 300 },
    );
  });

  it('agrees on re-weighted knowledge too, ties included', () => {
    const seed = fc.array(fc.nat({ max: 1000 }), { minLength: 7, maxLength: 40 });
    fc.assert(
      fc.property(seed, answers, fc.integer({ min: 0, max: 4 }), (s, findings, asked) => {
        const k = reweighted(s);
        sameQuestion(k, findings, asked);
        sameHeadlines(k, findings);
      }),
      { numRuns: 300 },
    );
  });
});
