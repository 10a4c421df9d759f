/**
 * Clinical review 7, R16 and R17: texts say only what the person described. Muscle breakdown on a
 * statin is not "after hard exercise or heat" and gets no "stop the activity"; a clot text with
 * breathlessness names the sore calf the person had; a hard, tender lump along a varicose vein is
 * read as an inflamed vein.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings } from './helpers/bot.js';

describe('muscle breakdown said with a medicine, not exercise (R16)', () => {
  it('a statin and dark pee: 999, the statin named, no activity to stop', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'UK',
      'on simvastatin, legs weak and my pee is dark brown',
    );
    expect(assessment.triage).toBe('emergency');
    expect(text).toMatch(/some medicines, such as statins/);
    expect(text).not.toMatch(/after hard exercise or heat/);
    expect(text).not.toMatch(/Stop the activity/);
    expect(text).toMatch(/creatine kinase/);
  });

  it('after a spin class the activity is still stopped', async () => {
    const { text } = await playNoneThenAsk(
      'UK',
      'did a massive spin class yesterday, thighs and calves agony and my pee is like coca cola',
    );
    expect(text).toMatch(/Stop the activity and sip water/);
  });
});

describe('breathless with one sore calf (R16)', () => {
  it('the 999 text names a sore calf, not only a swollen one', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      '28 weeks pregnant, my left calf hurts and I get out of breath on the stairs',
    );
    expect(assessment.triage).toBe('emergency');
    expect(assessment.nextSteps.join(' ')).toMatch(/A sore, swollen, red or warm calf with breathlessness/);
  });
});

describe('a racing heart (R16)', () => {
  it('"call 999" is for sudden or bad breathlessness, not any', async () => {
    const { text } = await playNoneThenAsk('UK', 'my heart pounds sometimes and my calves cramp at night');
    expect(text).toMatch(/chest pain, sudden or bad breathlessness, or fainting/);
  });
});

describe('a lump along a varicose vein (R17)', () => {
  it.each([
    "there's a hard, red, tender lump along one of my varicose veins on my calf",
    'tender lump along the vein on my calf',
  ])('%s → an inflamed vein is named', async (text) => {
    expect(readFindings(text).tender_cord_along_vein).toBe('yes');
    const { assessment } = await playNoneThenAsk('UK', text);
    expect(assessment.causes.map((c) => c.id)).toContain('superficial_thrombophlebitis');
  });
});

describe('what to tell your doctor (R16)', () => {
  it('a blood thinner is listed as itself, not as "something that makes a clot more likely"', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      'on warfarin, cramps in both calves wake me up every night',
    );
    expect(assessment.doctorSummary).toMatch(/a blood thinner/);
    expect(assessment.doctorSummary).not.toMatch(/something that makes a clot more likely/);
  });
});
