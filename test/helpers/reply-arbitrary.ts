/**
 * A fast-check arbitrary for any Reply with a platform's hostile text in every field, shared by
 * the Discord and Slack property tests. Each platform passes its own hostile text, question ids
 * and knowledge finding ids, plus the few sizes its renderer is stressed at.
 */
import fc from 'fast-check';
import { type Reply, TRIAGE_LEVELS } from '../../src/vocabulary.js';

export interface ReplyArbitraryOptions {
  /** The platform's hostile text (markup, control characters, anything). */
  hostile: fc.Arbitrary<string>;
  /** Question ids to put on question replies. */
  questionId: fc.Arbitrary<string>;
  /** Finding ids from the knowledge base (mixed with made-up ones). */
  findingIds: Iterable<string>;
  /** Source urls for cited sources. */
  sourceUrl: fc.Arbitrary<string>;
  /** Length range of the over-long text reply (before its leading `x`). */
  longText: { minLength: number; maxLength: number };
  /** Whether a text reply may cite sources. */
  textCitesSources: boolean;
  /** Most causes in an assessment. */
  maxCauses: number;
  /** Whether the doctor summary may be any hostile text, blank included. */
  doctorSummaryMayBeBlank: boolean;
}

export function replyArbitrary(o: ReplyArbitraryOptions): fc.Arbitrary<Reply> {
  const somethingSaid = o.hostile.filter((s) => s.trim().length > 0);
  const sourceRef = fc.record({
    id: fc.string({ maxLength: 10 }),
    title: somethingSaid,
    publisher: somethingSaid,
    url: o.sourceUrl,
  });
  const findingId = fc.oneof(fc.constantFrom(...o.findingIds), fc.stringMatching(/^[a-z][a-z0-9_]{0,40}$/));
  return fc.oneof(
    fc.record(
      {
        kind: fc.constant('text' as const),
        text: fc.oneof(
          somethingSaid,
          fc.string(o.longText).map((s) => `x${s}`),
        ),
        tone: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
        ...(o.textCitesSources ? { sources: fc.array(sourceRef, { maxLength: 3 }) } : {}),
      },
      { requiredKeys: ['kind', 'text'] },
    ),
    fc.record({
      kind: fc.constant('question' as const),
      question: o.questionId,
      type: fc.constant('yes_no' as const),
      finding: findingId,
      text: somethingSaid,
      why: somethingSaid,
    }),
    fc.record({
      kind: fc.constant('question' as const),
      question: o.questionId,
      type: fc.constant('multi' as const),
      options: fc.uniqueArray(fc.record({ finding: findingId, label: somethingSaid }), {
        minLength: 2,
        maxLength: 30,
        selector: (x) => x.finding,
      }),
      text: somethingSaid,
      why: somethingSaid,
    }),
    fc.record(
      {
        kind: fc.constant('assessment' as const),
        triage: fc.constantFrom(...TRIAGE_LEVELS),
        headline: somethingSaid,
        nextSteps: fc.array(somethingSaid, { maxLength: 6 }),
        causes: fc.array(
          fc.record({
            id: fc.string({ maxLength: 20 }),
            because: fc.array(fc.record({ finding: findingId, label: somethingSaid }), { maxLength: 4 }),
            name: somethingSaid,
            summary: somethingSaid,
            score: fc.double({ noNaN: true }),
          }),
          { maxLength: o.maxCauses },
        ),
        text: o.hostile,
        watchFor: fc.array(somethingSaid, { maxLength: 6 }),
        evidence: fc.array(somethingSaid, { maxLength: 4 }),
        doctorSummary: o.doctorSummaryMayBeBlank ? o.hostile : somethingSaid,
        sources: fc.array(sourceRef, { minLength: 1, maxLength: 30 }),
        disclaimer: somethingSaid,
      },
      {
        requiredKeys: [
          'kind',
          'triage',
          'headline',
          'nextSteps',
          'causes',
          'text',
          'watchFor',
          'sources',
          'disclaimer',
        ],
      },
    ),
  );
}
