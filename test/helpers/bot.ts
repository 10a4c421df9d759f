/** A real Bot on the real knowledge and an in-memory store, for scenario tests. */
import { Bot } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { extractFindings } from '../../src/understanding/extract-findings.js';
import type { Reply, UserEvent } from '../../src/vocabulary.js';

let cached: Knowledge | undefined;
export const knowledge = (): Knowledge => {
  cached ??= loadKnowledge();
  return cached;
};

/** The findings calfbot reads in a message, as a plain object ("no swelling" → { one_leg_swollen: 'no' }). */
export const readFindings = (text: string) => Object.fromEntries(extractFindings(text, knowledge()));

export function testBot(opts: { region?: string; now?: () => number; store?: MemoryStore } = {}) {
  const store = opts.store ?? new MemoryStore(opts.now);
  const bot = new Bot({
    knowledge: knowledge(),
    store,
    region: opts.region ?? 'US',
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { bot, store };
}

export type QuestionReply = Extract<Reply, { kind: 'question' }>;
export type AssessmentReply = Extract<Reply, { kind: 'assessment' }>;

export const lastQuestion = (replies: Reply[]): QuestionReply | undefined =>
  replies.filter((r): r is QuestionReply => r.kind === 'question').at(-1);
export const assessmentOf = (replies: Reply[]): AssessmentReply | undefined =>
  replies.find((r): r is AssessmentReply => r.kind === 'assessment');
export const texts = (replies: Reply[]) =>
  replies.filter((r) => r.kind === 'text').map((r) => (r as { text: string }).text);

/** Everything the person reads in a turn, an assessment with its headline, as one text. */
export const replyText = (replies: Reply[]) =>
  replies
    .map((r) => (r.kind === 'text' ? r.text : r.kind === 'assessment' ? `${r.headline}\n${r.text}` : r.text))
    .join('\n');

/** One conversation with a fresh Bot: `say` sends a text turn from one user, each with its own event id. */
export function chat(region = 'US') {
  const { bot, store } = testBot({ region });
  let n = 0;
  const key = `c${Math.random()}`;
  const meta = () => ({ user: 'u', eventId: `e${n++}` });
  const say = (text: string) => bot.handle(key, { kind: 'text', text }, meta());
  return { bot, store, key, meta, say };
}

/** Answer every question from a set of present findings until an assessment comes. */
export async function playThrough(
  bot: Bot,
  key: string,
  opening: string,
  present: string[],
  maxTurns = 12,
): Promise<{ assessment: AssessmentReply; questions: QuestionReply[] }> {
  const questions: QuestionReply[] = [];
  let replies = (await bot.handle(key, { kind: 'text', text: opening })).replies;
  for (let i = 0; i < maxTurns; i++) {
    const a = assessmentOf(replies);
    if (a) return { assessment: a, questions };
    const q = lastQuestion(replies);
    if (!q) throw new Error(`stalled: ${JSON.stringify(replies)}`);
    questions.push(q);
    const event: UserEvent =
      q.type === 'multi'
        ? {
            kind: 'select',
            question: q.question,
            selected: q.options.map((o) => o.finding).filter((f) => present.includes(f)),
          }
        : { kind: 'answer', question: q.question, choice: present.includes(q.finding) ? 'yes' : 'no' };
    replies = (await bot.handle(key, event)).replies;
  }
  throw new Error('no assessment');
}

/** Answer "none" / "no" by button to every question from `replies` on, until the assessment comes. */
export async function noneUntilAssessed(bot: Bot, key: string, replies: Reply[]): Promise<Reply[]> {
  for (let i = 0; i < 14 && !assessmentOf(replies); i++) {
    const q = lastQuestion(replies)!;
    replies = (
      await bot.handle(
        key,
        q.type === 'multi'
          ? { kind: 'select', question: q.question, selected: [] }
          : { kind: 'answer', question: q.question, choice: 'no' },
      )
    ).replies;
  }
  return replies;
}

/**
 * Play an opening, answer "none" / "no" to everything until the assessment (as many people do
 * when they think they have said it), then ask the follow-ups; each reply as the person reads it.
 */
export async function playNoneThenAsk(region: string, opening: string, ...followUps: string[]) {
  const { bot } = testBot({ region });
  const key = `none-${Math.random()}`;
  const replies = await noneUntilAssessed(
    bot,
    key,
    (await bot.handle(key, { kind: 'text', text: opening })).replies,
  );
  const assessment = assessmentOf(replies)!;
  const answers: string[] = [];
  for (const f of followUps)
    answers.push(replyText((await bot.handle(key, { kind: 'text', text: f })).replies));
  return { assessment, text: replyText(replies), answers };
}
