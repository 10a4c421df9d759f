/**
 * Exploratory test 4, U6 and U7: a person who doubts urgent advice ("do i really need to go
 * today?", "i only said idk") is told what it rests on and how to change a guessed answer, and the
 * level is never talked down; "can it wait?" mid-check, once what was said already needs help
 * today, is answered now; "can i go back" is the back command.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/understanding/parse-command.js';
import type { Reply } from '../src/vocabulary.js';
import { assessmentOf, chat, lastQuestion, replyText } from './helpers/bot.js';

/** The finding a yes/no question asks about. */
const findingAsked = (replies: Reply[]) => {
  const q = lastQuestion(replies);
  return q?.type === 'yes_no' ? q.finding : undefined;
};

describe('doubting urgent advice', () => {
  it('an "idk" that made it urgent: what it rests on, and how to answer again', async () => {
    const { say } = chat('UK');
    await say('im 50 and get occasional cramps in my calves');
    await say('none');
    const q = await say('at night');
    expect(findingAsked(q.replies)).toBe('cramp_wont_ease');
    const urgent = await say('idk');
    expect(assessmentOf(urgent.replies)?.triage).toBe('urgent');
    const doubt = await say(
      "wait what?? i only said idk because i never timed them. they're just normal cramps. do i really need to go today?",
    );
    const text = replyText(doubt.replies);
    expect(text).toMatch(/^Please do this first: Get medical help today/);
    expect(text).toContain('You were not sure about: a cramp that will not go away');
    expect(text).toContain('"go back"');
    expect(text).not.toMatch(/How strong is the evidence/);
    const back = await say('ok so can i go back');
    expect(findingAsked(back.replies)).toBe('cramp_wont_ease');
    const after = await say('no');
    expect(assessmentOf(after.replies)).toBeUndefined();
  });

  it('"can it wait?" mid-check after a swollen calf and a flight: not until the end', async () => {
    const { say } = chat('UK');
    await say('my right calf is swollen since the flight from delhi yesterday');
    const wait = await say('can it wait?');
    expect(replyText(wait.replies)).toContain('From what you have told me so far: Get medical help today.');
    expect(replyText(wait.replies)).not.toMatch(/once the check is done/);
  });

  it('"is that bad?" mid-check with nothing worrying yet is still kept for the end', async () => {
    const { say } = chat('UK');
    await say('my calves ache after a long run');
    const bad = await say('is that bad?');
    expect(replyText(bad.replies)).not.toMatch(/so far: Get medical help/);
  });
});

describe('"go back" said in other words', () => {
  it.each([
    'ok so can i go back',
    'how do i go back',
    'can i go back and change my answer',
    'go back and answer again',
  ])('%s', (t) => {
    expect(parseCommand(t)).toBe('back');
  });
  it('"my back hurts" is not a command', () => {
    expect(parseCommand('my back hurts')).toBeNull();
  });
});
