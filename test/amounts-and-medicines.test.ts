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
