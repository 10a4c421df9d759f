/**
 * Clinical review 7 (lead's items): swallowed tablets are 999 (R1, NHS poisoning); new
 * breathlessness in pregnancy is checked today, and with a racing heart it is 999 (R4, Tommy's);
 * "can it wait?" never undoes a "today" the assessment said (R5).
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

describe('swallowed tablets (R1)', () => {
  it.each([
    'my 3 year old got into my iron tablets and swallowed a few, now she says her legs hurt',
    'I took a whole pack of magnesium tablets and my calves ache',
    'my toddler ate some of my vitamin d tablets',
  ])('%s → call the emergency number, take the packet', async (text) => {
    const { assessment, text: said } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).toBe('emergency');
    expect(said).toMatch(/Call 999 now/);
    expect(said).toMatch(/Take the packet with you/);
    expect(assessment.sources.map((s) => s.url)).toContain('https://www.nhs.uk/conditions/poisoning/');
  });

  it.each([
    'can you overdose on magnesium?',
    'I swallow my magnesium tablets with breakfast',
    'it is hard to swallow tablets',
  ])('not for %s', (text) => {
    expect(readFindings(text).swallowed_tablets).toBeUndefined();
  });
});

describe('breathless in pregnancy (R4)', () => {
  it('new breathlessness late in pregnancy: "checked today" leads, the midwife is named, and "can it wait?" does not undo it', async () => {
    const { assessment, text, answers } = await playNoneThenAsk(
      'UK',
      "I'm 34 weeks pregnant and for the last two days I'm really out of breath walking up the stairs, that's new",
      'can it wait until my midwife appointment next week?',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.nextSteps[0]).toMatch(
      /should be checked today\. Call your midwife or maternity unit now/,
    );
    expect(text).not.toMatch(/This is not an emergency/);
    expect(answers[0]).not.toMatch(/do not need to go today/);
  });

  it('with a racing heart it is 999', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      '30 weeks pregnant, out of breath on the stairs and I keep getting palpitations',
    );
    expect(assessment.triage).toBe('emergency');
  });

  it('the iron text does not talk about heavy periods to a pregnant woman', async () => {
    const { text } = await playNoneThenAsk(
      'UK',
      "I'm 30 weeks pregnant and get out of breath on the stairs, so tired",
    );
    expect(text).not.toMatch(/heavy periods|after the menopause/);
  });
});

describe('"can it wait?" keeps the most urgent sentence (R5)', () => {
  it('a knock on a blood thinner: the "today" conditions are said again, not "you do not need to go today"', async () => {
    const { assessment, answers } = await playNoneThenAsk(
      'UK',
      'I am on rivaroxaban and knocked my calf on the coffee table, it is bruised and sore',
      'can I wait and see?',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(answers[0]).not.toMatch(/do not need to go today/);
    expect(answers[0]).toMatch(/Please do not wait for a routine appointment/);
    expect(answers[0]).toMatch(/today/);
  });

  it('with no "today" sentence shown, the level\'s own answer stays', async () => {
    const { assessment, answers } = await playNoneThenAsk(
      'UK',
      'I have had calf cramps at night for months and they wake me most nights',
      'can it wait until next week?',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(answers[0]).toMatch(/you do not need to go today/);
  });
});
