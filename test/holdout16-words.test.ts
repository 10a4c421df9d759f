/**
 * Readings from the blind holdout16 set (session 5, "a second normal week"): a shop's name read
 * as a barre class, a new mother's warning signs missed because "had my daughter 9 days ago"
 * named no baby, "both feet" read as swelling in a tingling answer, and answers that were asked
 * again ("not on bc, no travel", "urine is not coming properly").
 */
import { describe, expect, it } from 'vitest';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { assessmentOf, knowledge, lastQuestion, readFindings, testBot } from './helpers/bot.js';

const read = readFindings;
const answering = (text: string, finding: string) =>
  Object.fromEntries(extractFindings(text, knowledge(), { expecting: [finding] }));

describe('holdout16: a supplement question first still gets the whole check', () => {
  it('"holland and barret" is a shop, not exercise, so no cause is named from it', () => {
    expect(read('whats a good magnesuim for calf pain? holland and barret have loads')).toEqual({});
    expect(read('did a barre class yesterday')).toHaveProperty('after_exercise', 'yes');
  });

  it('after the safety screen it asks how the pain comes instead of closing with a guess', async () => {
    const { bot } = testBot();
    await bot.handle('h16', {
      kind: 'text',
      text: 'whats a good magnesuim for calf pain? holland and barret have loads',
    });
    const { replies } = await bot.handle('h16', { kind: 'text', text: 'no, none of that' });
    expect(assessmentOf(replies)).toBeUndefined();
    expect(lastQuestion(replies)).toBeDefined();
  });
});

describe('holdout16: a new mother', () => {
  const opening =
    'had my daughter 9 days ago. both calves ache and my feet are huge, and today ive got a pounding headache that wont shift with paracetamol and i keep seeing zigzags. is this just the tiredness?';

  it('"had my daughter 9 days ago" is a recent birth: a clot risk, and the context for warning signs', () => {
    const r = read(opening);
    expect(r).toHaveProperty('clot_risk_factor', 'yes');
    expect(r).toHaveProperty('pregnancy_warning_signs', 'yes');
    expect(r).toHaveProperty('both_legs_swollen', 'yes');
  });

  it('gets same-day help or more, never a GP appointment', async () => {
    const { bot } = testBot();
    let { replies } = await bot.handle('pn', { kind: 'text', text: opening });
    for (let i = 0; i < 8 && !assessmentOf(replies); i++) {
      replies = (await bot.handle('pn', { kind: 'text', text: 'no' })).replies;
    }
    expect(['urgent', 'emergency']).toContain(assessmentOf(replies)?.triage);
  });

  it('"I had my daughter look at it" is not a birth', () => {
    expect(read('I had my daughter look at it')).not.toHaveProperty('clot_risk_factor');
  });
});

describe('holdout16: answers read as people give them', () => {
  it('"pins and needles in both feet" is tingling, not swollen legs', () => {
    const r = read('pins and needles in both feet for few months, and calves feel weak and achy');
    expect(r).toHaveProperty('tingling_numbness', 'yes');
    expect(r).not.toHaveProperty('both_legs_swollen');
  });

  it('"both feet" still answers the question about swollen legs', () => {
    expect(answering('both feet yeah', 'both_legs_swollen')).toHaveProperty('both_legs_swollen', 'yes');
  });

  it('"not on bc, no travel" answers the clot-risk question with no; said unasked it denies nothing', () => {
    expect(answering('not on bc, no travel', 'clot_risk_factor')).toHaveProperty('clot_risk_factor', 'no');
    expect(read('not on bc, no travel')).not.toHaveProperty('clot_risk_factor');
    expect(read('I travel a lot for work')).not.toHaveProperty('clot_risk_factor');
  });

  it('trouble passing urine and numbness "down there" are the cauda equina signs', () => {
    expect(read('urine is not coming properly and the area down there feels numb')).toHaveProperty(
      'saddle_numbness_or_bladder_change',
      'yes',
    );
    expect(read('Today I could not pass urine properly')).toHaveProperty(
      'saddle_numbness_or_bladder_change',
      'yes',
    );
  });

  it('"pure veg from birth" is a plant-based diet, not a recent birth', () => {
    const r = read('pure veg from birth, no eggs also');
    expect(r).toHaveProperty('plant_based_diet', 'yes');
    expect(r).not.toHaveProperty('clot_risk_factor');
  });
});

describe('holdout17: readings fixed after its first run', () => {
  it('asleep by the pool is sunburn, so two red calves are not sent for a clot scan', () => {
    expect(
      read(
        'fell asleep by the pool in lanzarote, backs of both calves are bright red, hot and sore to touch',
      ),
    ).toHaveProperty('sunburn', 'yes');
  });

  it('a pedal smashed into the leg is a knock: swelling after it is checked today without naming a clot', async () => {
    const { bot } = testBot();
    await bot.handle('k', {
      kind: 'text',
      text: 'came off my bike yday and the pedal smashed into the side of my lower leg. this morning i cant put any weight on it, calf and shin are swollen',
    });
    const { replies } = await bot.handle('k', { kind: 'text', text: 'none of them no' });
    let r = replies;
    for (let i = 0; i < 8 && !assessmentOf(r); i++)
      r = (await bot.handle('k', { kind: 'text', text: 'no' })).replies;
    const a = assessmentOf(r)!;
    expect(a.triage).toBe('urgent');
    expect(a.causes.map((c) => c.id)).not.toContain('dvt');
  });

  it('"doctor uncle said growing pain but i am worried" does not make the daughter\'s legs the writer\'s', () => {
    expect(
      read(
        'my daughter is 7 years, both legs paining at night specially calves. morning she is fine and playing. doctor uncle said growing pain but i am worried',
      ),
    ).toHaveProperty('pain_both_legs_evening_child', 'yes');
  });

  it('feet that burn and go numb are tingling and numbness', () => {
    expect(read('my feet burn and go numb at night')).toHaveProperty('tingling_numbness', 'yes');
  });
});
