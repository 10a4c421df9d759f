/**
 * Clinical review 6 (knowledge/reviews/2026-12-02-clinical-review-6.md), the items done on the
 * wt-rev6b branch: R7 (painkillers), R9 (sunburn), R10 (legs propped up), R11 (a child's night
 * aches), R12 (cannot bear weight), R13 (what the limits count; prescribed iron), R16 (plain
 * words) and R17 (births long ago, "kicked me in"). Each is a conversation a user would notice,
 * played through the real Bot, answering "none" / "no" to every question like the reviewer did.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

/** Play an opening, answer "none" / "no" to everything, then ask the follow-ups. */
const play = (opening: string, ...followUps: string[]) => playNoneThenAsk('US', opening, ...followUps);
const playIn = playNoneThenAsk;

describe('review 6 R7: painkillers', () => {
  it('prescribed aspirin is not stopped: only aspirin for pain is warned against', async () => {
    const { answers } = await play(
      'My left calf aches a bit. I take aspirin 75mg every day as a blood thinner for my heart',
      'what painkiller can I take?',
    );
    expect(answers[0]).toMatch(/Do not take ibuprofen, or aspirin for pain, unless your doctor says you can/);
    expect(answers[0]).toMatch(/Keep taking the blood thinner you were prescribed/);
    expect(answers[0]).toMatch(/NHS: Apixaban/);
  });

  it('with kidney disease, ibuprofen is not offered: ask first', async () => {
    const { answers } = await play('I have kidney disease and my calves ache', 'can I take ibuprofen?');
    expect(answers[0]).not.toMatch(/Paracetamol or ibuprofen can ease soreness/);
    expect(answers[0]).toMatch(/Do not take ibuprofen unless they say you can/);
  });

  it('at 78, the ibuprofen caution names being over 65', async () => {
    const { answers } = await play("I'm 78 and my calves ache after gardening", 'can I take ibuprofen?');
    expect(answers[0]).toMatch(/Ask first if you are over 65/);
    expect(answers[0]).not.toMatch(/Paracetamol or ibuprofen can ease soreness/);
  });

  it("a child's painkiller answer asks a pharmacist first about asthma", async () => {
    const { answers } = await play(
      "My 8 year old's legs ache in the evening, both legs, fine in the morning. She has asthma",
      'what painkiller can I give her?',
    );
    expect(answers[0]).toMatch(/Ask a pharmacist first if your child has asthma/);
  });

  it('growing pains advice says no ibuprofen with chickenpox', async () => {
    const { assessment, text } = await play(
      'My 7 year old son has chickenpox and his legs ache at night, both legs, fine in the morning',
    );
    expect(assessment.causes.map((c) => c.id)).toContain('growing_pains');
    expect(text).toMatch(/Do not give ibuprofen to a child with chickenpox unless a doctor says so/);
  });
});

describe('review 6 R9: sunburn means a burn', () => {
  it('a red, warm calf after a day in the sun is still checked today', async () => {
    const { assessment } = await play(
      'I was out in the sun all day gardening, now the back of my calf is red, warm and sore',
    );
    expect(assessment.triage).toBe('urgent');
  });

  it('sunburn at home care gets the NHS severe-sunburn safety net', async () => {
    const { assessment, text } = await play(
      'I got sunburnt on the beach yesterday and the backs of both my calves are red and sore',
    );
    expect(assessment.triage).toBe('self_care');
    expect(text).toMatch(
      /Get help today if sunburn blisters or swells, or you get chills or a high temperature/,
    );
  });

  it('time in the sun is not a burn; being burnt is', () => {
    expect(readFindings('I was out in the sun all day')).not.toHaveProperty('sunburn');
    expect(readFindings('I got sunburnt on my legs')).toHaveProperty('sunburn', 'yes');
  });
});

describe('review 6 R10: legs propped up on pillows is not breathlessness', () => {
  it('raising swollen legs is oedema care, booked with a doctor, not "get help today"', async () => {
    const { assessment, text } = await play(
      'My ankles and calves are swollen by the evening so I keep my legs propped up on pillows',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(text).not.toMatch(/breathlessness when you lie flat/);
  });

  it('sleeping propped up to breathe, with swollen legs, is still checked today', async () => {
    const { assessment } = await play(
      'both my ankles and calves are swollen and I have to sleep propped up to breathe',
    );
    expect(assessment.triage).toBe('urgent');
  });

  it('legs propped up at night do not cancel night cramps', () => {
    expect(readFindings('my legs are propped up on pillows and I get cramps at night')).toHaveProperty(
      'night_cramps',
      'yes',
    );
  });
});

describe('review 6 R11: a child aching every night has growing pains, not rest pain', () => {
  it("a 6-year-old's textbook growing pains are home care, with no blocked-artery advice", async () => {
    const { assessment, text } = await play(
      "My 6 year old's legs hurt every night, both legs, and she is fine in the morning",
    );
    expect(assessment.triage).toBe('self_care');
    expect(assessment.causes[0]?.id).toBe('growing_pains');
    expect(text).not.toMatch(/feels better hanging down|a sore that will not heal/);
  });

  it('a constant ache with no word of night is not called night pain', async () => {
    const { text } = await play("I've had a constant ache in my right calf for 3 days, no injury");
    expect(text).not.toMatch(/at night that is not a cramp/);
  });
});

describe('review 6 R12: cannot bear weight', () => {
  it('"unable to walk more than 100 yards" is claudication, booked, not an injured leg', async () => {
    const { assessment, text } = await play(
      "I'm 70 and smoke. I'm unable to walk more than 100 yards before my calves ache, then it eases when I stop.",
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes[0]?.id).toBe('peripheral_artery_disease');
    expect(text).not.toMatch(/cannot put weight on your leg/);
  });

  it('an injury that cannot take weight says it once, naming a break too, citing NHS broken leg', async () => {
    const { assessment, text } = await play(
      "Twisted my ankle and calf at netball, it's really painful and I can't put weight on it",
    );
    expect(assessment.triage).toBe('urgent');
    expect(text).toMatch(/It may be a bad sprain, a tear or a break/);
    expect(text).not.toMatch(/A doctor should check it today\. Contact/);
    expect(assessment.sources.map((s) => s.title)).toContain('Broken leg');
  });
});

describe('review 6 R13: upper limits', () => {
  it('prescribed iron over the limit: keep taking it as the doctor said', async () => {
    const { answers } = await play(
      'My calves cramp at night',
      'I take 65mg iron tablets twice a day, is that too much?',
    );
    expect(answers[0]).toMatch(
      /before you take any more\.\nIf a doctor prescribed it, keep taking it as they said/,
    );
    expect(answers[0]).toMatch(/The limit counts iron from food as well as from tablets/);
  });

  it('the calcium and vitamin D limits count food too', async () => {
    const { answers } = await play(
      'My calves cramp at night',
      'I take 2200 mg of calcium a day, is that ok?',
    );
    expect(answers[0]).toMatch(/These limits count calcium and vitamin D from food as well as from tablets/);
  });
});

describe('review 6 R16: plain words', () => {
  it('in Canada, same-day help is "your doctor, a walk-in clinic, or the 811 health line"', async () => {
    const { text } = await playIn(
      'CA',
      'Took ciprofloxacin last week and now the back of my calf and heel hurt',
    );
    expect(text).toMatch(/your doctor, a walk-in clinic, or the 811 health line \(in most provinces\)/);
    expect(text).toMatch(/today\. Rest the leg until you are seen\./);
  });

  it('on cipro, "should I stop?" says "get help today"', async () => {
    const { answers } = await play(
      'Took ciprofloxacin last week and now the back of my calf and heel hurt',
      'should I stop taking it?',
    );
    expect(answers[0]).toMatch(/Then get help today from your doctor or an urgent care clinic\./);
  });
});

describe('review 6 R17: smaller points', () => {
  it('a birth 3 years ago is not a clot risk', async () => {
    const { assessment, text } = await play(
      'I had my daughter 3 years ago. My left calf has ached for a week.',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(text).not.toMatch(/something that makes a clot more likely|makes clots more likely/);
  });

  it('a birth 9 days ago still is', async () => {
    const { assessment } = await play('I had my daughter 9 days ago and my left calf aches');
    expect(assessment.triage).toBe('urgent');
  });

  it('"my son kicked me in the calf" is a knock on the writer, so a swollen calf is checked without naming a clot', async () => {
    const { assessment, text } = await play(
      'My son kicked me in the calf yesterday and now my calf is swollen',
    );
    expect(assessment.triage).toBe('urgent');
    expect(text).toMatch(/A leg that swells after a knock needs checking today/);
    expect(assessment.causes.map((c) => c.id)).not.toContain('dvt');
    expect(assessment.causes.map((c) => c.id)).not.toContain('growing_pains');
  });

  it('"felt like someone kicked me" is still the torn-tendon feeling, not a knock', () => {
    const r = readFindings(
      'felt like someone kicked me in the back of the leg and now I cant stand on tiptoe',
    );
    expect(r).toHaveProperty('sudden_pop_injury', 'yes');
    expect(r).not.toHaveProperty('knock_or_bruise');
  });
});
