/**
 * Amounts and medicines (exploratory test 5, S7–S9; clinical review 7, R12, R13, R15), as a user
 * reads them: each conversation is played through a real Bot, answering "none" / "no" to every
 * question, then the follow-ups are asked.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

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
      'You have kidney or liver disease. So ask a doctor or pharmacist before you take any supplement.',
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
    'You take aspirin or a medicine like clopidogrel to stop clots. Keep taking it. Ask a pharmacist before you take ibuprofen. Together they can cause bleeding in the stomach. Paracetamol is usually the safer choice.';

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
