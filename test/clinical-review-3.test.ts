/**
 * The safety findings of clinical review 3 (notes in knowledge/README.md): each case was answered
 * below what NHS guidance says before the change. Played through a real Bot; the screens are
 * answered "none" where the person thinks they already said it, as a real user would.
 */
import { describe, expect, it } from 'vitest';
import { playThrough, testBot } from './helpers/bot.js';

const level = async (opening: string, present: string[] = []) => {
  const { bot } = testBot({ region: 'UK' });
  const { assessment } = await playThrough(bot, `cr3-${opening.length}-${present.length}`, opening, present);
  return assessment;
};

describe('clinical review 3: nothing said is advised below the guidance', () => {
  it('a "twinge" in one calf two weeks after an operation is a possible clot, not a strain', async () => {
    const a = await level('knee op 2 weeks ago, twinge in my left calf');
    expect(a.triage).toBe('urgent');
    expect(a.causes[0]?.id).toBe('dvt');
  });

  it('numb, tingly toes in a cast are an emergency', async () => {
    expect((await level('ankle in a cast since tuesday, toes gone numb and tingly')).triage).toBe(
      'emergency',
    );
  });

  it('a red, hot leg with confusion is an emergency', async () => {
    expect((await level('red hot swollen calf, fever, and she is confused and really unwell')).triage).toBe(
      'emergency',
    );
  });

  it('a child with a fever and sore calves is seen today', async () => {
    expect((await level('my 7 year old has a fever and both calves hurt')).triage).toBe('urgent');
  });

  it('heel or calf pain on ciprofloxacin is seen today', async () => {
    expect((await level('took ciprofloxacin last week, now the back of my heel and calf hurt')).triage).toBe(
      'urgent',
    );
  });

  it('sciatica down both legs with weak legs is an emergency (cauda equina)', async () => {
    expect((await level('bad back, pain shoots down both legs and my legs keep giving way')).triage).toBe(
      'emergency',
    );
  });

  it('a fever with aching calves is seen today but names no skin infection nobody described', async () => {
    const a = await level('fever and aches all over, both calves ache, I think it is flu');
    expect(a.triage).toBe('urgent');
    expect(a.causes.map((c) => c.id)).not.toContain('cellulitis');
  });

  it('a pop a minute ago is not a pill', async () => {
    expect((await level('felt a pop a minute ago in my calf playing squash')).triage).not.toBe('self_care');
  });

  it('on a statin, "contact them straight away" comes first and nothing says "not an emergency"', async () => {
    const a = await level('on atorvastatin and my calves ache for no reason, 64', [
      'statin_use',
      'age_60_plus',
    ]);
    expect(a.triage).toBe('see_doctor');
    const steps = a.text.split('\n').filter((l) => l.startsWith('- '));
    expect(steps[0]).toContain('straight away');
    expect(a.text).not.toContain('not an emergency');
  });
});
