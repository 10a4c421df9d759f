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

describe('emergencies said in the opening, read there (not left to the safety list)', () => {
  it.each([
    'took a slapshot to the back of my calf at beer league tonight. few hrs later its getting WORSE not better, calf is tight like a drum',
    'took a hurl to the back of the calf at training last night. this morning its rock hard and the pain is unreal',
  ])('%s → pressure in the muscle, 999', async (text) => {
    expect(readFindings(text).severe_pain_tight_after_injury).toBe('yes');
    const { assessment } = await playNoneThenAsk('CA', text);
    expect(assessment.triage).toBe('emergency');
    expect(assessment.causes.map((c) => c.id)).toContain('compartment_syndrome');
  });

  it('numbness said as "my bum and between my legs feels numb" is the cauda equina sign', async () => {
    const text =
      'bad back all week with pain shooting down my left leg. since this morning my bum and between my legs feels numb, and i couldnt really tell if id finished weeing';
    expect(readFindings(text).saddle_numbness_or_bladder_change).toBe('yes');
    const { assessment } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).toBe('emergency');
  });
});

describe('other openings read in full', () => {
  it('"barely keeping water down" is drinking too little', () => {
    expect(readFindings('had norovirus since thurs, barely keeping water down').low_fluid_intake).toBe('yes');
  });

  it('"my sock is leaving a deep mark on that side only" is one swollen leg', () => {
    expect(
      readFindings('my left calf aches and my sock is leaving a deep mark on that side only').one_leg_swollen,
    ).toBe('yes');
  });

  it('"i wake with my calf in a knot" is a night cramp; "i wake with a headache" is not', () => {
    expect(readFindings('every couple of weeks i wake with my calf in a knot').night_cramps).toBe('yes');
    expect(readFindings('i wake with a headache').night_cramps).toBeUndefined();
  });

  it('"beer league" is hockey, not drinking', () => {
    expect(readFindings('hurt my calf at beer league').heavy_alcohol).toBeUndefined();
  });
});

describe('the Achilles "someone hit me" feeling said other ways', () => {
  it.each([
    'doing box jumps and felt like someone chucked a ball at the back of my ankle, turned round and nobody there',
    'felt like someone booted me in the back of the heel, turned round and nobody there',
    'felt like i was shot in the calf during squash',
  ])('%s → a torn tendon is checked today', async (text) => {
    expect(readFindings(text).kick_feeling_no_blow).toBe('yes');
    const { assessment } = await playNoneThenAsk('US', text);
    expect(assessment.triage).toBe('urgent');
    expect(assessment.causes.map((c) => c.id)).toContain('tendon_or_muscle_tear');
  });

  it('"it feels like someone is squeezing my calf" is not it', () => {
    expect(readFindings('it feels like someone is squeezing my calf').kick_feeling_no_blow).toBeUndefined();
  });
});

describe('a comma after one denial is not a list unless an "or" ends it', () => {
  it.each([
    ['no swelling, short of breath', 'breathless_or_chest_pain', 'yes'],
    ['not swollen, a bit breathless', 'breathless_or_chest_pain', 'yes'],
    ['not swollen, a bit breathless', 'one_leg_swollen', 'no'],
    ["no swelling, can't walk on it", 'cannot_bear_weight', 'yes'],
    ['no swelling, now i cant walk on it', 'cannot_bear_weight', 'yes'],
    ['no swelling, redness or heat', 'calf_red_warm', 'no'],
    ['no swelling, dont have chest pain', 'breathless_or_chest_pain', 'no'],
    ['cant see any swelling', 'one_leg_swollen', 'no'],
  ])('%s → %s %s', (text, finding, choice) => {
    expect(readFindings(text)[finding]).toBe(choice);
  });

  it('"no swelling, short of breath" is 999, not home care', async () => {
    const { assessment } = await playNoneThenAsk('UK', 'my left calf hurts, no swelling, short of breath');
    expect(assessment.triage).toBe('emergency');
  });
});
