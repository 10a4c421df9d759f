/**
 * Amounts and medicines (exploratory test 5, S7–S9; clinical review 7, R12, R13, R15), as a user
 * reads them: each conversation is played through a real Bot, answering "none" / "no" to every
 * question, then the follow-ups are asked.
 */
import { describe, expect, it } from 'vitest';
import { amountsIn, dosesADay, takenOf } from '../src/understanding/amounts.js';
import { chat, noneUntilAssessed, playNoneThenAsk, readFindings, replyText } from './helpers/bot.js';
import { fkGrade, sentencesOf } from './helpers/readability.js';

/** What the person reads, without the list of sources. */
const said = (text: string) => text.split('\n\nSources:')[0]!;

describe('kidney disease and potassium-raising medicines are carried into every supplement answer (S9, R12, R15.1)', () => {
  const POTASSIUM_MEDICINE =
    'Some medicines can raise your potassium. Ramipril, losartan and spironolactone are examples. Do not take potassium tablets or salt swaps like LoSalt unless your doctor says so.';
  const KIDNEY_MAGNESIUM =
    'With kidney disease, magnesium can build up and do harm. Please ask your kidney team before you take any magnesium.';
  const KIDNEY_POTASSIUM =
    'With kidney disease, potassium can build up and do harm. Do not take potassium tablets or salt swaps like LoSalt unless your kidney team says so.';

  it('kidney disease said in the opening: "can I take magnesium?" gets the kidney caution first, never "not without a blood test"', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'I have chronic kidney disease stage 4 and get calf cramps at night',
      'can i take magnesium?',
      'so magnesium or potassium tablets, which one?',
    );
    const [magnesium, which] = answers.map(said);
    expect(magnesium!.split('\n')[0]).toBe(KIDNEY_MAGNESIUM);
    expect(magnesium).not.toMatch(/Probably not without a blood test|Take it only after a blood test/);
    expect(which).toContain(KIDNEY_MAGNESIUM);
    expect(which).toContain(KIDNEY_POTASSIUM);
  });

  it('dialysis, and "is magnesium safe for me?"', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'i have kidney failure, on dialysis, calf cramps at night',
      'is magnesium safe for me?',
    );
    expect(said(answers[0]!)).toContain(KIDNEY_MAGNESIUM);
  });

  it('the assessment itself says to ask before any painkiller or supplement', async () => {
    const { assessment } = await playNoneThenAsk(
      'US',
      'I have chronic kidney disease stage 4 and get calf cramps at night',
    );
    expect(assessment.text).toContain(
      'You have kidney or liver disease. Check with a doctor or pharmacist before you take a painkiller. Do the same before you take any supplement.',
    );
  });

  it('liver disease alone is not told about "your kidney team"', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'I have fatty liver disease and calf cramps at night',
      'can i take magnesium?',
    );
    const out = said(answers[0]!);
    expect(out).toContain(
      'You have kidney or liver disease. So ask a doctor or pharmacist before you take a supplement.',
    );
    expect(out).not.toContain('kidney team');
  });

  it.each([
    ['I take ramipril for blood pressure and get calf cramps at night', 'can I take potassium tablets?'],
    ['i take lisinopril and my calves cramp at night', 'should i take potassium tablets?'],
    ['i take spironolactone and my calves cramp at night', 'should i take potassium tablets?'],
    ['I take Aldactone and Zestoretic and my calves cramp at night', 'should i take potassium?'],
    ['on losartan, calf cramps at night', 'what foods have potassium?'],
    ['on losartan, calf cramps at night', 'can i use losalt instead of salt?'],
    ['on losartan, calf cramps at night', 'should I eat more bananas?'],
  ])(
    '%s → %s: the potassium-raising caution, and no story of water pills losing it',
    async (opening, ask) => {
      const { answers } = await playNoneThenAsk('US', opening, ask);
      const out = said(answers[0]!);
      expect(out.split('\n')[0]).toBe(POTASSIUM_MEDICINE);
      expect(out).not.toMatch(
        /Probably not without a blood test|water pills are the main ones|or water pills/,
      );
    },
  );

  it('spironolactone as a "water tablet" is not given the low-potassium story (R12, H5)', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      "I'm on a water tablet called spironolactone and I get calf cramps",
    );
    expect(assessment.causes.map((c) => c.id)).not.toContain('potassium_deficiency');
  });

  it('the medicine names are read, brands and combined tablets too', () => {
    for (const text of [
      'I take Aldactone',
      'on zestoretic',
      'ramipril 5mg',
      'I take entresto',
      'candesartan',
    ]) {
      expect(readFindings(text).potassium_raising_medicine, text).toBe('yes');
    }
    // A combined tablet with a water tablet is both.
    expect(readFindings('I take co-amilofruse')).toMatchObject({
      potassium_raising_medicine: 'yes',
      diuretic_use: 'yes',
    });
    expect(readFindings('I take spironolactone').diuretic_use).toBeUndefined();
  });
});

describe('blood thinners and antiplatelets (R13)', () => {
  const ANTIPLATELET =
    'You take aspirin or a drug like clopidogrel to stop clots. Keep taking it. Ask a pharmacist before you take ibuprofen. Together they can cause bleeding in the stomach. Paracetamol is usually the safer choice.';

  it('a swollen, tight calf after a knock on apixaban: urgent, with the bleeding sentence at its own level', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      'I take apixaban for AF. I walked into a coffee table 2 days ago and now the calf is swollen and feels tight',
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.text).toContain(
      'On a blood thinner, a knock can bleed inside the muscle. A calf that swells or feels tight after a knock needs checking today. Call 999 if the pain gets much worse, the calf goes hard, or your foot goes numb or cold.',
    );
  });

  it('clopidogrel and a big bruise after a knock is not "it often settles"', async () => {
    const { assessment } = await playNoneThenAsk(
      'US',
      'I take clopidogrel after a stent and banged my calf on the dishwasher, big bruise',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.text).toContain(
      'Get help today if the calf swells, feels tight, or the bruise keeps growing.',
    );
    expect(assessment.text).not.toMatch(/often settles/);
  });

  it.each([
    'I take aspirin 75mg every day for my heart stent and my calves ache after a long walk',
    'on clopidogrel and low dose aspirin since my stent, calves sore after gardening',
    'I take Plavix, my calves ache after a long walk',
  ])(
    '%s → "can I take ibuprofen?" gets the antiplatelet line, never "ibuprofen can ease soreness"',
    async (opening) => {
      const { answers } = await playNoneThenAsk('US', opening, 'can I take ibuprofen?');
      const out = said(answers[0]!);
      expect(out).toContain(ANTIPLATELET);
      expect(out).not.toContain('Paracetamol or ibuprofen can ease soreness');
    },
  );

  it('"what can I take for the pain?" on warfarin or apixaban is answered', async () => {
    for (const opening of [
      "I'm on warfarin and my calves cramp at night",
      'I take eliquis and my calves ache after walking the dog',
    ]) {
      const { answers } = await playNoneThenAsk(
        'US',
        opening,
        'what can I take for the pain?',
        'can I take something for the pain?',
      );
      for (const a of answers) {
        expect(said(a), opening).toContain(
          'You take a blood thinner. Do not take ibuprofen, or aspirin for pain',
        );
      }
    }
  });

  it('"is magnesium good for the pain?" is still about magnesium', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'my calves cramp at night',
      'is magnesium good for the pain?',
    );
    expect(said(answers[0]!)).toMatch(/magnesium/i);
    expect(said(answers[0]!)).not.toContain('Painkillers do not help during a cramp');
  });

  it('low-dose aspirin and clopidogrel are read, a painkiller aspirin is not', () => {
    for (const text of [
      'I take aspirin 75mg every day',
      'on clopidogrel',
      'baby aspirin daily',
      'brilinta',
    ]) {
      expect(readFindings(text).antiplatelet_use, text).toBe('yes');
    }
    expect(readFindings('can I take aspirin for it?').antiplatelet_use).toBeUndefined();
  });
});

describe("supplement amounts are added up, compared by the child's age, and kept when said early (S8, R15)", () => {
  const MG_OVER = 'It is more than the official upper limit of 350 mg a day.';
  it.each([
    [
      'I take 200 mg magnesium three times a day, is that ok?',
      'You said 200 mg of magnesium, 3 times a day.\nThat is 600 mg a day.',
    ],
    [
      'i take 3 x 150mg magnesium a day',
      'You said 150 mg of magnesium, 3 times a day.\nThat is 450 mg a day.',
    ],
    [
      'is 2 x 250mg magnesium tablets a day ok',
      'You said 250 mg of magnesium, 2 times a day.\nThat is 500 mg a day.',
    ],
    [
      'I take two 200mg magnesium tablets twice a day',
      'You said 200 mg of magnesium, 4 times a day.\nThat is 800 mg a day.\nIt is more than 2 times the official upper limit of 350 mg a day.',
    ],
  ])('%s → the total, over the limit', async (ask, total) => {
    const { answers } = await playNoneThenAsk('US', 'calves sore after a 10k yesterday', ask);
    const out = said(answers[0]!);
    expect(out).toContain(total.includes('It is more') ? total : `${total}\n${MG_OVER}`);
    expect(out).toContain('Please talk to a doctor or pharmacist before you take any more.');
  });

  it('65 mg of iron twice a day is 130 mg, not 65 (R15.4)', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'my calves cramp at night',
      'I take 65mg iron tablets twice a day',
    );
    expect(said(answers[0]!)).toContain(
      'You said 65 mg of iron, 2 times a day.\nThat is 130 mg a day.\nIt is more than 2 times the official upper limit of 45 mg a day.',
    );
  });

  it('a total under the limit is not called safe', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'my calves cramp at night',
      'I take 100mg magnesium twice a day',
    );
    expect(said(answers[0]!)).not.toMatch(/You said|more than|\bsafe\b|\bfine\b/);
  });

  it("a 6-year-old's 400 mg said in the opening is compared with the limit for 4 to 8, after the assessment", async () => {
    const { text, answers } = await playNoneThenAsk(
      'US',
      'my 6 year old daughter gets achy legs at night, I give her 400mg magnesium every night, is that ok?',
      'so is 400mg ok for her?',
    );
    const limit =
      'A child aged 4 to 8 should have no more than 110 mg a day of magnesium. This is from supplements, not food. It is the official upper limit.';
    for (const out of [text, said(answers[0]!)]) {
      expect(out).toContain(`${limit}\nYou said 400 mg.\nThat is more than 3 times the limit.`);
      expect(out).toContain('Please ask a doctor or pharmacist before any more is taken.');
      expect(out).not.toMatch(/350 mg|For adults|I do not know an official upper limit/);
    }
  });

  it.each([
    [1, 'A child aged 1 to 3 should have no more than 65 mg', 'more than 6 times'],
    [11, 'A child aged 9 to 18 should have no more than 350 mg', 'more than the limit'],
  ])('age %d: the band for that age', async (age, limit, howMuch) => {
    const { answers } = await playNoneThenAsk(
      'US',
      `my ${age} year old has achy legs in the evenings`,
      'she takes 200mg magnesium twice a day, is that too much?',
    );
    const out = said(answers[0]!);
    expect(out).toContain(limit);
    expect(out).toContain(`You said 200 mg, 2 times a day.\nThat is 400 mg a day.\nThat is ${howMuch}`);
  });

  it('said in the opening by an adult: compared after the assessment, not lost', async () => {
    const { text } = await playNoneThenAsk(
      'US',
      'I take 1000mg magnesium a day and still get calf cramps at night, is that too much?',
    );
    expect(text).toContain(
      'Earlier you told me an amount. Here is how it compares with the official upper limit:',
    );
    expect(text).toContain(
      'You said 1,000 mg of magnesium.\nThat is more than 2 times the official upper limit of 350 mg a day.',
    );
  });

  it('asked during the warning signs: noted, then compared after the assessment', async () => {
    const { say, bot, key } = chat('US');
    await say('my calves cramp at night');
    const mid = replyText((await say('i already take 2000mg magnesium a day is that ok?')).replies);
    expect(mid).toMatch(/^I have noted the amount\. I will come back to it/);
    const replies = await noneUntilAssessed(bot, key, (await say('none')).replies);
    expect(replyText(replies)).toContain(
      'You said 2,000 mg of magnesium.\nThat is more than 5 times the official upper limit',
    );
  });

  it('typed inside an answer ("none. btw ..."): compared after the assessment', async () => {
    const { say, bot, key } = chat('UK');
    await say('my calves cramp at night');
    const replies = await noneUntilAssessed(
      bot,
      key,
      (await say('none. btw i already take 2000mg magnesium a day is that ok?')).replies,
    );
    expect(replyText(replies)).toContain('You said 2,000 mg of magnesium.');
  });

  it('at urgent, what to do first stands alone: no amount is talked about', async () => {
    const { text } = await playNoneThenAsk(
      'US',
      'my left calf is swollen and red since yesterday, I take 1000mg magnesium a day',
    );
    expect(text).not.toMatch(/You said 1,000 mg|Earlier you told me an amount/);
  });

  it('an amount of something else is not taken for the supplement spoken of before', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'my calves cramp at night',
      'what about magnesium?',
      'is 1000mg of vitamin c ok?',
    );
    expect(said(answers[1]!)).toContain('I do not know an official upper limit for that.');
    expect(said(answers[1]!)).not.toMatch(/You said 1,000 mg of magnesium/);
  });
});

describe('reading how often an amount is taken', () => {
  const first = (text: string) => {
    const [a, b] = amountsIn(text).filter((x) => !x.bare);
    return takenOf(text, a!, b?.start ?? text.length);
  };
  it.each([
    ['200 mg magnesium three times a day', 3],
    ['3 x 150mg magnesium a day', 3],
    ['2 x 250mg magnesium tablets a day', 2],
    ['65mg iron tablets twice a day', 2],
    ['two 500mg tablets 4 times a day', 8],
    ['1000mg paracetamol every 2 hours', 12],
    ['can i take 2 of my mums 400mg ones', 2],
    ['400mg x2 a day', 2],
    ['she is 6, 400mg every night', 1],
    ['500mg magnesium and 65mg iron twice a day', 1],
    ['I take 500mg once a day', 1],
  ])('%s → %d a day', (text, n) => {
    expect(dosesADay(first(text))).toBe(n);
  });
});

describe('painkiller amounts over the NHS maximum are said plainly (S7)', () => {
  const PARACETAMOL_MAX =
    'That is more than the NHS adult maximum. The most is 1 g at a time and 4 g in 24 hours. There must be at least 4 hours between doses.';

  it('"can i take 1000mg paracetamol every 2 hours?": more than the maximum, the liver, a pharmacist or 111, and A&E if already taken', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'calves sore after a 10k yesterday',
      'can i take 1000mg paracetamol every 2 hours?',
    );
    const out = said(answers[0]!);
    expect(out.split('\n').slice(0, 3)).toEqual([
      'You said 1,000 mg every 2 hours.',
      'That could be up to 12,000 mg in 24 hours.',
      PARACETAMOL_MAX,
    ]);
    expect(out).toContain('Too much paracetamol can badly harm the liver, even if you feel well.');
    expect(out).toContain('Ask a pharmacist, or contact NHS 111');
    expect(out).toContain(
      'Have you already taken more than this? Go to the nearest emergency department now, even if you feel well.',
    );
    // Nothing that reads as "yes".
    expect(out).not.toMatch(/can ease soreness|Read the leaflet/);
  });

  it('"800mg ibuprofen 4 times a day" is over the NHS adult amount', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'calves sore after a 10k yesterday',
      'can i take 800mg ibuprofen 4 times a day',
    );
    const out = said(answers[0]!);
    expect(out).toContain('You said 800 mg, 4 times a day.\nThat is 3,200 mg in 24 hours.');
    expect(out).toContain(
      'That is more than the usual NHS amount for adults. It is up to 400 mg at a time, 3 times in 24 hours.',
    );
    expect(out).not.toMatch(/can ease soreness/);
  });

  it('an amount said after naming the painkiller is of it ("what about 1.5g?")', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'calves sore after a 10k yesterday',
      'can i take paracetamol?',
      'what about 1.5g at once?',
    );
    expect(said(answers[1]!)).toContain(PARACETAMOL_MAX);
  });

  it('within the maximum, the usual answer, with no amount called safe', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'calves sore after a 10k yesterday',
      'can i take 2 x 500mg paracetamol 4 times a day?',
    );
    const out = said(answers[0]!);
    expect(out).not.toMatch(/You said|more than|\bsafe\b/);
    expect(out).toContain('Painkillers do not help during a cramp');
  });

  it("a 14-year-old gets the children's text, not an adult comparison", async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      "I'm 14 and my calves ache after football",
      'can i take 2 of my mums 400mg ones',
      'can i take 800mg ibuprofen 4 times a day',
    );
    for (const a of answers) {
      const out = said(a);
      expect(out).toContain('Follow the dose for');
      expect(out).not.toMatch(
        /I do not know an official upper limit|usual NHS amount for adults|can ease soreness/,
      );
    }
  });

  it('already taken: more than the maximum is poisoning, and the advice changes to 999', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'calves sore after a 10k yesterday',
      'i already took 1000mg paracetamol every 2 hours today',
    );
    expect(answers[0]).toContain('That changes my advice');
    expect(answers[0]).toMatch(/Call 999 now/);
  });

  it('at urgent, what to do first comes first', async () => {
    const { answers } = await playNoneThenAsk(
      'US',
      'my left calf is swollen and red since yesterday',
      'can i take 1000mg paracetamol every 2 hours?',
    );
    const lines = said(answers[0]!).split('\n');
    expect(lines[0]).toMatch(/^First, please do what I said above/);
    expect(lines).toContain(PARACETAMOL_MAX);
  });
});

describe('plain language', () => {
  it('the new answers are at grade 8 or below, sentence by sentence', async () => {
    const runs: Array<[string, string[]]> = [
      [
        'calves sore after a 10k yesterday',
        [
          'can i take 1000mg paracetamol every 2 hours?',
          'can i take 800mg ibuprofen 4 times a day',
          'I take 200 mg magnesium three times a day, is that ok?',
        ],
      ],
      [
        'my 6 year old daughter gets achy legs at night, I give her 400mg magnesium every night, is that ok?',
        ['how much iron can she have?'],
      ],
      [
        'I have chronic kidney disease stage 4 and get calf cramps at night',
        ['can i take magnesium?', 'should I take potassium?'],
      ],
      [
        'I take ramipril and clopidogrel, my calves ache after walking',
        ['can I take potassium tablets?', 'can I take ibuprofen?'],
      ],
      ['I have fatty liver disease and calf cramps at night', ['can i take magnesium?']],
    ];
    const worst: Array<[number, string]> = [];
    for (const [opening, asks] of runs) {
      const { text, answers } = await playNoneThenAsk('US', opening, ...asks);
      for (const out of [text, ...answers])
        for (const s of sentencesOf(said(out))) if (fkGrade(s) > 8) worst.push([fkGrade(s), s]);
    }
    // The assessment's own sentences are checked by test/readability.test.ts; these are the new ones.
    expect(
      worst.filter(([, s]) => !/^(You can most likely|Book an appointment|What might|- )/.test(s)),
    ).toEqual([]);
  });
});
