/**
 * Lead 9, conversation dead ends: "not sure" twice to one question, a question back in the middle
 * of a question, a bare list after one "no", black poo on iron tablets, and remedy questions.
 */
import { describe, expect, it } from 'vitest';
import { assessmentOf, chat, lastQuestion, replyText } from './helpers/bot.js';

describe('"not sure" twice to the same multi-choice question', () => {
  it.each([
    ['idk', 'dunno'],
    ['not sure', 'not sure'],
    ['dunno', 'idk'],
  ])('%s then %s: moves on, every option counted as not sure', async (first, second) => {
    const { say, store, key } = chat();
    const q1 = lastQuestion((await say('my calf hurts')).replies)!;
    if (q1.type !== 'multi') throw new Error('the screen is a multi question');
    const again = (await say(first)).replies;
    expect(lastQuestion(again)!.question).toBe(q1.question);
    const moved = (await say(second)).replies;
    const next = lastQuestion(moved);
    const done = assessmentOf(moved);
    expect(next?.question !== q1.question || done !== undefined).toBe(true);
    expect(replyText(moved)).toMatch(/not sure/i);
    const state = (await store.get(key))!.state as { findings: Record<string, string> };
    for (const f of q1.options.map((o) => o.finding)) expect(state.findings[f]).toBe('unsure');
  });

  it('warning signs not sure of are not talked down: the check ends at urgent at least', async () => {
    const { say } = chat();
    await say('my calf hurts');
    await say('idk');
    let replies = (await say('dunno')).replies;
    for (let i = 0; i < 10 && !assessmentOf(replies); i++) {
      const q = lastQuestion(replies)!;
      replies = (await say(q.type === 'multi' ? 'none' : 'no')).replies;
    }
    const a = assessmentOf(replies)!;
    expect(['urgent', 'emergency']).toContain(a.triage);
  });
});
