/**
 * What the fourth exploratory test (session 5, docs/exploratory/2026-12-02-new-users-4.md) found:
 * breathing words said in an answer, a pregnancy's warning signs typed on the first screen, a
 * suddenly racing heart, "achilles" read as a pop, a 79-year-old man recorded as pregnant,
 * "lie down my legs" read as sciatica, and eight hours of gaming read as exercise.
 */
import { describe, expect, it } from 'vitest';
import { assessmentOf, chat, lastQuestion, readFindings, replyText, testBot } from './helpers/bot.js';

const read = readFindings;

const textOf = replyText;

describe('explore4: breathing words in answers are the emergency sign', () => {
  it.each([
    'none but it hurts to take a deep breath',
    'none but breathing feels hard',
    "none, but I can't get enough air",
    'sob now',
    "now I'm wheezy",
    'my lips look a bit blue',
  ])('"%s" on the safety screen, after a swollen calf, is an emergency', async (answer) => {
    const c = chat();
    await c.say('my right calf is swollen');
    const { replies } = await c.say(answer);
    expect(assessmentOf(replies)?.triage).toBe('emergency');
  });

  it('said after a same-day result, it raises the advice to an emergency', async () => {
    const c = chat();
    await c.say('my right calf is swollen');
    let { replies } = await c.say('none');
    for (let i = 0; i < 8 && !assessmentOf(replies); i++) replies = (await c.say('no')).replies;
    expect(assessmentOf(replies)?.triage).toBe('urgent');
    const after = await c.say("no, but I feel like I can't get enough air");
    expect(assessmentOf(after.replies)?.triage).toBe('emergency');
  });

  it('asthma does not cancel breathlessness, and "I sob when it hurts" is crying', () => {
    expect(read("I have asthma and I'm short of breath, calf swollen")).toHaveProperty(
      'breathless_or_chest_pain',
      'yes',
    );
    expect(read('I sob when it hurts')).not.toHaveProperty('breathless_or_chest_pain');
  });
});

describe('explore4: a pregnancy said first is the context for warning signs said later', () => {
  it('puffy face and hands with a headache, typed on the first screen, get same-day help', async () => {
    const c = chat();
    await c.say("I'm 32 weeks pregnant and getting calf cramps at night, is magnesium ok to take?");
    const { replies } = await c.say(
      "none of those. my hands and face have got really puffy since yesterday and i've had a headache i can't shift but i think that's just the heat",
    );
    expect(textOf(replies)).toMatch(/Noted/);
    expect(assessmentOf(replies)?.triage).toBe('urgent');
  });

  it('without a pregnancy, a puffy face is not a pregnancy warning sign', () => {
    expect(read('my face has got really puffy and I have a headache')).not.toHaveProperty(
      'pregnancy_warning_signs',
    );
  });
});

describe('explore4: a suddenly racing heart', () => {
  it('is checked the same day, even with no one-sided calf sign', async () => {
    const c = chat();
    let { replies } = await c.say('my calf aches and my heart has suddenly started racing since lunch');
    for (let i = 0; i < 10 && !assessmentOf(replies); i++) {
      const q = lastQuestion(replies);
      replies = (await c.say(q?.type === 'multi' ? 'none of those' : 'no')).replies;
    }
    expect(assessmentOf(replies)?.triage).toBe('urgent');
    expect(textOf(replies)).not.toMatch(/This is not an emergency/);
  });

  it('a heart that pounds now and then with heavy periods is a palpitation, not the sudden sign', () => {
    const r = read('my periods are heavy and sometimes I can feel my heart pounding');
    expect(r).not.toHaveProperty('fainting_or_racing_heart');
    expect(r).toHaveProperty('palpitations', 'yes');
  });
});

describe('explore4: words that were misread', () => {
  it('"achilles" alone is a sore tendon, not a pop; a snapped achilles still is', () => {
    expect(read('sore achilles after tennis')).not.toHaveProperty('sudden_pop_injury');
    expect(read('my achilles is a bit stiff in the mornings')).toHaveProperty('heel_tendon_pain', 'yes');
    expect(read('i think i snapped my achilles')).toHaveProperty('sudden_pop_injury', 'yes');
  });

  it('a man saying so is not pregnant, and no one aged 60 or more is asked', async () => {
    expect(read("lol no, I'm a man")).toHaveProperty('pregnant', 'no');
    const { bot } = testBot();
    let { replies } = await bot.handle('old', {
      kind: 'text',
      text: "I'm 79 and my calves cramp at night",
    });
    for (let i = 0; i < 10 && !assessmentOf(replies); i++) {
      const q = lastQuestion(replies)!;
      expect(q.type === 'multi' ? q.options.map((o) => o.finding) : [q.finding]).not.toContain('pregnant');
      replies = (await bot.handle('old', { kind: 'text', text: q.type === 'multi' ? 'none' : 'no' })).replies;
    }
  });

  it('"when I lie down my legs ache" is not sciatica, and an adult does not get the children\'s finding', () => {
    const r = read('every evening when I lie down my legs ache');
    expect(r).not.toHaveProperty('back_pain_radiating');
    expect(r).not.toHaveProperty('pain_both_legs_evening_child');
    expect(read('pain shoots from my back down my leg')).toHaveProperty('back_pain_radiating', 'yes');
    expect(read('5yo wakes up crying about her legs, fine in the morning and at daycare')).toHaveProperty(
      'pain_both_legs_evening_child',
      'yes',
    );
  });

  it('eight hours of gaming is sitting still (a clot risk), not exercise', () => {
    const r = read(
      'my calf cramped up while I was playing video games for like 8 hours straight, still sore',
    );
    expect(r).not.toHaveProperty('after_exercise');
    expect(r).toHaveProperty('clot_risk_factor', 'yes');
    expect(read('sat for 2 hours watching tv')).not.toHaveProperty('clot_risk_factor');
  });
});

describe('explore4 S9: extreme soreness after a first class', () => {
  it('brings the muscle-breakdown question; ordinary soreness after a run does not', async () => {
    const asked = async (opening: string) => {
      const c = chat();
      await c.say(opening);
      const { replies } = await c.say('none');
      const q = lastQuestion(replies);
      return q === undefined ? [] : q.type === 'multi' ? q.options.map((o) => o.finding) : [q.finding];
    };
    expect(
      await asked(
        'did my first crossfit class 2 days ago and both calves are insanely sore, can barely walk down stairs',
      ),
    ).toContain('severe_muscle_pain_weakness');
    expect(await asked('calves a bit sore after my 10k yesterday')).not.toContain(
      'severe_muscle_pain_weakness',
    );
  });
});
