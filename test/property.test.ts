import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../adapters/jsonl/run-converse.js';
import { silentLogger } from '../src/log.js';
import { TRIAGE_LEVELS } from '../src/vocabulary.js';
import { knowledge, testBot } from './helpers/bot.js';

function wellFormed(line: string): void {
  expect(line.includes('\n')).toBe(false);
  const out = JSON.parse(line);
  if (out.error) {
    expect(typeof out.error.code).toBe('string');
    expect(out.error.message.length).toBeGreaterThan(0);
    return;
  }
  expect(typeof out.conversation).toBe('string');
  expect(Array.isArray(out.replies)).toBe(true);
  for (const r of out.replies) {
    if (r.kind === 'text') expect(typeof r.text).toBe('string');
    else if (r.kind === 'question') {
      expect(r.question && r.text && r.why).toBeTruthy();
      if (r.type === 'multi') expect(r.options.length).toBeGreaterThan(0);
      else expect(knowledge().findings.has(r.finding)).toBe(true);
    } else {
      expect(r.kind).toBe('assessment');
      expect(TRIAGE_LEVELS).toContain(r.triage);
      expect(r.sources.length).toBeGreaterThan(0);
      expect(r.disclaimer.length).toBeGreaterThan(0);
    }
  }
}

const findingIds = () => [...knowledge().findings.keys()];

describe('any input line gets exactly one well-formed output line, never an exception', () => {
  it('arbitrary strings', async () => {
    const { bot } = testBot();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (line) => {
        wellFormed(await answerLine(bot, line, silentLogger));
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary well-shaped and half-shaped messages in a few interleaved conversations', async () => {
    const { bot } = testBot();
    const conversation = fc.constantFrom('a', 'b', 'c');
    const message = fc.oneof(
      fc.record({
        conversation,
        text: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            'yes',
            'no',
            'not sure',
            'none',
            '1 2',
            'back',
            'why',
            'restart',
            'my left calf is swollen',
            'what foods have iron?',
          ),
        ),
      }),
      fc.record({
        conversation,
        answer: fc.record({
          question: fc.oneof(fc.string(), fc.constantFrom('q1', 'q2')),
          choice: fc.constantFrom('yes', 'no', 'unsure'),
        }),
      }),
      fc.record({
        conversation,
        answer: fc.record({
          question: fc.string(),
          selected: fc.array(fc.constantFrom(...findingIds()), { maxLength: 4 }),
        }),
      }),
      fc.record({ conversation, command: fc.constantFrom('restart', 'forget', 'help', 'why', 'back') }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 12 }), async (messages) => {
        for (const m of messages)
          wellFormed(await answerLine(bot, JSON.stringify(m) ?? 'null', silentLogger));
      }),
      { numRuns: 200 },
    );
  });

  it('a conversation that answers the questions it is asked always ends in an assessment within 6 questions', async () => {
    const { bot } = testBot();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120 }), fc.subarray(findingIds()), async (opening, present) => {
        const key = `p${n++}`;
        let out = JSON.parse(
          await answerLine(
            bot,
            JSON.stringify({ conversation: key, text: opening.trim() || 'hi' }),
            silentLogger,
          ),
        );
        let questions = 0;
        while (!out.replies.some((r: { kind: string }) => r.kind === 'assessment')) {
          const q = out.replies.findLast((r: { kind: string }) => r.kind === 'question');
          expect(q).toBeDefined();
          questions++;
          expect(questions).toBeLessThanOrEqual(6);
          const answer =
            q.type === 'multi'
              ? {
                  question: q.question,
                  selected: q.options
                    .map((o: { finding: string }) => o.finding)
                    .filter((f: string) => present.includes(f)),
                }
              : { question: q.question, choice: present.includes(q.finding) ? 'yes' : 'no' };
          out = JSON.parse(
            await answerLine(bot, JSON.stringify({ conversation: key, answer }), silentLogger),
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
