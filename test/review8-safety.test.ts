/**
 * Safety items of session 10 (review 8 and holdout 20, whose files were lost with session 9):
 * tablets counted over the most a day are poisoning (R1, R2), a long lie in other words (R3), a fall
 * on a blood thinner is seen today (R7), and a cramp's "all day" stays in its own sentence.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

describe('R1, R2: tablets already taken, counted', () => {
  it.each([
    "calves absolutely killin me after a double shift on my feet so i took like 12 of my nan's co-codamol through the day, still aching tho. whats stronger i can take??",
    'Hello doctor, calf pain since 3 days. I have taken around 10-11 Dolo 650 since yesterday morning and one Combiflam also but pain not going. Can I take one more tablet?',
    'i took 16 paracetamol today and my calf still hurts',
    "i've been taking 4 paracetamol every 4 hours for my calf",
    'necked a whole strip of ibuprofen for my calf',
    'i took twelve paracetamol, calf still sore',
    'pulled my calf at 5 a side sat and its killing me. been taking co-codamol 30/500, 2 every 3 hours since yesterday morning so about 14 so far, plus a couple of lemsip last night. is that ok or should i switch to nurofen',
  ])('%s → 999, take the packet', async (text) => {
    const { assessment, text: reply } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).toBe('emergency');
    expect(reply).toContain('Call 999 now');
    expect(reply).toContain('Take the packet with you');
  });

  it.each([
    'calves sore from the gym, ive had about 20 nurofen over the day',
    'took 7 nurofen today for my calf',
  ])('%s → today: too much ibuprofen, never 999 for that alone', async (text) => {
    const { assessment, text: reply } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).toBe('urgent');
    expect(reply).toContain('Too much can cause bleeding in the stomach');
    expect(reply).toContain('Do not take any more for now');
  });

  it.each([
    'took 2 paracetamol this morning, calves ache after my run',
    "i've taken 8 paracetamol today for my sore calves",
    'had 12 paracetamol over 3 days for my calf strain',
    'i take 2 paracetamol 4 times a day for my sore calves',
    'how many ibuprofen can i take for a pulled calf',
    'can i take 10 paracetamol a day for calf pain?',
    'took paracetamol at 10 and 2 for my sore calves',
    'took 2 nurofen 6 hours ago, calves still sore from the run',
  ])('%s is within the most, or asked, not taken: no poisoning line', async (text) => {
    const { assessment, text: reply } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).not.toBe('emergency');
    expect(reply).not.toContain('Swallowed tablets can be poisoning');
    expect(reply).not.toContain('more ibuprofen than the usual most');
  });

  it("her tablets are not her calves: 'of my nan's co-codamol' is not the writer's age", () => {
    expect(readFindings("so i took like 12 of my nan's co-codamol").age_60_plus).toBeUndefined();
    expect(readFindings("i'm worried about my nan, her calf hurts").age_60_plus).toBe('yes');
  });
});

describe('R3: a long lie in other words', () => {
  it.each([
    'mum fell last night and couldnt get up till the morning, now her calf is sore',
    'dad fell and lay there for a few hours before the neighbour found him',
    'i fell in the bathroom and was stuck there till my daughter came at lunch',
  ])('%s is hours on the floor', (text) => {
    expect(readFindings(text).long_lie_on_floor).toBe('yes');
  });

  it('"stuck there till my daughter came": the writer is the patient, not a child', () => {
    expect(
      readFindings('i fell in the bathroom and was stuck there till my daughter came at lunch')
        .child_under_16,
    ).toBeUndefined();
  });

  it('a long lie is checked today, with the CK test; with dark pee it is 999 and never "today"', async () => {
    const today = await playNoneThenAsk(
      'UK',
      'mum fell last night and couldnt get up till the morning, now her calf is sore',
    );
    expect(today.assessment.triage).toBe('urgent');
    expect(today.text).toMatch(/CK|creatine kinase/);
    const now = await playNoneThenAsk(
      'UK',
      'mum fell last night and couldnt get up till the morning, now her calf is sore and her wee is dark brown',
    );
    expect(now.assessment.triage).toBe('emergency');
    expect(now.text).not.toMatch(/\btoday\b/i);
  });
});

describe('R7: a fall on a blood thinner', () => {
  it.each([
    'had a fall yesterday, im on warfarin, calf is sore',
    'slipped on ice, on rivaroxaban, calf painful',
    'tripped on the stairs, im on apixaban, my calf aches',
  ])('%s → checked today', async (text) => {
    const { assessment, text: reply } = await playNoneThenAsk('UK', text);
    expect(assessment.triage).toBe('urgent');
    expect(reply).toContain('You had a fall and you take a blood thinner');
  });

  it('"no falls, on warfarin" keeps the warfarin and is not a fall', async () => {
    expect(readFindings('no falls, on warfarin, both calves ache at night').blood_thinner_use).toBe('yes');
    const { text } = await playNoneThenAsk('UK', 'no falls, on warfarin, both calves ache at night');
    expect(text).not.toContain('You had a fall');
  });

  it('"fell asleep" is not a fall', () => {
    expect(readFindings('fell asleep on the sofa, on warfarin, calf aches').had_a_fall).toBeUndefined();
  });
});

describe('holdout 20: misreadings that over-triaged', () => {
  it.each([
    ['is it normal or something torn?', 'sudden_pop_injury'],
    [
      'backs of both calves are bright red, hot and stinging, cant stand my jeans touching them',
      'child_cannot_bear_weight',
    ],
    ['fell asleep on my stomach at bondi yesterday', 'night_cramps'],
    ['horsefly got me on the calf, theres an itchy raised lump', 'lump_in_calf'],
  ])('"%s" is not %s', (text, finding) => {
    expect(readFindings(text)[finding]).toBeUndefined();
  });

  it.each([
    ['aloe isnt doing much, backs of my calves are red and hot', 'sunburn', 'yes'],
    ['whacked the side of my calf on the coffee table corner', 'knock_or_bruise', 'yes'],
    ['took a hockey stick to the calf, the bruise is going green', 'knock_or_bruise', 'yes'],
    ['36 weeks pregnant, my rings wont go on and my head is pounding', 'pregnancy_warning_signs', 'yes'],
  ])('"%s" is %s', (text, finding, choice) => {
    expect(readFindings(text)[finding]).toBe(choice);
  });
});

describe("a cramp's length stays in its own sentence", () => {
  it('"cramps mostly at night. obvs weeing all day too" is not a cramp that will not ease', () => {
    const found = readFindings(
      "Mum's in her 70s and on furosemide for her heart, now shes getting awful calf cramps mostly at night. obvs weeing all day too",
    );
    expect(found.cramp_wont_ease).toBeUndefined();
    expect(found.diuretic_use).toBe('yes');
    expect(readFindings('cramp in my calf all day, wont go').cramp_wont_ease).toBe('yes');
  });
});
