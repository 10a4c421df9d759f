/**
 * Session 8, the lead's readings from the standing sets' misses: a tummy bug said in UK, Irish,
 * Australian and Indian words counts as vomiting or diarrhoea (so dehydration can be weighed), and
 * a thyroid said to be checked and fine is not a sign of a slow thyroid.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

describe('a tummy bug said many ways', () => {
  it.each([
    "he's had a sickness bug for 2 days",
    'had d and v all weekend',
    'spewing all night after a dodgy kebab',
    'bit of delhi belly since the trip',
    'dodgy tummy since Tuesday',
  ])('%s → vomiting or diarrhoea', (text) => {
    expect(readFindings(text).vomiting_or_diarrhea).toBe('yes');
  });

  it('a teenager with cramps after a sickness bug is told about fluids, not "nothing fits"', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'UK',
      "my son is 14 he's had a sickness bug for 2 days, hes keeping some drinks down but not much food, and now he keeps getting cramps in both calves",
    );
    expect(assessment.causes.map((c) => c.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/dehydration|potassium_deficiency/)]),
    );
    expect(text).not.toMatch(/Nothing you told me points to one clear cause/);
  });
});

describe('a thyroid checked and fine', () => {
  it.each([
    'I take ramipril, aspirin and levothyroxine (thyroid bloods in March were fine)',
    "I'm 76, on levothyroxine, thyroid all good",
    'thyroid levels are normal',
  ])('%s → no thyroid sign', (text) => {
    expect(readFindings(text).thyroid_symptoms).toBeUndefined();
  });

  it.each([
    'my thyroid is fine but I am always cold',
    'thyroid levels came back low',
    'i have an underactive thyroid',
  ])('%s → still a thyroid sign', (text) => {
    expect(readFindings(text).thyroid_symptoms).toBe('yes');
  });
});
