/**
 * Exploratory test 4, W1: a parent or carer who writes for someone else is told once that "you"
 * means that person, at the start and above the assessment; a message about the writer's own
 * calves gets neither line.
 */
import { describe, expect, it } from 'vitest';
import { writtenFor } from '../src/understanding/someone-else.js';
import { assessmentOf, chat, lastQuestion, texts } from './helpers/bot.js';

describe('whose calves a message is about', () => {
  it.each([
    ['my 8 year old son gets achy legs at night, both legs', 'your son', 'him'],
    ["asking for my mum, she's 84 and her calves cramp at night", 'your mum', 'her'],
    ['my kid has sore legs after football', 'your kid', 'them'],
    ["hubby's left calf is swollen after the flight", 'your hubby', 'him'],
    ['my 15yo has calf pain after football', 'your 15-year-old', 'them'],
    ["she's 14 and her calves hurt after netball", 'the person', 'her'],
    ['my dad (79) keeps getting cramps in his legs at night', 'your dad', 'him'],
  ])('%s → %s', (text, person, pronoun) => {
    expect(writtenFor(text)).toEqual({ person, pronoun });
  });

  it.each([
    'my calves hurt',
    "my husband's on lipitor and gets achy legs. I'm 52 and get cramps",
    'my wife says my calf is swollen',
    'why do my calves hurt, my mum had a dvt',
    'me and my son both have sore calves',
    'im 15 and my calves hurt',
    'my calf hurts, my son has the same',
  ])('%s is the writer’s own', (text) => {
    expect(writtenFor(text)).toBeNull();
  });
});

describe('a parent is told once that "you" means the child', () => {
  it('at the start and above the assessment', async () => {
    const { say } = chat('UK');
    const first = (
      await say('my 8 year old son gets achy legs at night, both legs, he has a temperature today')
    ).replies;
    expect(texts(first)).toContain(
      'You are asking about your son. Please answer for him. When I say "you", I mean him.',
    );
    let replies = first;
    for (let i = 0; i < 8 && !assessmentOf(replies); i++)
      replies = (await say(lastQuestion(replies) ? 'no' : 'none')).replies;
    const assessment = assessmentOf(replies);
    expect(assessment?.triage).toBe('urgent');
    expect(texts(replies)).toContain(
      'Here is what I think about your son. Where it says "you", it means him.',
    );
    // He has both legs sore and no limp: the advice names only what was said (W1).
    expect(assessment?.text).toContain(
      'A child with leg pain and a fever needs to be seen by a doctor today.',
    );
    expect(assessment?.text).not.toMatch(/limp or pain in one leg/);
  });

  it('not when the calves are the writer’s', async () => {
    const { say } = chat('UK');
    const first = (await say('my calves ache after my first 10k')).replies;
    expect(texts(first).join('\n')).not.toMatch(/You are asking/);
  });
});
