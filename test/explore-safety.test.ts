/**
 * What an exploratory tester found playing 60 conversations as new users (session 4): answers
 * that threw a warning sign away, denials that reached too far, confusion read as "no", urgency
 * lost after the assessment, advice for the wrong medicine or the wrong age, another country's
 * emergency number. Each is played through a real Bot.
 */
import { describe, expect, it } from 'vitest';
import { extractFindings } from '../src/understanding/extract-findings.js';
import {
  assessmentOf,
  chat,
  knowledge,
  lastQuestion,
  playThrough,
  readFindings,
  replyText,
  testBot,
} from './helpers/bot.js';

const textOf = replyText;

describe('a warning sign said in an answer is kept', () => {
  it('"none except 7" and "nothing like that except my calf is a bit warm" keep the red, warm calf', async () => {
    for (const answer of [
      'none except N',
      'nothing like that except my calf is a bit warm',
      'none apart from N',
    ]) {
      const c = chat();
      const first = await c.say('my calves ache');
      const screen = lastQuestion(first.replies)!;
      const n =
        screen.type === 'multi' ? screen.options.findIndex((o) => o.finding === 'calf_red_warm') + 1 : 0;
      expect(n).toBeGreaterThan(0);
      const out = await c.say(answer.replace('N', String(n)));
      // Not taken as "none": the next question is the one a red, warm calf brings (not the pain pattern).
      expect(lastQuestion(out.replies)?.question).not.toBe(screen.question);
      const next = lastQuestion(out.replies)!;
      const asked = next.type === 'multi' ? next.options.map((o) => o.finding) : [next.finding];
      expect(asked, answer).not.toContain('night_cramps');
    }
  });

  it('"I\'ve never had a clot" does not deny the pill, a trip or an operation: the clot risks are still asked', async () => {
    const { bot } = testBot();
    const { assessment, questions } = await playThrough(
      bot,
      'never-clot',
      "my left calf has been aching for 3 days, I've never had a clot",
      ['one_calf_pain', 'clot_risk_factor'],
    );
    expect(questions.some((q) => q.type === 'yes_no' && q.finding === 'clot_risk_factor')).toBe(true);
    expect(assessment.triage).toBe('urgent');
  });
});

describe('confusion is not an answer', () => {
  it('"I don\'t understand" and "what\'s a diuretic?" get the question again in other words, with nothing recorded', async () => {
    const c = chat();
    const first = await c.say('my calves ache at night, im 70');
    const q = lastQuestion(first.replies)!;
    for (const text of ["I don't understand", "what's a diuretic?", 'what does that mean?']) {
      const out = await c.say(text);
      expect(lastQuestion(out.replies)?.question, text).toBe(q.question);
      expect(textOf(out.replies)).toMatch(/put it another way/);
      expect(textOf(out.replies)).not.toMatch(/Noted/);
    }
  });

  it('a question of their own mid-check waits for the warning signs, then is answered', async () => {
    const c = chat();
    await c.say('my calves ache at night');
    const screening = await c.say('can I take ibuprofen?');
    expect(textOf(screening.replies)).toMatch(/once we have checked a few warning signs/);
    expect(lastQuestion(screening.replies)).toBeDefined();
  });
});

describe('after the assessment, urgency is never lost', () => {
  it('after "Call 911 now": thanks, "I\'ll wait and see" and "can it wait until monday?" all say it again', async () => {
    const c = chat();
    const a = await c.say('my calf is swollen and now I am short of breath and my chest hurts');
    expect(assessmentOf(a.replies)?.triage).toBe('emergency');
    const thanks = textOf((await c.say('thanks')).replies);
    expect(thanks).toMatch(/Call 911 now/);
    expect(thanks).not.toMatch(/feel better soon/);
    for (const text of ["I'll just wait and see", 'can it wait until monday?']) {
      expect(textOf((await c.say(text)).replies), text).toMatch(/do not wait\. Call 911 now/i);
    }
    const other = textOf((await c.say('ok whatever')).replies);
    expect(other).toMatch(/Please do this first: Call 911 now/);
  });

  it('after "get help today", waiting until Monday is not agreed to', async () => {
    const c = chat();
    await c.say("I'm on the pill and my left calf is sore and swollen");
    const a = await c.say('none of those');
    expect(assessmentOf(a.replies)?.triage).toBe('urgent');
    const out = textOf((await c.say("I can't get to a doctor today, can it wait until monday?")).replies);
    expect(out).toMatch(/Please do not wait\. This needs a doctor today/);
  });
});

describe('advice for the medicine and the person it is for', () => {
  it('a water pill gets no "stop the statin"', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'furosemide',
      "I'm 72 and get cramps in both calves at night. I take furosemide",
      ['night_cramps', 'diuretic_use', 'age_60_plus'],
    );
    const all = `${assessment.text}\n${assessment.nextSteps.join('\n')}`;
    expect(all).not.toMatch(/stop the statin/i);
    expect(all).toMatch(/On a water pill or a blood pressure tablet\? Tell your doctor/);
  });

  it('a statin user asking "should I stop it?" hears the same as the assessment, not the opposite', async () => {
    const c = chat();
    await c.say("I'm 72, I take atorvastatin and my calves ache badly, I can't explain it");
    const { bot } = c;
    // answer the questions with "no" until the assessment
    for (let i = 0; i < 8; i++) {
      const out = await c.say('no');
      if (assessmentOf(out.replies)) break;
    }
    const stop = textOf((await c.say('should I stop my statin?')).replies);
    expect(stop).toMatch(
      /Stop it if you get muscle pain, tenderness or weakness you cannot explain\. Then call a doctor straight away/,
    );
    expect(bot).toBeDefined();
  });

  it('a child is never given the adult upper limit for a supplement', async () => {
    const { bot } = testBot();
    await playThrough(
      bot,
      'child-mg',
      "my 6 year old's legs ache every evening, both legs, fine in the morning",
      ['child_under_16', 'pain_both_legs_evening_child'],
    );
    const out = textOf(
      (await bot.handle('child-mg', { kind: 'text', text: 'how much magnesium should I give him?' })).replies,
    );
    expect(out).not.toMatch(/350 mg|For adults/);
    // The age is known (6), so the limit for ages 4 to 8 is said (clinical review 7, R15.2).
    expect(out).toContain('A child aged 4 to 8 should have no more than 110 mg a day of magnesium.');
  });

  it('an urgent assessment where nothing fits does not say "it often settles on its own"', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'child-fever',
      "my 4 year old has a fever and is limping and won't put weight on his left leg, says his calf hurts",
      ['child_under_16', 'fever_spreading_redness', 'child_cannot_bear_weight', 'one_calf_pain'],
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.text).not.toMatch(/settles on its own/);
  });
});

describe('the emergency number of where the person says they are', () => {
  it.each([
    ['I am in Paris, my calf is swollen and I am short of breath', 'Call 112 now'],
    ["I'm in Berlin, my calf is swollen and I feel breathless", 'Call 112 now'],
    ["I'm in Auckland and my calf is swollen and I'm short of breath", 'Call 111 now'],
    ['I live in Mumbai, my calf is swollen and I am suddenly breathless', 'Call 112 now'],
  ])('%s → %s', async (text, headline) => {
    const c = chat();
    const a = assessmentOf((await c.say(text)).replies)!;
    expect(a.headline).toBe(headline);
    expect(textOf([a])).not.toMatch(/\b911\b/);
  });
});

describe('what the person was not sure of is not "you mentioned"', () => {
  it('"idk" to the long-cramp question is named as not sure', async () => {
    const c = chat();
    await c.say("I'm 70 and get cramps in both calves at night");
    let out = await c.say('none');
    for (let i = 0; i < 4 && !assessmentOf(out.replies); i++) {
      const q = lastQuestion(out.replies)!;
      const asksLong =
        q.type === 'multi'
          ? q.options.some((o) => o.finding === 'cramp_wont_ease')
          : q.finding === 'cramp_wont_ease';
      out = await c.say(asksLong ? (q.type === 'multi' ? 'not sure about 2' : 'idk') : 'none');
      if (asksLong) break;
    }
    while (!assessmentOf(out.replies)) out = await c.say('none');
    const a = assessmentOf(out.replies)!;
    expect(a.text).not.toMatch(/you mentioned: a cramp that will not go/i);
  });
});

describe('corrections and words the tester found unread', () => {
  it('"sorry I meant no" changes the last answer and the check goes on from it', async () => {
    const c = chat();
    await c.say('my calves ache at night');
    await c.say('none');
    await c.say('none');
    const picked = await c.say('2');
    const next = lastQuestion(picked.replies)!;
    const out = await c.say('sorry I meant no');
    expect(textOf(out.replies)).toMatch(/changed your last answer/);
    const again = lastQuestion(out.replies)!;
    // The "2" (a pull during sport) brought in the injury question; the check goes on without it,
    // and without the tendon-risk antibiotic a strain would bring into the medicines question.
    expect(next.type === 'yes_no' && next.finding).toBe('cannot_bear_weight');
    expect(again.type === 'yes_no' && again.finding).not.toBe('cannot_bear_weight');
    expect(again.type === 'multi' && again.options.map((o) => o.finding)).not.toContain(
      'fluoroquinolone_use',
    );
  });

  it('a warning sign said yes is kept by "sorry I meant no" (only "go back" changes it)', async () => {
    const c = chat();
    const first = await c.say('my calves ache after walking');
    const screen = lastQuestion(first.replies)!;
    const n =
      screen.type === 'multi' ? screen.options.findIndex((o) => o.finding === 'one_leg_swollen') + 1 : 0;
    const picked = await c.say(String(n));
    expect(assessmentOf(picked.replies)?.triage).toBe('urgent');
    const out = await c.say('sorry I meant no');
    expect(textOf(out.replies)).toMatch(/kept this, because it is a warning sign/);
  });

  it('a cast, then agony and a calf "super tight, getting worse", is the emergency from the first message', async () => {
    const c = chat();
    const out = await c.say(
      'had my leg put in a cast yesterday after I broke my ankle and now my calf is agony and feels super tight, getting worse',
    );
    expect(assessmentOf(out.replies)?.triage).toBe('emergency');
  });

  it('"swollen and red" keeps the red; "I don\'t take any medication" denies every medicine on the list', async () => {
    const c = chat();
    await c.say('my calves hurt at night');
    const out = await c.say('swollen and red');
    // the red, warm calf is not offered again
    const q = lastQuestion(out.replies);
    const offered = q?.type === 'multi' ? q.options.map((o) => o.finding) : q ? [q.finding] : [];
    expect(offered).not.toContain('calf_red_warm');
    const { bot } = testBot();
    const { questions } = await playThrough(
      bot,
      'no-meds',
      "I'm 70, I don't take any medication, and my calves cramp at night",
      ['night_cramps', 'age_60_plus'],
    );
    expect(questions.some((x) => x.type === 'multi' && x.options.some((o) => o.finding === 'ccb_use'))).toBe(
      false,
    );
  });
});

describe('follow-ups answered by the level, and a child is asked as a child', () => {
  it('"should I see a doctor?" and "is it safe to run?" get answers that match the assessment', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'runner', 'my calves ache after my long run yesterday', ['after_exercise']);
    const ask = async (text: string) => textOf((await bot.handle('runner', { kind: 'text', text })).replies);
    expect(await ask('should I see a doctor?')).toMatch(/look after this at home/);
    expect(await ask('is it safe to run?')).toMatch(/ease back in gently/);
    const c = chat();
    await c.say("I'm on the pill and my left calf is sore and swollen");
    await c.say('none of those');
    expect(textOf((await c.say('should I see a doctor?')).replies)).toMatch(/You need a doctor today/);
    expect(textOf((await c.say('can I still go to the gym?')).replies)).toMatch(
      /do not exercise until a doctor/,
    );
  });

  it('a 9-year-old is not asked about statins, water pills or alcohol', async () => {
    const { bot } = testBot();
    const { questions } = await playThrough(bot, 'kid', 'my 9 year old son gets pain in his calves', [
      'child_under_16',
    ]);
    const asked = questions.flatMap((q) =>
      q.type === 'multi' ? q.options.map((o) => o.finding) : [q.finding],
    );
    for (const f of ['statin_use', 'diuretic_use', 'heavy_alcohol', 'smoker', 'age_60_plus'])
      expect(asked, f).not.toContain(f);
  });
});

describe('short answers people type', () => {
  it('a thumbs-up, a thumbs-down and a shrug answer a yes/no question', async () => {
    const { classifyAnswer } = await import('../src/understanding/classify-answer.js');
    expect(classifyAnswer('👍')).toBe('yes');
    expect(classifyAnswer('👎🏽')).toBe('no');
    expect(classifyAnswer('🤷‍♀️')).toBe('unsure');
  });

  it('"both" to "is it in one calf only?" is a no; "smoked for 40 years" is a smoker', async () => {
    const read = readFindings;
    const answer = (text: string) =>
      Object.fromEntries(extractFindings(text, knowledge(), { expecting: ['one_calf_pain'] }));
    expect(answer('both')).toHaveProperty('one_calf_pain', 'no');
    // Said unasked, a stray "both" denies nothing (clinical review 5, R5).
    expect(
      read("Sore calf for 3 days. I'm on the pill and I've had both my flights this month"),
    ).not.toHaveProperty('one_calf_pain');
    expect(read('both my calves hurt and my left is swollen')).toHaveProperty('one_leg_swollen', 'yes');
    expect(read('I smoked for 40 years')).toHaveProperty('smoker', 'yes');
  });
});

describe('second exploratory test (session 4)', () => {
  it.each([
    [
      "I'm in Manchester, flew back from Sydney two days ago and my calf is swollen and I'm short of breath",
      'Call 999 now',
    ],
    [
      "I just flew from Sydney to London, I'm at Heathrow now, my calf is swollen and I'm short of breath",
      'Call 999 now',
    ],
    ["I'm on holiday in Spain from the UK, my calf is swollen and I'm suddenly breathless", 'Call 112 now'],
  ])('where the person is beats where they came from: %s', async (text, headline) => {
    const c = chat();
    expect(assessmentOf((await c.say(text)).replies)?.headline).toBe(headline);
  });

  it('aching calves 10 days after a caesarean are checked by a midwife or doctor, not left to settle', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'csection',
      'I had a c-section 10 days ago and my calves have been aching since yesterday',
      ['recently_gave_birth', 'clot_risk_factor'],
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.text).toMatch(/midwife/);
    expect(assessment.text).not.toMatch(/settles on its own/);
  });

  it('a child named only in the dose question gets no adult limit; kidney disease gets its caution', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'adult', 'my calves cramp at night', ['night_cramps']);
    const out = textOf(
      (await bot.handle('adult', { kind: 'text', text: 'how much magnesium can I give my 5 year old?' }))
        .replies,
    );
    expect(out).not.toMatch(/350 mg|For adults/);
    const k = testBot();
    await playThrough(k.bot, 'kidney', "I'm on dialysis for kidney failure and I get calf cramps at night", [
      'night_cramps',
      'kidney_or_liver_disease',
    ]);
    const dose = textOf(
      (await k.bot.handle('kidney', { kind: 'text', text: 'how much magnesium should I take?' })).replies,
    );
    expect(dose).toMatch(/ask your kidney team/);
  });

  it('a statin user asking whether to stop hears one message, not "stop" and "do not stop"', async () => {
    const c = chat();
    await c.say("I'm 72, I take atorvastatin and my calves ache badly, I can't explain it");
    for (let i = 0; i < 8; i++) if (assessmentOf((await c.say('no')).replies)) break;
    const stop = textOf((await c.say('should I stop my statin?')).replies);
    expect(stop).not.toMatch(/Please do not stop a medicine/);
    expect(stop).toMatch(/Do not stop any other prescribed medicine on your own/);
  });

  it('"no entiendo" is not "none"; "they last about 30 seconds" answers the long-cramp question; a kick is a knock', async () => {
    const c = chat();
    const first = await c.say('my calf is swollen');
    const q = lastQuestion(first.replies)!;
    const out = await c.say('no entiendo');
    expect(lastQuestion(out.replies)?.question).toBe(q.question);
    expect(readFindings('they last about 30 seconds')).toHaveProperty('cramp_wont_ease', 'no');
    const kicked = readFindings('got kicked in the calf at football');
    expect(kicked).not.toHaveProperty('sudden_pop_injury');
    expect(kicked).toHaveProperty('knock_or_bruise', 'yes');
    // "like someone kicked me" is still the torn Achilles it describes
    expect(readFindings('heard a pop at the back of my ankle like someone kicked me')).toHaveProperty(
      'sudden_pop_injury',
      'yes',
    );
  });
});

describe('an urgent or emergency answer says nothing that softens it', () => {
  it('after muscle breakdown, no "sore muscles usually get better"; beside a cold foot, no vitamin B12', async () => {
    const c = chat();
    const a = assessmentOf(
      (
        await c.say(
          'did my first spin class yesterday and now my thighs and calves are agony and my pee is like cola',
        )
      ).replies,
    )!;
    expect(a.triage).toBe('emergency');
    expect(a.causes.map((x) => x.id)).not.toContain('exercise_soreness');
    const d = chat();
    const b = assessmentOf(
      (await d.say("my dad's foot has gone cold and blue and he says it's numb, he's 78")).replies,
    )!;
    expect(b.triage).toBe('emergency');
    expect(b.causes.every((x) => x.id !== 'vitamin_b12_deficiency')).toBe(true);
    expect(b.text).not.toMatch(/supplement/i);
  });

  it('after "get help today", the fallback names no iron, "thanks" mid-check is welcomed, denials add up', async () => {
    const c = chat();
    await c.say("I'm on the pill and my left calf is sore and swollen");
    await c.say('none of those');
    const other = textOf((await c.say('ok')).replies);
    expect(other).toMatch(/Please do this first: Get medical help today/);
    expect(other).not.toMatch(/iron/);
    expect(textOf((await c.say('should I call 111?')).replies)).toMatch(/You need a doctor today/);
    const d = chat();
    await d.say('my calves ache');
    const thanks = await d.say('thanks');
    expect(textOf(thanks.replies)).toMatch(/You're welcome/);
    expect(lastQuestion(thanks.replies)).toBeDefined();
    expect(
      readFindings("I'm not on the pill, I haven't travelled, no surgery, never had cancer or a clot"),
    ).toHaveProperty('clot_risk_factor', 'no');
    expect(readFindings('not red or warm')).toHaveProperty('calf_red_warm', 'no');
    expect(readFindings("it's red and not warm")).not.toHaveProperty('calf_red_warm', 'no');
  });
});

describe('painkiller answers use what the person said', () => {
  it("a parent asking for a child hears the children's advice; a pregnant woman is told to ask first", async () => {
    const { bot } = testBot();
    await playThrough(
      bot,
      'kid-pain',
      "my 6 year old's legs ache every evening, both legs, fine in the morning",
      ['child_under_16', 'pain_both_legs_evening_child'],
    );
    const kid = textOf(
      (await bot.handle('kid-pain', { kind: 'text', text: 'can I give him ibuprofen?' })).replies,
    );
    expect(kid).toMatch(/Do not give aspirin to children under 16/);
    expect(kid).not.toMatch(/if you are pregnant/);
    const p = testBot();
    await playThrough(p.bot, 'preg', "I'm 28 weeks pregnant and get calf cramps at night", [
      'pregnant',
      'night_cramps',
    ]);
    const preg = textOf(
      (await p.bot.handle('preg', { kind: 'text', text: 'can I take ibuprofen?' })).replies,
    );
    expect(preg).toMatch(/If you are pregnant, paracetamol is the painkiller to try first/);
  });
});

describe('third exploratory test (session 4): mixed answers keep the danger', () => {
  it('denials in the opening do not cancel the flight said after them', () => {
    expect(
      readFindings(
        "my right calf aches, I'm not on the pill, not pregnant, no surgery, but I did fly back from Japan yesterday",
      ),
    ).toMatchObject({ one_calf_pain: 'yes', clot_risk_factor: 'yes' });
  });

  it('"no to all of them except number 1" keeps 1; "all except 2" is all but 2', async () => {
    const c = chat();
    await c.say('my calves ache');
    const out = await c.say('no to all of them except number 1');
    expect(assessmentOf(out.replies)?.triage).toBe('emergency');
  });

  it('"oops wrong one, 3" after 7 keeps the red calf and adds the sudden pain at rest', async () => {
    const c = chat();
    await c.say('my calves ache');
    await c.say('7');
    const out = await c.say('oops wrong one, 3');
    expect(textOf(out.replies)).toMatch(/kept this, because it is a warning sign/);
    expect(assessmentOf(out.replies)?.triage).toBe('emergency');
  });

  it('short of breath on the stairs since yesterday is new breathlessness; for months it is not', () => {
    expect(
      readFindings('nothing but I do get a bit short of breath on the stairs since yesterday'),
    ).toHaveProperty('breathless_or_chest_pain', 'yes');
    expect(
      readFindings("I get out of breath on the stairs, it's been like that for months"),
    ).not.toHaveProperty('breathless_or_chest_pain');
  });
});

describe('a question of their own the knowledge cannot answer yet', () => {
  it('"is that bad?" mid-check is promised an answer after the check, with the question again', async () => {
    const c = chat();
    const first = await c.say('my calves ache');
    const out = await c.say('is that bad?');
    expect(textOf(out.replies)).toMatch(/answer that better once the check is done/);
    expect(lastQuestion(out.replies)?.question).toBe(lastQuestion(first.replies)?.question);
  });
});

describe('an amount over the official upper limit is said back as over it', () => {
  it('"I take 500 mg of magnesium a day, is that ok?" is over 350 mg; 200 mg gets no such line', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'mg', 'my calves cramp at night', ['night_cramps']);
    const ask = async (text: string) => textOf((await bot.handle('mg', { kind: 'text', text })).replies);
    expect(await ask('I take 500 mg of magnesium a day, is that ok?')).toMatch(
      /That is more than the official upper limit of 350 mg a day/,
    );
    expect(await ask('how much vitamin d, I take 5000 IU')).toMatch(
      /That is more than the official upper limit of 4,000 IU a day/,
    );
    expect(await ask('how much magnesium, I take 200mg')).not.toMatch(/more than/);
  });
});

describe('"what? no" is an answer, not confusion', () => {
  it('answers the yes/no question it follows', async () => {
    const { asksWhatItMeans } = await import('../src/understanding/answer-text.js');
    expect(asksWhatItMeans('what? no')).toBeNull();
    expect(asksWhatItMeans("what's a diuretic?")).toBe('word');
  });
});
