/**
 * Clinical review 6, safety items R1–R5 and R8 (knowledge/reviews/2026-12-02-clinical-review-6.md):
 * a second warning sign never cancels a faint; black poo is checked today; breathlessness after a
 * birth, with a clot risk and heavy periods, or new in pregnancy, gets a same-day line; a
 * pulmonary embolism named at "today" does not also say "call 911 now" as its step; a knock on a
 * blood thinner gets a safety net. The person answers "none" and "no" to everything after the
 * opening, as many do when they think they have said it.
 */
import { describe, expect, it } from 'vitest';
import { playThrough, testBot } from './helpers/bot.js';

async function assess(opening: string) {
  const { bot } = testBot({ region: 'UK' });
  const { assessment } = await playThrough(bot, `r6-${Math.random()}`, opening, []);
  return { ...assessment, all: `${assessment.headline}\n${assessment.text}` };
}

describe('R1: a faint is never cancelled by a second warning sign', () => {
  it.each([
    "My calves ache. I've had black poo for 3 days and I nearly fainted this morning.",
    'I have heavy periods and my calves ache. I fainted twice this week.',
    'My calves ache. Yesterday my heart was pounding and then I fainted.',
  ])('%s → today at least', async (opening) => {
    const a = await assess(opening);
    expect(['urgent', 'emergency']).toContain(a.triage);
    expect(a.all).not.toMatch(/settles on its own|not an emergency/i);
  });

  it('passing out while walking up a hill is 999 (NHS fainting: fainted while exercising)', async () => {
    const a = await assess(
      'My calves ache and I get out of breath on the stairs. I passed out yesterday walking up the hill.',
    );
    expect(a.triage).toBe('emergency');
    expect(a.all).toContain('Fainting during exercise');
  });

  it('a pounding heart alone, with heavy periods, is still a GP matter, not 999', async () => {
    const a = await assess('I have heavy periods, my calves ache and my heart pounds when I climb stairs');
    expect(['see_doctor', 'urgent']).toContain(a.triage);
  });
});

describe('R2: black poo', () => {
  it('is checked today, with the emergency line for a faint or heavy bleeding', async () => {
    const a = await assess("My calves ache and I've noticed my poo has been black for a few days");
    expect(a.triage).toBe('urgent');
    expect(a.all).toContain('can be bleeding in the gut');
    expect(a.sources.map((s) => s.url)).toContain(
      'https://www.nhs.uk/conditions/bleeding-from-the-bottom-rectal-bleeding/',
    );
  });
});

describe('R3 and R4: breathlessness with blood loss, after a birth, in pregnancy', () => {
  it('two weeks after a birth with a big blood loss: today, with the midwife named', async () => {
    const a = await assess(
      'I had my baby 2 weeks ago and lost a lot of blood. Now I get out of breath on the stairs and my calves ache.',
    );
    expect(a.triage).toBe('urgent');
    expect(a.all).toContain('Get help today from your midwife');
    // Only the level's own rules speak: no "today or tomorrow" beside "today".
    expect(a.all).not.toMatch(/today or tomorrow/);
  });

  it('on the pill with heavy periods and new breathlessness: today', async () => {
    const a = await assess(
      "I'm on the pill and have heavy periods. Lately I get out of breath going upstairs which is new. Calves ache.",
    );
    expect(a.triage).toBe('urgent');
  });

  it('new breathlessness at 30 weeks: the midwife today if new, and the emergency line first', async () => {
    const a = await assess(
      "I'm 30 weeks pregnant, my calves ache and I've been getting breathless on the stairs the last few days",
    );
    // Reworded in clinical review 7 (R4): the midwife or maternity unit, now.
    expect(a.nextSteps[0]).toContain('new or worse breathlessness should be checked today');
    expect(a.nextSteps[0]).toContain('Call your midwife or maternity unit now');
    expect(a.nextSteps[0]).toContain('Call 999 now if it comes on suddenly');
    expect(a.all).not.toMatch(/a week or two/);
  });
});

describe('R5: one level in a pulmonary-embolism answer', () => {
  it('at "get help today", no step says "Call 999 now, or go straight to the emergency department"', async () => {
    const a = await assess(
      'Since my knee operation 10 days ago I get out of breath going upstairs and my calves ache',
    );
    expect(a.triage).toBe('urgent');
    expect(a.causes[0]?.id).toBe('pulmonary_embolism');
    expect(a.all).not.toMatch(/go straight to the emergency department/);
    expect(a.all).toContain('A doctor needs to check for a clot in the lungs today.');
  });
});

describe('R8: a knock on a blood thinner', () => {
  it('tells a doctor, and says when to go today', async () => {
    const a = await assess(
      "I'm on warfarin and I banged my calf on the car door yesterday. Big bruise, it's sore.",
    );
    expect(a.triage).not.toBe('self_care');
    expect(a.all).toContain('On a blood thinner, a knock can bleed inside the muscle.');
  });
});
