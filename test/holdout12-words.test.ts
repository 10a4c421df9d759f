/**
 * Readings from the blind holdout12 set (session 4): a child who hops rather than stand, a mum
 * who is "not herself", a target-shaped rash after camping, "more of a twang than a pop", a cut
 * under red skin, a stabbing pain on breathing in. Each changed what the person is told.
 */
import { describe, expect, it } from 'vitest';
import { playThrough, readFindings, testBot } from './helpers/bot.js';

const read = readFindings;

describe('holdout12: what people said, and what they are told', () => {
  it('a 5-year-old who will not put his foot down and hops is seen today', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'h12-child',
      'my 5 yo has been limping since saturday and today he wont really put his left foot down, he just hops. no fall that we know of',
      ['child_under_16', 'one_calf_pain'],
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.causes.map((c) => c.id)).not.toContain('growing_pains');
  });

  it('"not herself" denies nothing after it; a jumper in July and skin like sandpaper are thyroid signs', async () => {
    expect(read("she's not herself, gaining weight")).toHaveProperty('thyroid_symptoms', 'yes');
    expect(read("she's not well, tired all the time")).toHaveProperty('unusual_fatigue', 'yes');
    expect(read('wearing a jumper in july')).toHaveProperty('thyroid_symptoms', 'yes');
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'h12-thyroid',
      'asking for my mum (54). shes had crampy achy calves for a few months and honestly shes not herself – wearing a jumper in july, gaining weight even tho shes eating less, and her skin is like sandpaper',
      ['thyroid_symptoms', 'unusual_fatigue', 'night_cramps'],
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes.map((c) => c.id)).toContain('hypothyroidism');
    // "gaining weight" is not lifting weights
    expect(assessment.causes.map((c) => c.id)).not.toContain('exercise_soreness');
  });

  it('a dash ends a denial: "not swollen – but my calf is red and hot" keeps the red, hot calf', () => {
    expect(read('not swollen – but my calf is red and hot')).toMatchObject({
      one_leg_swollen: 'no',
      calf_red_warm: 'yes',
    });
    expect(read('no swelling - my calf is red and hot')).toHaveProperty('calf_red_warm', 'yes');
  });

  it('a target-shaped rash after camping is not a pale, breathless emergency: see a GP about Lyme disease', async () => {
    const text =
      'went camping in the highlands 2 weeks ago and now theres a big round red rash on the back of my left calf with a paler middle, like a target. its not hot or itchy. my legs ache a bit and i feel kinda fluey';
    expect(read(text)).not.toHaveProperty('pale_or_breathless_on_exertion');
    expect(read(text)).toHaveProperty('tick_bite_or_ring_rash', 'yes');
    const { bot } = testBot();
    const { assessment } = await playThrough(bot, 'h12-tick', text, ['unusual_fatigue']);
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes).toEqual([]);
    expect(assessment.nextSteps.join(' ') + assessment.text).toMatch(/Lyme disease/);
    expect(assessment.sources.map((s) => s.url)).toContain('https://www.nhs.uk/conditions/lyme-disease/');
    // "in a tick" is a moment, not a bite
    expect(read('ill be back in a tick, my calf hurts')).not.toHaveProperty('tick_bite_or_ring_rash');
  });

  it('"more of a twang than a pop" is a strain, not a torn tendon', async () => {
    const text =
      'landed from a rebound at netball and felt something twang in my calf, more of a twang than a pop. can walk on it but its sore going up on my toes';
    expect(read(text)).not.toHaveProperty('sudden_pop_injury');
    const { bot } = testBot();
    const { assessment } = await playThrough(bot, 'h12-twang', text, [
      'calf_pulled_during_sport',
      'one_calf_pain',
      'after_exercise',
    ]);
    expect(['self_care', 'see_doctor']).toContain(assessment.triage);
    expect(assessment.causes[0]?.id).toBe('calf_strain');
    expect(read('heard a pop at the back of my leg playing squash')).toHaveProperty(
      'sudden_pop_injury',
      'yes',
    );
  });

  it('a cut under red, hot skin names a skin infection beside the clot', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'h12-cut',
      "Mum's diabetic (67) and she caught her shin on the car door a few days ago, little cut. Now her lower leg and the back of her calf are red and hot and sore",
      ['calf_red_warm', 'diabetes', 'age_60_plus', 'one_calf_pain', 'one_leg_swollen'],
    );
    expect(assessment.triage).toBe('urgent');
    // Both need help today: the infection is named beside the clot, no longer left out.
    expect(
      assessment.causes
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['cellulitis', 'dvt']);
    expect(read('i got a haircut and my calves ache')).not.toHaveProperty('skin_break_on_leg');
  });

  it('a stabbing pain on breathing in is the emergency sign, said in the opening', () => {
    expect(
      read(
        'his left calf has swelled up and tonight hes got a stabbing pain in his side when he breathes in',
      ),
    ).toHaveProperty('breathless_or_chest_pain', 'yes');
    expect(read('it hurts to breathe')).toHaveProperty('breathless_or_chest_pain', 'yes');
  });
});
