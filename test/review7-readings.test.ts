/**
 * Clinical review 7, readings (knowledge/reviews/2026-12-02-clinical-review-7.md): what a person
 * types, the level they get, and what the reply says. R2: "felt like I was kicked" is the torn
 * tendon, not a knock. R3: a faint during exercise, lying down or with a racing heart is 999. R9:
 * dizziness alone is a GP matter, even with a clot risk. R10: one weak leg or tired legs after the
 * gym are not 999, and no one is told they mentioned numbness they never described. R11: a
 * child's red, warm calf is a skin infection, not a clot. R14: a long cramp names a clot only in
 * one calf or with a clot risk, and "lasted about 20 minutes" is read. The person answers "none"
 * and "no" after the opening, as many do when they think they have said it.
 */
import { describe, expect, it } from 'vitest';
import { assessmentOf, chat, playNoneThenAsk, playThrough, readFindings, testBot } from './helpers/bot.js';

const assess = async (opening: string) => {
  const { assessment, text } = await playNoneThenAsk('UK', opening);
  return { ...assessment, said: text, causeIds: assessment.causes.map((c) => c.id) };
};

describe('R2: "felt like I was kicked" is the torn-tendon story', () => {
  it.each([
    'felt like I was kicked in the back of my calf during squash',
    'felt like I was kicked in the back of my calf during squash, heard a pop',
    'playing tennis, felt like I got kicked in the back of my leg and now it hurts to walk',
    "at football I felt like I'd been kicked in the calf but no one was near me",
    'at badminton it was as if someone had kicked me in the back of the ankle',
  ])('%s → today, a torn tendon or calf muscle', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('urgent');
    expect(a.causeIds[0]).toBe('tendon_or_muscle_tear');
    expect(a.said).toContain('can mean a torn tendon or calf muscle');
    expect(a.said).not.toMatch(/Sore muscles after exercise/);
  });

  it('typed as the answer to the safety check, it picks the pop or "kick" option', async () => {
    const { say } = chat('UK');
    await say('my calf hurts after squash last night');
    let { replies } = await say('felt like I was kicked in the back of my calf');
    for (let i = 0; i < 10 && !assessmentOf(replies); i++) replies = (await say('no')).replies;
    const a = assessmentOf(replies)!;
    expect(a.triage).toBe('urgent');
    expect(a.causes[0]?.id).toBe('tendon_or_muscle_tear');
  });

  it('a real kick from someone is still a knock, not a tear', async () => {
    expect(readFindings('my son kicked me in the calf')).toEqual({ knock_or_bruise: 'yes' });
    const a = await assess('I got kicked in the calf at football yesterday, big bruise, it is sore');
    expect(a.causeIds).not.toContain('tendon_or_muscle_tear');
    expect(a.said).not.toContain('torn tendon');
  });

  it('both calves that "feel like I have been kicked" after a hard day are sore, not torn', () => {
    const read = readFindings("after leg day both calves feel like I've been kicked");
    expect(read.kick_feeling_no_blow).toBeUndefined();
    expect(read.sudden_pop_injury).toBeUndefined();
  });
});

describe('R3: a faint during exercise, lying down or with a racing heart is 999', () => {
  it.each([
    'I fainted while I was running yesterday and now both my calves ache',
    'I fainted while running and now my calves ache',
    'I fainted during my run yesterday, calves ache',
    'passed out on the treadmill, calves sore',
    'my heart was racing and then I passed out. calves ache',
    "I'm 75 and I passed out in bed last night, my calves ache",
  ])('%s → call 999 now', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('emergency');
    expect(a.headline).toBe('Call 999 now');
    expect(a.said).toContain(
      'Fainting during exercise, while lying down, or with a racing or pounding heart can be a heart problem.',
    );
    expect(a.sources.map((s) => s.url)).toContain('https://www.nhs.uk/conditions/fainting/');
  });

  it.each([
    'my calves ache and I nearly passed out on the stairs yesterday',
    'I felt faint after my run and my calves ache',
  ])('a near-faint (%s) is checked today, not 999', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('urgent');
    expect(a.said).toContain('Fainting, or a heart that suddenly races, needs a check today.');
  });
});

describe('R9: dizziness alone is a GP matter, even on the pill, on HRT or in pregnancy', () => {
  it.each([
    "I'm 20 weeks pregnant, my calves cramp at night and I sometimes feel a bit dizzy",
    "I'm on the pill and my calves ache after standing all day at work. I get dizzy sometimes",
    "I'm on HRT and my calves ache at night, I've been a bit lightheaded lately",
  ])('%s → see a doctor, no clot in the lungs', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('see_doctor');
    expect(a.headline).toBe('Book an appointment with your GP');
    expect(a.said).toContain('Dizzy spells that keep coming back are worth a check by your GP.');
    expect(a.said).not.toMatch(/clot in the lungs/);
  });

  it('dizzy when standing up quickly: a short drop in blood pressure, see a doctor if it keeps happening', async () => {
    const a = await assess('my calves ache and I get a bit dizzy when I stand up quickly');
    expect(a.triage).toBe('see_doctor');
    expect(a.said).toContain(
      'Feeling dizzy when you stand up quickly can be a short drop in blood pressure.',
    );
  });

  it.each([
    'my left calf is swollen and sore and I feel dizzy',
    "I'm 30 weeks pregnant, I get out of breath on the stairs and I feel dizzy",
  ])('%s → still 999: it can be a clot in the lungs', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('emergency');
    expect(a.said).toContain('can mean a clot in the lungs');
  });

  it('a near-faint on the pill with no calf sign is 999, and says what was told', async () => {
    const a = await assess("I'm on the pill, my calves ache and I nearly fainted this morning");
    expect(a.triage).toBe('emergency');
    expect(a.said).toContain('Something you told me makes a clot more likely.');
    expect(a.said).not.toContain('with a sore or swollen calf');
  });
});

describe('R10: one weak leg, or tired legs after the gym, are not cauda equina', () => {
  it('one weak leg with back pain: a doctor in the next day or two, not 999', async () => {
    const a = await assess('bad lower back pain for a week and my left leg feels weak, calf aches');
    expect(a.triage).toBe('see_doctor');
    expect(a.causeIds).not.toContain('cauda_equina_syndrome');
    expect(a.said).toContain('should be checked by your GP in the next day or two');
    expect(a.said).not.toMatch(/a week or two/);
  });

  it('legs weak after leg day: the saddle question is asked, and "no" is not an emergency', async () => {
    const { bot } = testBot({ region: 'UK' });
    const { assessment, questions } = await playThrough(
      bot,
      `r7-${Math.random()}`,
      'my back hurts from deadlifts and my legs feel weak after leg day',
      [],
    );
    const askedSaddle = questions.some((q) =>
      q.type === 'yes_no'
        ? q.finding === 'saddle_numbness_or_bladder_change'
        : q.options.some((o) => o.finding === 'saddle_numbness_or_bladder_change'),
    );
    expect(askedSaddle).toBe(true);
    expect(assessment.triage).not.toBe('emergency');
  });

  it('legs weak after leg day, with numbness when wiping: 999', async () => {
    const { bot } = testBot({ region: 'UK' });
    const { assessment } = await playThrough(
      bot,
      `r7-${Math.random()}`,
      'my back hurts from deadlifts and my legs feel weak after leg day',
      ['saddle_numbness_or_bladder_change'],
    );
    expect(assessment.triage).toBe('emergency');
  });

  it('both legs weak with back pain: 999, and only what was said is quoted back', async () => {
    const a = await assess('my lower back is killing me and both my legs feel weak');
    expect(a.triage).toBe('emergency');
    expect(a.said).toContain('Weakness in both legs can mean pressure on the nerves in your lower back.');
    expect(a.said).toContain('you mentioned: both legs weak, with back pain');
    expect(a.said).not.toMatch(/you mentioned: numb around the bottom/);
  });

  it('"they\'re kinda weak" after both legs is still both legs', () => {
    const read = readFindings(
      'tweaked my lower back deadlifting tuesday. now both legs have this burning shooting pain down into my calfs and theyre kinda weak',
    );
    expect(read.both_legs_weak_with_back_pain).toBe('yes');
  });
});

describe("R11: a child's red, warm calf is a skin infection, not a clot", () => {
  it.each([
    'my 8 year old has a red, hot, sore patch on his calf',
    'my 4 year old has chickenpox and now his calf is red and sore around some spots',
  ])('%s → today, skin infection named, no clot', async (opening) => {
    const a = await assess(opening);
    expect(a.triage).toBe('urgent');
    expect(a.causeIds[0]).toBe('cellulitis');
    expect(a.said).toContain("A red, warm, sore patch on a child's leg can be a skin infection.");
    expect(a.said).not.toMatch(/clot/i);
  });

  it('an adult with a red, warm calf is still told it can be a clot', async () => {
    const a = await assess('my calf is red and warm to touch');
    expect(a.triage).toBe('urgent');
    expect(a.causeIds).toContain('dvt');
  });
});

describe('R14: a cramp that will not go', () => {
  it('both calves cramping for hours after a marathon: today, and no clot named', async () => {
    const a = await assess('ran a marathon this morning and both my calves have been cramping for hours');
    expect(a.triage).toBe('urgent');
    expect(a.causeIds).not.toContain('dvt');
    expect(a.said).toContain('A doctor should check it today.');
    expect(a.said).not.toMatch(/clot/i);
  });

  it.each([
    'had a cramp in the night that lasted about 20 minutes',
    "I'm 32 weeks pregnant and had a calf cramp last night that went on for about half an hour",
  ])('%s → read as a long cramp: today', async (opening) => {
    expect(readFindings(opening).cramp_wont_ease).toBe('yes');
    const a = await assess(opening);
    expect(a.triage).toBe('urgent');
    expect(a.said).toContain(
      'A cramp that lasts longer than 10 minutes, or will not go, is not a usual cramp.',
    );
  });

  it('a long cramp in one calf still names a clot', async () => {
    const a = await assess('my left calf has been cramping for 2 hours and it will not let go');
    expect(a.triage).toBe('urgent');
    expect(a.causeIds).toContain('dvt');
    expect(a.said).toContain('It can be a clot in the leg.');
  });

  it.each([
    'woke up with a cramp in my calf, it lasted a minute or two',
    'both calves cramped in the last ten minutes of my football match',
    'my calf cramp lasted about 5 minutes',
  ])('not a long cramp: %s', (text) => {
    expect(readFindings(text).cramp_wont_ease).not.toBe('yes');
  });
});
