/**
 * Readings from the blind holdout13 set (session 4, "mimics and muddles"): things that sound
 * alarming but are not (sunburn, "popping Advil", out of breath after a lap in PE, a hot big toe),
 * and ones that were missed (puffed on the stairs, ropey veins, "kidneys aren't great").
 */
import { describe, expect, it } from 'vitest';
import { playThrough, readFindings, testBot } from './helpers/bot.js';

const read = readFindings;

describe('holdout13: mimics are not warning signs', () => {
  it('sunburnt calves are not sent for a clot scan', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'sunburn',
      'fell asleep face down on the beach yesterday and the backs of my legs are bright red, hot and sore, calves are the worst. it stings to walk',
      ['calf_red_warm'],
    );
    expect(['self_care', 'see_doctor']).toContain(assessment.triage);
    expect(assessment.causes.map((c) => c.id)).not.toContain('dvt');
  });

  it('"popping Advil" is not a pop in the calf; a heard pop still is', () => {
    expect(read("I've been popping Advil for achy calves")).not.toHaveProperty('sudden_pop_injury');
    expect(read('i heard a pop in my calf')).toHaveProperty('sudden_pop_injury', 'yes');
  });

  it('out of breath after one lap in PE is effort, not the emergency sign', () => {
    const r = read('out of breath after like one lap, my friends say i look really pale');
    expect(r).not.toHaveProperty('breathless_or_chest_pain');
    expect(r).toHaveProperty('pale_or_breathless_on_exertion', 'yes');
  });

  it('a red, swollen big toe is not a red, swollen calf', () => {
    const r = read(
      "woke up with my big toe absolutely on fire, red and swollen, can't even have the sheet touching it",
    );
    expect(r).not.toHaveProperty('calf_red_warm');
    expect(r).not.toHaveProperty('one_leg_swollen');
    expect(r).not.toHaveProperty('night_cramps');
  });
});

describe('holdout13: what was missed is read', () => {
  it('puffed on the stairs with a swollen calf during chemo is the emergency it is', () => {
    expect(read('also a bit puffed on the stairs since yesterday')).toHaveProperty(
      'pale_or_breathless_on_exertion',
      'yes',
    );
  });

  it('ropey veins, 15k steps, cramps most evenings, "I do like a drink", "kidneys aren\'t great"', () => {
    expect(read("I've got ropey veins on both legs")).toHaveProperty('varicose_veins', 'yes');
    expect(read('Walked like 15k steps in them on Saturday')).toHaveProperty('after_exercise', 'yes');
    expect(read('my calves ache and cramp most evenings')).toHaveProperty('night_cramps', 'yes');
    expect(read("I do like a drink if I'm honest")).toHaveProperty('heavy_alcohol', 'yes');
    expect(read("yes her kidneys aren't great, the doctor said stage 3")).toHaveProperty(
      'kidney_or_liver_disease',
      'yes',
    );
    // "aren't great" is a judgement; a plain denial still denies.
    expect(read('not swollen')).toHaveProperty('one_leg_swollen', 'no');
  });
});

describe('holdout15: the detail that decides', () => {
  it('"I have to stand for a minute or two till it goes" on the golf course is claudication in a smoker', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'golf',
      "every round of golf my right calf starts aching round about the 3rd hole and i have to stand for a minute or two till it goes, then i'm fine for another few holes. i'm 67 and still smoke",
      ['pain_walking_relieved_by_rest', 'age_60_plus', 'smoker', 'one_calf_pain'],
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes[0]?.id).toBe('peripheral_artery_disease');
  });

  it('"he\'s a bit warm" is a fever, not a warm calf; a son riding into my leg does not make me a child', () => {
    const r = read("my son is 5, he won't stand on his left leg and he's a bit warm too");
    expect(r).toHaveProperty('fever_spreading_redness', 'yes');
    expect(r).not.toHaveProperty('calf_red_warm');
    expect(
      read('my son rode his scooter straight into the back of my leg and now there is a bruise'),
    ).not.toHaveProperty('child_under_16');
    expect(
      read('my foot hurts at night and only eases if I hang it over the side of the bed'),
    ).toHaveProperty('rest_pain_or_foot_sores', 'yes');
  });
});
