/**
 * Exploratory test 5 (docs/exploratory/2026-12-02-new-users-5.md), safety items S1–S5 and S10: a
 * warning sign typed after "none," or after a denied item joined by "and" is said, not denied; a
 * cramp that has lasted hours is asked about as one that will not ease; "sparkly lights" and feet
 * that swelled fast in pregnancy are pre-eclampsia signs; both legs weak with back pain, a blow
 * followed by a hardening calf, and a truck driver's warm, throbbing calf get their level.
 */
import { describe, expect, it } from 'vitest';
import { playThrough, readFindings, testBot } from './helpers/bot.js';

async function assess(opening: string, present: string[] = []) {
  const { bot } = testBot({ region: 'UK' });
  const { assessment } = await playThrough(bot, `e5-${Math.random()}`, opening, present);
  return assessment;
}

describe('S1: a warning sign after "none," or "no X and" is said', () => {
  it.each([
    ['none, short of breath tho', 'breathless_or_chest_pain'],
    ['none, coughing up blood tho', 'breathless_or_chest_pain'],
    ['none, foot is cold and white tho', 'leg_cold_pale'],
    ['none, pee looks like coke tho', 'dark_urine_after_exertion'],
    ['calf sore, not swollen and short of breath', 'breathless_or_chest_pain'],
    ['calf sore, no swelling and chest pain', 'breathless_or_chest_pain'],
    ['calf hurts no swelling + breathless', 'breathless_or_chest_pain'],
    ['no pop, no swelling, coughing blood', 'breathless_or_chest_pain'],
    ['never been breathless in my life until today on the stairs', 'breathless_or_chest_pain'],
    ["I'm not usually breathless but I am today", 'breathless_or_chest_pain'],
    ["I've never had chest pain before but today I do", 'breathless_or_chest_pain'],
  ])('%s', (text, finding) => {
    expect(readFindings(text)[finding]).toBe('yes');
  });

  it.each([
    ['no swelling or redness', 'calf_red_warm'],
    ['no swelling, redness or warmth', 'calf_red_warm'],
    ['no chest pain, no breathlessness', 'breathless_or_chest_pain'],
    ['no statins and no water pills', 'diuretic_use'],
  ])('%s still denies it', (text, finding) => {
    expect(readFindings(text)[finding]).toBe('no');
  });

  it('an opening with a denied swelling and breathlessness is an emergency', async () => {
    expect((await assess('my left calf hurts, not swollen and short of breath')).triage).toBe('emergency');
  });
});

describe('S2: a cramp that has lasted hours', () => {
  it.each([
    'my calf has been cramping for 3 hours',
    'ive had a cramp in my calf for 45 minutes',
    'calf has been in cramp all afternoon',
    'cramp in my calf since 6am, still there',
  ])('%s → today', async (opening) => {
    expect(readFindings(opening).cramp_wont_ease).toBe('yes');
    expect((await assess(opening)).triage).toBe('urgent');
  });

  it.each(['i get cramps for 2 minutes at night', 'cramps for 3 weeks now'])(
    '%s is not one long cramp',
    (text) => {
      expect(readFindings(text).cramp_wont_ease).toBeUndefined();
    },
  );
});

describe('S3: pre-eclampsia signs in the words people use', () => {
  it.each([
    '24 weeks pregnant, calf cramps at night. i keep seeing sparkly lights',
    '34 wks pregnant, calf cramps every night, my feet r massive since the weekend',
    'im 28 weeks pregnant with calf cramps and my feet have suddenly swollen up loads',
  ])('%s → today', async (opening) => {
    expect((await assess(opening)).triage).toBe('urgent');
  });
});

describe('S4, S5, S10', () => {
  it('both legs weak with back pain is an emergency (NHS sciatica)', async () => {
    const a = await assess(
      'my legs have both gone weak and wobbly since this morning and my back is killing me, calves ache',
    );
    expect(a.triage).toBe('emergency');
    expect(a.causes[0]?.id).toBe('cauda_equina_syndrome');
  });

  it('back pain and no wee since the morning is an emergency', async () => {
    const a = await assess(
      'back pain shooting into my calf, havent had a wee since this morning and dont feel the need',
    );
    expect(a.triage).toBe('emergency');
  });

  it.each([
    "took a hockey stick to the calf this morning. it's really swollen and hard now and hurts more every hour",
    'kicked in the calf yesterday, now its tight and hard and the pain is getting worse',
  ])('%s → compartment syndrome, an emergency', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('emergency');
    expect(a.causes[0]?.id).toBe('compartment_syndrome');
  });

  it("a truck driver's throbbing, kinda warm calf is checked today", async () => {
    const a = await assess(
      'truck driver, 11 hr shifts behind the wheel. right calf been throbbing since yesterday, kinda warm. prob just from the pedal',
    );
    expect(a.triage).toBe('urgent');
  });
});
