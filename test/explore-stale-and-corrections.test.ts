/**
 * What an exploratory tester found (session 6): a warning sign ticked on an earlier question's
 * buttons was thrown away (old checkboxes stay clickable on Slack and Discord); "2 - no wait
 * sorry, none of them" was taken as 2; answers beside other words ("she's 84, none of them")
 * were not read. Each is played through a real Bot, as the person would see it.
 */
import { describe, expect, it } from 'vitest';
import { copy } from '../src/conversation/copy.js';
import type { ConversationState } from '../src/conversation/types.js';
import type { Reply } from '../src/vocabulary.js';
import {
  assessmentOf,
  lastQuestion,
  type QuestionReply,
  replyText,
  chat as startChat,
} from './helpers/bot.js';

const textOf = replyText;

/** A conversation that can also click old buttons and read what it has recorded. */
function chat() {
  const { bot, store, key, meta, say } = startChat();
  const tick = (q: QuestionReply, selected: string[]) =>
    bot.handle(key, { kind: 'select', question: q.question, selected }, meta());
  const choose = (q: QuestionReply, choice: 'yes' | 'no' | 'unsure') =>
    bot.handle(key, { kind: 'answer', question: q.question, choice }, meta());
  const findings = async () => ((await store.get(key))!.state as ConversationState).findings;
  return { say, tick, choose, findings };
}

/** Answer every open question with "none" / "no" until the assessment. */
async function finish(c: ReturnType<typeof chat>, replies: Reply[]): Promise<Reply[]> {
  for (let i = 0; i < 20 && !assessmentOf(replies); i++) {
    const q = lastQuestion(replies)!;
    replies = (q.type === 'multi' ? await c.tick(q, []) : await c.choose(q, 'no')).replies;
  }
  return replies;
}

describe('a warning sign ticked on an earlier question is news, not a stale click', () => {
  it('mid-check: breathlessness ticked on the first screen after two more answers gives the emergency', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const second = lastQuestion((await c.tick(screen, [])).replies)!;
    expect(second.type).toBe('yes_no');
    await c.choose(second, 'no');
    const late = await c.tick(screen, ['breathless_or_chest_pain']);
    expect(textOf(late.replies)).not.toMatch(/earlier point/);
    expect(textOf(late.replies)).toContain(
      copy.addedFromEarlier(['new breathlessness, chest pain or coughing blood'], false),
    );
    expect(assessmentOf(late.replies)?.triage).toBe('emergency');
    expect(late.target?.fate).toBe('news');
  });

  it('after the assessment: a cold, pale leg ticked on the first screen changes the advice to the emergency', async () => {
    const c = chat();
    const first = await c.say('my calves ache at night');
    const screen = lastQuestion(first.replies)!;
    const done = await finish(c, (await c.tick(screen, [])).replies);
    expect(assessmentOf(done)?.triage).toBe('self_care');
    const late = await c.tick(screen, ['leg_cold_pale']);
    expect(textOf(late.replies)).not.toMatch(/already finished/);
    expect(textOf(late.replies)).toContain(copy.newInformation);
    expect(assessmentOf(late.replies)?.triage).toBe('emergency');
    // Ticked again: it is known now, so this click is stale like any other.
    const again = await c.tick(screen, ['leg_cold_pale']);
    expect(textOf(again.replies)).toMatch(/already finished/);
  });

  it('a late "yes" to an earlier yes/no warning sign (a cramp that will not go away) is taken too', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves cramp at night')).replies)!;
    const after = (await c.tick(screen, [])).replies;
    const cramp = [lastQuestion(after)!];
    let replies = after;
    // Answer on to the assessment, noting where the cramp question was.
    for (let i = 0; i < 20 && !assessmentOf(replies); i++) {
      const q = lastQuestion(replies)!;
      if (q.type === 'yes_no' && q.finding === 'cramp_wont_ease') cramp.push(q);
      replies = (q.type === 'multi' ? await c.tick(q, []) : await c.choose(q, 'no')).replies;
    }
    const asked = cramp.find((q) => q.type === 'yes_no' && q.finding === 'cramp_wont_ease')!;
    expect(asked).toBeDefined();
    expect(assessmentOf(replies)?.triage).toBe('self_care');
    const late = await c.choose(asked, 'yes');
    expect(textOf(late.replies)).toContain(copy.newInformation);
    expect(assessmentOf(late.replies)?.triage).toBe('urgent');
    expect((await c.findings()).cramp_wont_ease).toBe('yes');
  });

  it('a "yes" on a question left unanswered (another came first after a typed message) is taken too', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const cramp = lastQuestion((await c.tick(screen, [])).replies)!;
    expect(cramp.type === 'yes_no' && cramp.finding).toBe('cramp_wont_ease');
    const typed = await c.say('my left calf is swollen');
    expect(lastQuestion(typed.replies)?.question).not.toBe(cramp.question);
    const late = await c.choose(cramp, 'yes');
    expect(textOf(late.replies)).toContain(copy.addedFromEarlier(['a cramp that will not go away'], false));
    expect((await c.findings()).cramp_wont_ease).toBe('yes');
  });

  it('what is not a new warning sign keeps today\'s reply: "earlier point", "already finished"', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const second = lastQuestion((await c.tick(screen, [])).replies)!;
    const third = lastQuestion((await c.choose(second, 'no')).replies)!;
    // "No" to a warning sign, and "none" again, are not news.
    expect(textOf((await c.choose(second, 'no')).replies)).toMatch(/earlier point/);
    expect(textOf((await c.tick(screen, [])).replies)).toMatch(/earlier point/);
    const done = await finish(c, (await c.tick(third, [])).replies);
    expect(assessmentOf(done)).toBeDefined();
    // A pattern, not a warning sign, ticked late on an old question.
    const late = await c.tick(third, ['night_cramps', 'after_exercise']);
    expect(textOf(late.replies)).toMatch(/already finished/);
    expect(assessmentOf(late.replies)).toBeUndefined();
    expect(late.target?.fate).toBe('closed');
  });
});

describe('a correction inside one message: the part after it wins', () => {
  it('"2 - no wait sorry, none of them" on the screen (2 = fainted or racing heart) is none, not 911', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my left calf is swollen')).replies)!;
    expect(screen.type === 'multi' && screen.options[1]!.finding).toBe('fainting_or_racing_heart');
    const out = await c.say('2 - no wait sorry, none of them');
    expect(assessmentOf(out.replies)?.triage).not.toBe('emergency');
    expect((await c.findings()).fainting_or_racing_heart).toBe('no');
  });

  it('what a taken-back message says beside the question is still kept: "I\'m on the pill, 2 - no wait, none"', async () => {
    const c = chat();
    await c.say('my left calf is swollen');
    await c.say("I'm on the pill, 2 - no wait, none of them");
    const found = await c.findings();
    expect(found.fainting_or_racing_heart).toBe('no');
    expect(found.clot_risk_factor).toBe('yes');
  });

  it('"yes, actually no", "scratch that" and "oops" on a yes/no question: the last word counts', async () => {
    for (const [answer, choice] of [
      ['yes, actually no', 'no'],
      ['yes wait no', 'no'],
      ['no - scratch that, yes', 'yes'],
      ['no oops, yes', 'yes'],
    ] as const) {
      const c = chat();
      const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
      const cramp = lastQuestion((await c.tick(screen, [])).replies)!;
      expect(cramp.type === 'yes_no' && cramp.finding).toBe('cramp_wont_ease');
      await c.say(answer);
      expect((await c.findings()).cramp_wont_ease, answer).toBe(choice);
    }
  });

  it('"3, sorry I meant 4" answers the waiting question with 4 and leaves the answer before it alone', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const cramp = lastQuestion((await c.tick(screen, [])).replies)!;
    const pattern = lastQuestion((await c.choose(cramp, 'no')).replies)!;
    expect(pattern.type).toBe('multi');
    const options = pattern.type === 'multi' ? pattern.options.map((o) => o.finding) : [];
    const out = await c.say('3, sorry I meant 4');
    expect(textOf(out.replies)).not.toMatch(/changed your last answer/);
    const found = await c.findings();
    expect(found[options[3]!]).toBe('yes');
    expect(found[options[2]!]).toBe('no');
    expect(found.cramp_wont_ease).toBe('no');
  });

  it('"no i said none, i didn\'t faint. i typed 2 by mistake" keeps the warning sign and says to type "go back"', async () => {
    const c = chat();
    await c.say('my left calf is swollen');
    const picked = await c.say('2');
    expect(assessmentOf(picked.replies)?.triage).toBe('emergency');
    const out = await c.say("no i said none, i didn't faint. i typed 2 by mistake");
    const said = textOf(out.replies);
    expect(said).toMatch(/kept this, because it is a warning sign: fainted/);
    expect(said).toMatch(/type "go back"/);
    // The emergency advice is not taken away by words, and is said again first.
    expect(said).toMatch(/Please do this first: Call 911 now/);
    expect((await c.findings()).fainting_or_racing_heart).toBe('yes');
    // "go back" does change it.
    const back = await c.say('go back');
    expect(lastQuestion(back.replies)?.type).toBe('multi');
    const none = await finish(c, (await c.say('none of them')).replies);
    expect(assessmentOf(none)?.triage).toBe('urgent');
  });

  it('"i typed 3 by mistake" with nothing said instead says how to change the answer', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const cramp = lastQuestion((await c.tick(screen, [])).replies)!;
    const pattern = lastQuestion((await c.choose(cramp, 'no')).replies)!;
    await c.say('1');
    const out = await c.say('i typed 1 by mistake');
    expect(textOf(out.replies)).toContain(copy.slipGoBack);
    expect(lastQuestion(out.replies)?.question).not.toBe(pattern.question);
  });
});

describe('answers beside other words are read', () => {
  it('"she\'s 84, none of them" on the screen is none, and the age is kept', async () => {
    const c = chat();
    const screen = lastQuestion((await c.say('my calves ache at night')).replies)!;
    const out = await c.say("she's 84, none of them");
    expect(lastQuestion(out.replies)?.text).not.toBe(screen.text);
    const found = await c.findings();
    expect(found.age_60_plus).toBe('yes');
    expect(found.breathless_or_chest_pain).toBe('no');
  });

  it('"i said no to 2 already. no to both" and "only a few seconds. no ulcers" answer a two-option question', async () => {
    for (const answer of [
      'i said no to 2 already. no to both',
      'the cramps only last a few seconds. no ulcers',
    ]) {
      const c = chat();
      const screen = lastQuestion((await c.say('my calves cramp at night, I am 70 and diabetic')).replies)!;
      const two = lastQuestion((await c.tick(screen, [])).replies)!;
      expect(two.type === 'multi' && two.options.map((o) => o.finding)).toEqual([
        'rest_pain_or_foot_sores',
        'cramp_wont_ease',
      ]);
      const out = await c.say(answer);
      expect(lastQuestion(out.replies)?.question, answer).not.toBe(two.question);
      const found = await c.findings();
      expect(found.rest_pain_or_foot_sores, answer).toBe('no');
      expect(found.cramp_wont_ease, answer).toBe('no');
    }
  });

  it('"none of them, but my leg is cold" is not none', async () => {
    const c = chat();
    await c.say('my calves ache at night');
    const out = await c.say('none of them, but my leg has gone cold and pale');
    expect(assessmentOf(out.replies)?.triage).toBe('emergency');
  });
});
