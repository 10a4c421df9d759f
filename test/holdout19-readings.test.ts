/**
 * What holdout19 (blind, session 7) found on its first run: a bite's local swelling read as a
 * swollen leg (urgent), gout read as exercise soreness (home care), "puffed" and chest pain on a
 * big breath not read, a 12 km walk or five-a-side not counted as exercise, one bottle of water
 * on a hot roof not counted as drinking too little.
 */
import { describe, expect, it } from 'vitest';
import { assessmentOf, playNoneThenAsk, readFindings } from './helpers/bot.js';

describe('readings from holdout19', () => {
  it.each([
    [
      'got bit at a bbq, small itchy red bump on my calf with a bit of swelling around it',
      'one_leg_swollen',
      undefined,
    ],
    [
      'bit puffed since last night, and a sharp pain on the right side of my chest when i take a big breath',
      'breathless_or_chest_pain',
      'yes',
    ],
    ['did a 12k walk on sat, both calves stiff', 'after_exercise', 'yes'],
    ['cramp in my calf at 3am. had 5-a-side earlier', 'after_exercise', 'yes'],
    ['roofing in 38 degrees, sweating buckets, maybe drank 1 bottle of water', 'low_fluid_intake', 'yes'],
    ['big toe on fire, red and swollen, had beer and wings at the game', 'after_exercise', undefined],
    ['big toe on fire, red and swollen', 'hot_swollen_joint', 'yes'],
    ['stubbed my big toe, it is red and swollen', 'hot_swollen_joint', undefined],
  ])('%s → %s %s', (text, finding, expected) => {
    expect(readFindings(text)[finding]).toBe(expected);
  });

  it('a red, hot, swollen big toe gets a doctor soon, with no calf cause named', async () => {
    const { assessment } = await playNoneThenAsk(
      'US',
      'woke up with my big toe on fire, red and swollen. now my calf aches from limping on it. had beer and wings at the game',
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes).toEqual([]);
    expect(assessment.sources.map((s) => s.url)).toContain('https://www.nhs.uk/conditions/gout/');
  });

  it('with a high temperature it is today', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      'my big toe is red, hot and swollen and I have a fever',
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessmentOf([assessment])?.headline).toMatch(/today/i);
  });
});
