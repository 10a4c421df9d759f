/**
 * `headline()` is the cheap form of `evaluate()` the next-question search uses for every
 * hypothetical answer: for any set of answers it must give evaluate()'s triage level and leading cause.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, headline } from '../src/triage/evaluate.js';
import type { Choice } from '../src/vocabulary.js';
import { knowledge } from './helpers/bot.js';

const K = knowledge();
const answers = fc.dictionary(
  fc.constantFrom(...K.findings.keys()),
  fc.constantFrom<Choice>('yes', 'no', 'unsure'),
  { maxKeys: 16 },
);

describe('triage headline', () => {
  it('agrees with evaluate() on the triage level and the leading cause', () => {
    fc.assert(
      fc.property(answers, (findings) => {
        const full = evaluate(K, findings);
        expect(headline(K, findings)).toEqual({
          triage: full.triage,
          lead: full.ranked[0]?.supported ? full.ranked[0].cause.id : null,
        });
      }),
      { numRuns: 5000 },
    );
  });
});
