/**
 * Whose calves, which leg, how long: readings from the blind holdout7/holdout8 sets (session 3)
 * that changed what people are told. Each is played through a real Bot to its assessment.
 */
import { describe, expect, it } from 'vitest';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { knowledge, playThrough, readFindings, testBot } from './helpers/bot.js';

const read = readFindings;

describe('what is said of someone else is not the writer’s', () => {
  it("a husband's statin is not the writer's: night cramps get self care, not a medicine warning", async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'k1',
      "my husband's on lipitor and gets achey legs so he told me to ask this. I'm 52 and not on anything, I just get the odd cramp in my calf at night",
      ['night_cramps'],
    );
    expect(assessment.triage).toBe('self_care');
    expect(assessment.causes.map((c) => c.id)).not.toContain('medication_side_effect');
  });

  it("a colleague's or a mother's clot is not the writer's clot risk", () => {
    expect(
      read('my colleague had a DVT last year. now both calves are wrecked after the stair climb'),
    ).not.toHaveProperty('clot_risk_factor', 'yes');
    expect(
      read('Slightly paranoid because my mum had a clot in her leg years ago. Im 41, both calves sore'),
    ).not.toHaveProperty('clot_risk_factor', 'yes');
  });

  it('a message written for someone else keeps everything said of them', () => {
    expect(read('my dad is on frusimide')).toHaveProperty('diuretic_use', 'yes');
    expect(read('my dad is on statins and his calves ache')).toHaveProperty('statin_use', 'yes');
    expect(
      read('asking for my daughter, 14. she is vegetarian and her periods are really heavy'),
    ).toMatchObject({
      child_under_16: 'yes',
      plant_based_diet: 'yes',
    });
    expect(read('my wife says my left calf is swollen')).toHaveProperty('one_leg_swollen', 'yes');
    // A parent writing about a child who hurts: the child is the patient ("is this growing pains?" is not the writer's pain).
    expect(
      read(
        'my son is 6 and most evenings at bedtime he cries that his legs hurt, both sides. is this growing pains?',
      ),
    ).toMatchObject({ child_under_16: 'yes', pain_both_legs_evening_child: 'yes' });
  });

  it('a baby son is not a child patient, and a relative’s age is read', () => {
    expect(read('had my son by c-section 9 days ago, my right calf aches')).not.toHaveProperty(
      'child_under_16',
      'yes',
    );
    expect(read('my aunt is 84 and has a deep ache in her calves')).toHaveProperty('age_60_plus', 'yes');
    expect(read('worried about my nan (83, diabetic), her calf hurts at night')).toHaveProperty(
      'age_60_plus',
      'yes',
    );
  });
});

describe('words that used to mislead', () => {
  it('breathless at PE is effort, not the emergency sign, so it is asked, not assumed', () => {
    const f = read('she is always tired, looks pale and gets breathless at PE');
    expect(f.breathless_or_chest_pain).toBeUndefined();
    expect(f.pale_or_breathless_on_exertion).toBe('yes');
  });

  it('jump rope is not a cord in a vein; a meniscus tear is not a torn calf', () => {
    expect(read('started doing jump rope and calf raises')).not.toHaveProperty('tender_cord_along_vein');
    expect(read('physio reckons a meniscus tear')).not.toHaveProperty('sudden_pop_injury');
  });

  it('swelling at the back of the knee is a lump there, not a swollen leg', () => {
    expect(read('now theres a tight swelling at the back of the knee')).toEqual({ lump_behind_knee: 'yes' });
  });

  it('"not sure, it\'s only his left leg": the doubt does not reach the leg', () => {
    expect(read('thought it was growing pains but now im not sure, its only his left leg')).toHaveProperty(
      'one_calf_pain',
      'yes',
    );
  });

  it('stopping to stretch a cramp on a hike is not claudication; standing still till it goes is', () => {
    expect(read('both calves kept cramping on the stairs, had to stop and stretch heaps')).not.toHaveProperty(
      'pain_walking_relieved_by_rest',
    );
    expect(
      read('my calf starts cramping after 3 holes of walking, i stand still a couple of minutes and it goes'),
    ).toHaveProperty('pain_walking_relieved_by_rest', 'yes');
  });
});

describe('a cramp that will not go', () => {
  it('a cramp in one calf for 5 hours is urgent, with the clot named (NHS: over 10 minutes)', async () => {
    const { bot } = testBot({ region: 'UK' });
    const { assessment } = await playThrough(
      bot,
      'k2',
      'got what feels like a cramp in my left calf since i woke up this morning and it just wont go, its been about 5 hours. 58',
      ['one_calf_pain'],
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.causes[0]?.id).toBe('dvt');
    expect(JSON.stringify(assessment)).toContain('NHS 111');
  });

  it('an ordinary night cramp is asked about, and a no keeps self care', async () => {
    const { bot } = testBot();
    const { assessment, questions } = await playThrough(bot, 'k3', 'calf cramps wake me at night', [
      'night_cramps',
    ]);
    expect(questions.some((q) => q.type === 'yes_no' && q.finding === 'cramp_wont_ease')).toBe(true);
    expect(assessment.triage).toBe('self_care');
  });

  it('hours on your feet is not a cramp lasting hours', () => {
    expect(read('12 hours on my feet and my calves cramp at night')).not.toHaveProperty('cramp_wont_ease');
  });
});

describe('a child whose pain is in one leg', () => {
  it('is not told it is growing pains', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'k4',
      "thought my 5 yr old had growing pains but now im not sure, its only his left leg, the calf/shin, and he's been limping since tuesday",
      ['child_under_16', 'one_calf_pain', 'child_warning_signs'],
    );
    expect(assessment.triage).not.toBe('self_care');
    expect(assessment.causes.map((c) => c.id)).not.toContain('growing_pains');
  });
});

describe('pain along the shin bone', () => {
  it('names no calf cause for shin splints after Couch to 5k', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'k5',
      'started couch to 5k 3 weeks ago, now both my shins ache down the front inside edge during runs and after. not really the calf muscle, more along the bone. no swelling.',
      ['after_exercise', 'shin_bone_pain'],
    );
    expect(assessment.triage).toBe('self_care');
    expect(assessment.causes).toEqual([]);
  });
});

describe('holdout9 (chat-app typing)', () => {
  it('"32 weeks and ..." is a pregnancy, "for 3 weeks" is not', () => {
    expect(read('32 weeks and getting calf cramps in bed nearly every night')).toHaveProperty(
      'pregnant',
      'yes',
    );
    expect(read('my calf has hurt for 3 weeks')).not.toHaveProperty('pregnant');
    expect(read('3 weeks ago i hurt my calf')).not.toHaveProperty('pregnant');
  });

  it('cramps that wake someone of 71 every night get a GP visit; in pregnancy they stay self care', async () => {
    const { bot } = testBot();
    const old = await playThrough(
      bot,
      'k6',
      'every night now my calves cramp n wake me up, im 71, no sleep',
      ['night_cramps', 'age_60_plus'],
    );
    expect(old.assessment.triage).toBe('see_doctor');
    const pregnant = await playThrough(bot, 'k7', '32 weeks pregnant and calf cramps wake me most nights', [
      'night_cramps',
      'pregnant',
    ]);
    expect(pregnant.assessment.triage).toBe('self_care');
  });

  it('a bruise from a knock is not a red, warm calf; ropey varicose veins are not a hard cord', () => {
    expect(read('walked into the coffee table lol, big purple bruise on my calf now')).not.toHaveProperty(
      'calf_red_warm',
    );
    expect(read('yeah big ropey ones on both calves, worse since my second kid')).toEqual({
      one_calf_pain: 'no',
    });
  });

  it('"varicose veins like my mum" are the writer’s own', () => {
    expect(read('legs feel heavy by the end of every shift, got varicose veins like my mum')).toHaveProperty(
      'varicose_veins',
      'yes',
    );
  });
});

describe('holdout10 (supplements first, answers that carry the danger)', () => {
  it('what follows "just" or "only" is said, not denied', () => {
    expect(read('no water tablets, just the pill')).toMatchObject({
      clot_risk_factor: 'yes',
      diuretic_use: 'no',
    });
    expect(read('no, just insulin')).toHaveProperty('diabetes', 'yes');
    expect(read('no its just the one leg and it hurts in the day too')).toHaveProperty(
      'one_calf_pain',
      'yes',
    );
  });

  it('an answer to the pre-eclampsia question needs no word for pregnancy in it', () => {
    const f = Object.fromEntries(
      extractFindings('the headache is really bad and i keep seeing little flashing lights', knowledge(), {
        expecting: ['pregnancy_warning_signs'],
      }),
    );
    expect(f.pregnancy_warning_signs).toBe('yes');
    expect(read('the headache is really bad')).not.toHaveProperty('pregnancy_warning_signs');
  });

  it('a puffy face and fingers are not a swollen leg; a hockey-ball bruise is not a red, warm calf', () => {
    expect(
      read('my face and fingers have gone puffy since yesterday, my rings wont come off'),
    ).not.toHaveProperty('one_leg_swollen');
    expect(
      read('took a hockey ball full pelt to the back of my calf, big purple bruise now'),
    ).not.toHaveProperty('calf_red_warm');
  });

  it('a lump in the calf itself gets a GP visit', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(bot, 'k8', 'there is a firm lump in my left calf muscle', [
      'one_calf_pain',
      'lump_in_calf',
    ]);
    expect(['see_doctor', 'urgent']).toContain(assessment.triage);
  });
});
