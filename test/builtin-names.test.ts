/**
 * No word breaks a turn: a message containing the name of a built-in property ("constructor",
 * "__proto__", "toString", "length", ...), in any case or punctuation, gets the same triage as the
 * same message without it, in the Bot (every name, form and opening) and through `calfbot
 * converse` as a process (every name). Slack and Discord play the same words in
 * test/builtin-names-platforms.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../src/conversation/copy.js';
import { lastQuestion, testBot } from './helpers/bot.js';
import {
  BUILTIN_NAMES,
  FORMS,
  fill,
  isLexiconWord,
  OPENINGS,
  sameTriage,
  triageOf,
} from './helpers/builtin-names.js';
import { ConverseProcess } from './helpers/converse-process.js';

describe('built-in property names inside real messages', () => {
  it('lists the names the attack used', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'length',
      'map',
    ]) {
      expect(BUILTIN_NAMES).toContain(name);
    }
  });

  it('every name in every form gives the same triage as the message without it (Bot)', async () => {
    const { bot } = testBot();
    const baseline = new Map<string, unknown>();
    for (const [i, t] of OPENINGS.entries()) {
      baseline.set(t, triageOf(await bot.handle(`base:${i}`, { kind: 'text', text: fill(t, '') })));
    }
    let n = 0;
    for (const name of BUILTIN_NAMES) {
      for (const form of FORMS) {
        for (const t of OPENINGS) {
          const text = fill(t, form(name));
          const got = triageOf(await bot.handle(`w:${n++}`, { kind: 'text', text }));
          const [a, b] = sameTriage(name, got, baseline.get(t) as unknown[]);
          expect(a, text).toEqual(b);
        }
      }
    }
  });

  // A whole-message answer ("none of these") stops being one with any extra word, so the
  // baseline of an answer is the same answer with a made-up word in the same place.
  it('a name in a typed answer is read like any made-up word (fast-check over names, forms, answers)', async () => {
    const { bot } = testBot();
    const opening = 'my calves cramp at night';
    const answers = ['none of these', 'no', 'not sure', 'yes', 'my left calf is swollen'];
    let n = 0;
    const turn = async (answer: string) => {
      const key = `a:${n++}`;
      const q = lastQuestion(await bot.handle(key, { kind: 'text', text: opening }));
      expect(q).toBeDefined();
      return triageOf(await bot.handle(key, { kind: 'text', text: answer }));
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BUILTIN_NAMES),
        fc.constantFrom(...FORMS),
        fc.constantFrom(...answers),
        fc.boolean(),
        async (name, form, answer, before) => {
          const put = (word: string) => (before ? `${word} ${answer}` : `${answer} ${word}`);
          const got = await turn(put(form(name)));
          expect(JSON.stringify(got)).not.toContain(copy.internalError);
          // "not sure pop" reports a pop in the calf: a lexicon word may rightly change the answer.
          if (!isLexiconWord(name)) expect(got).toEqual(await turn(put(form('zqxj'))));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('built-in property names through calfbot converse', () => {
  let p: ConverseProcess;
  beforeAll(() => {
    p = new ConverseProcess();
  });
  afterAll(async () => {
    expect(await p.close()).toBe(0);
  });

  it('every name gives the same triage as the message without it, and never an error', async () => {
    const t = OPENINGS[0]!;
    const base = await p.send({ conversation: 'base', text: fill(t, '') });
    expect(base.replies.some((r: { kind: string; triage?: string }) => r.triage === 'emergency')).toBe(true);
    for (const [i, name] of BUILTIN_NAMES.entries()) {
      const form = FORMS[i % FORMS.length]!;
      const out = await p.send({ conversation: `w${i}`, text: fill(t, form(name)), user: name, event: name });
      expect(out.error, name).toBeUndefined();
      const [a, b] = sameTriage(name, triageOf(out.replies), triageOf(base.replies));
      expect(a, name).toEqual(b);
    }
  });

  it('a name as a conversation, user or event id, or as a selected finding, is answered like any other', async () => {
    const first = await p.send({
      conversation: 'constructor',
      text: 'my calves cramp at night',
      user: '__proto__',
    });
    const q = first.replies.at(-1);
    expect(q.kind).toBe('question');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const out = await p.send({
        conversation: 'constructor',
        answer: { question: q.question, selected: [name] },
      });
      expect(out.error).toBeUndefined();
      expect(out.replies[0].kind).toBe('text');
    }
    const next = await p.send({
      conversation: 'constructor',
      answer: { question: q.question, selected: [] },
    });
    expect(next.replies.at(-1).kind).toMatch(/question|assessment/);
  });
});
