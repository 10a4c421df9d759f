/**
 * People's own words (issue 11): what people really type, through the real `calfbot converse`
 * process. Every reply moves the conversation on: a question or an assessment, never a dead end.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentOf, lastQuestion, testBot, texts } from './helpers/bot.js';
import { ConverseProcess } from './helpers/converse-process.js';

type Out = { replies: Array<Record<string, unknown> & { kind: string }> };
const movesOn = (out: Out) => out.replies.some((r) => r.kind === 'question' || r.kind === 'assessment');
const question = (out: Out) =>
  out.replies.filter((r) => r.kind === 'question').at(-1) as
    | {
        question: string;
        type: string;
        options?: Array<{ finding: string; label: string }>;
        finding?: string;
      }
    | undefined;
const textOf = (out: Out) =>
  out.replies
    .filter((r) => r.kind === 'text')
    .map((r) => r.text as string)
    .join('\n');

describe("people's own words, through calfbot converse", () => {
  let p: ConverseProcess;
  let n = 0;
  const fresh = () => `pw-${n++}`;
  beforeAll(() => {
    p = new ConverseProcess();
  });
  afterAll(async () => {
    expect(await p.close()).toBe(0);
  });

  it.each([
    "my right one's way chunkier",
    'it looks paler than the other and feels icy',
    'kind of blotchy and bigger when I compare',
    "I've barely had a drink all day",
    'they seize up after spin class',
    'sorry, not the statin. 7',
    'just 5 actually',
    '6 and maybe 5',
    'wait go back',
    'why do you need to know that',
    'asdfgh qwerty',
    '99',
  ])('answers "%s" to the first question with a reply that moves on', async (answer) => {
    const c = fresh();
    expect(movesOn(await p.send({ conversation: c, text: 'my calves hurt' }))).toBe(true);
    const out = (await p.send({ conversation: c, text: answer })) as Out;
    expect(movesOn(out), JSON.stringify(out)).toBe(true);
  });

  it('reads an answer like an opening: what it adds is never asked again', async () => {
    const c = fresh();
    const q1 = question(await p.send({ conversation: c, text: 'my calves ache' }))!;
    // Answer the red-flag screen and mention a statin and a flight at the same time.
    const out = (await p.send({
      conversation: c,
      text: "none of those, but I'm on lipitor and flew back from Dubai",
    })) as Out;
    const next = question(out);
    expect(next?.question).not.toBe(q1.question);
    const offered = (next?.options ?? []).map((o) => o.finding).concat(next?.finding ?? []);
    expect(offered).not.toContain('statin_use');
  });

  it('says when a number is not an option, and shows the question again', async () => {
    const c = fresh();
    const q = question(await p.send({ conversation: c, text: 'my calves hurt' }))!;
    const out = (await p.send({ conversation: c, text: String((q.options?.length ?? 3) + 4) })) as Out;
    expect(textOf(out)).toMatch(/only \d+ options/);
    expect(question(out)?.question).toBe(q.question);
  });

  it('explains why a question is asked when asked back, and keeps the question', async () => {
    const c = fresh();
    const q = question(await p.send({ conversation: c, text: 'my calves hurt' }))!;
    const out = (await p.send({ conversation: c, text: 'why do you need to know that?' })) as Out;
    expect(question(out)?.question).toBe(q.question);
    expect(textOf(out).length).toBeGreaterThan(10);
  });

  it('screens a 5,000-character paste for warning signs and keeps none of it', async () => {
    const c = fresh();
    const paste = `${'I have been reading a lot about leg pain online. '.repeat(110)}my left calf is swollen and hot and I just got off a 14 hour flight`;
    expect(paste.length).toBeGreaterThan(5000);
    const out = (await p.send({ conversation: c, text: paste })) as Out;
    const a = out.replies.find((r) => r.kind === 'assessment');
    expect(a?.triage, JSON.stringify(out).slice(0, 400)).toBe('urgent');
  });
});

describe('follow-up questions after an assessment', () => {
  it.each([
    ['should I take magnesium?', /probably not/i],
    ['how much vitamin D should I take?', /cannot suggest a dose/i],
    ['do bananas help?', /no good evidence/i],
    ['can I take ibuprofen?', /pharmacist/i],
    ['so should I stop my statin?', /do not stop/i],
    ['thanks', /welcome/i],
    ['what else can you tell me', /ask me more about/i],
    ['is tonic water any good', /quinine/i],
  ])('"%s" gets an honest answer from the knowledge', async (ask, expected) => {
    const { bot } = testBot();
    let replies = (
      await bot.handle('c', { kind: 'text', text: 'I get calf cramps at night, I take water tablets' })
    ).replies;
    for (let i = 0; i < 8 && !assessmentOf(replies); i++) {
      const q = lastQuestion(replies)!;
      replies = (
        await bot.handle(
          'c',
          q.type === 'multi'
            ? { kind: 'select', question: q.question, selected: [] }
            : { kind: 'answer', question: q.question, choice: 'no' },
        )
      ).replies;
    }
    expect(assessmentOf(replies)).toBeDefined();
    const answer = texts((await bot.handle('c', { kind: 'text', text: ask })).replies).join('\n');
    expect(answer).toMatch(expected);
    expect(answer).not.toMatch(/\b\d+ ?(mg|IU|mcg) (a|per) day\b.*\btake\b/i);
  });
});

describe('no dead ends (property)', () => {
  const openings = [
    'my calves hurt',
    'calf cramps at night',
    'my left calf aches',
    'my son says his legs hurt',
    'sore after a run',
  ];
  const words = [
    'yes',
    'no',
    'maybe',
    'not sure',
    'the left',
    '3',
    '12',
    'none',
    'both',
    'ugh',
    'idk lol',
    'swollen',
    'cramps',
    'statin',
    '🙂',
    'constructor',
    '\u200b',
  ];
  it('any text answer to any question gets a question or an assessment back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...openings),
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 40 })), {
          minLength: 1,
          maxLength: 5,
        }),
        async (opening, answers) => {
          const { bot } = testBot();
          let replies = (await bot.handle('c', { kind: 'text', text: opening })).replies;
          for (const a of answers) {
            if (assessmentOf(replies)) return;
            replies = (await bot.handle('c', { kind: 'text', text: a })).replies;
            const moved = replies.some((r) => r.kind === 'question' || r.kind === 'assessment');
            expect(moved, `${opening} → ${JSON.stringify(a)}: ${JSON.stringify(replies).slice(0, 300)}`).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
