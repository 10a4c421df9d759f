import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { classifyAnswer } from '../src/understanding/classify-answer.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { parseCommand } from '../src/understanding/parse-command.js';
import { parseSelection } from '../src/understanding/parse-selection.js';

let knowledge: Knowledge;
beforeAll(() => {
  knowledge = loadKnowledge();
});

const found = (text: string) => Object.fromEntries(extractFindings(text, knowledge));

describe('finding findings in free text', () => {
  it.each([
    [
      "my left calf has been aching for two days and it's swollen compared to the right one",
      'one_leg_swollen',
    ],
    ['I had knee surgery three weeks ago', 'clot_risk_factor'],
    ['since this morning I get out of breath just walking to the kitchen', 'breathless_or_chest_pain'],
    ['I get horrible calf cramps at night', 'night_cramps'],
    ['I take water pills for my blood pressure', 'diuretic_use'],
    ["I've been vegan for three years", 'plant_based_diet'],
    ['my feet tingle', 'tingling_numbness'],
    ['I work night shifts and barely see the sun', 'little_sun'],
    ['my periods are really heavy', 'heavy_periods_or_blood_loss'],
    // The tendon's "kick" feeling (it implies sudden_pop_injury); "someone kicked me in" alone is a knock.
    ['it felt like someone kicked me in the back of the leg', 'kick_feeling_no_blow'],
    ["now I can't stand on tiptoe", 'sudden_pop_injury'],
    ['it goes away when I stop for a minute', 'pain_walking_relieved_by_rest'],
    ['ever since I started taking atorvastatin my calves ache', 'statin_use'],
    ['my pee is dark brown', 'dark_urine_after_exertion'],
    ['pain shooting from my lower back down the back of my leg', 'back_pain_radiating'],
    ["I'm 30 weeks pregnant", 'pregnant'],
    ['I drink most nights', 'heavy_alcohol'],
    ['had a stomach bug with diarrhoea for four days', 'vomiting_or_diarrhea'],
    ['my lower leg and foot suddenly went cold and pale', 'leg_cold_pale'],
    [
      'I got kicked at football and the calf is rock hard and the pain keeps getting worse',
      'severe_pain_tight_after_injury',
    ],
  ])('"%s" → %s', (text, finding) => {
    expect(found(text)[finding]).toBe('yes');
  });

  it('reads a red-flag phrase only in its context: "rock hard" in a night cramp is a cramp', () => {
    const cramp = found('every night my calf cramps and the muscle goes rock hard for a minute');
    expect(cramp.severe_pain_tight_after_injury).toBeUndefined();
    expect(cramp.night_cramps).toBe('yes');
    expect(found('after the tackle my calf is rock hard').severe_pain_tight_after_injury).toBe('yes');
  });

  it('reads typos the way people type them', () => {
    expect(found('my calfs cramp every nite')).toMatchObject({ night_cramps: 'yes' });
  });

  it.each([
    ['no swelling at all', 'one_leg_swollen'],
    ["I don't take statins", 'statin_use'],
    ["I'm not pregnant", 'pregnant'],
  ])('negation: "%s" → %s is no', (text, finding) => {
    expect(found(text)[finding]).toBe('no');
  });

  // A list finding (clot risks: the pill, a long trip, an operation, cancer, a past clot...):
  // denying some items is not a "no" to the rest, so the question is still asked.
  it('"I have never had a blood clot and no recent surgery" leaves the other clot risks open', () => {
    expect(found('I have never had a blood clot and no recent surgery').clot_risk_factor).toBeUndefined();
    expect(found('I had surgery last week').clot_risk_factor).toBe('yes');
  });

  it('a gap in a phrasing never swallows a negation ("my calf is not red")', () => {
    expect(found('my calf is not red').calf_red_warm).not.toBe('yes');
    expect(found("the calf isn't red or hot, it just aches").calf_red_warm).not.toBe('yes');
    expect(found('my calves ache, not swollen, not red, not hot').calf_red_warm).not.toBe('yes');
  });

  it('keeps a negation inside its clause', () => {
    const f = found("there's no swelling but the skin is red and hot");
    expect(f.one_leg_swollen).toBe('no');
    expect(f.calf_red_warm).toBe('yes');
  });

  it('ends a negation at words like "during" and "after"', () => {
    const f = found("I didn't drink enough during my long run");
    expect(f.after_exercise).toBe('yes');
  });

  it('does not take "no idea why" as a negation of what follows', () => {
    expect(found('no idea why my left calf is swollen').one_leg_swollen).toBe('yes');
  });

  it('reads uncertainty as unsure, not as no', () => {
    expect(found("I'm not sure if my calf is swollen").one_leg_swollen).toBe('unsure');
  });

  it('does not take darker skin (a vitamin D risk) for a darkened calf', () => {
    expect(found('I have dark skin and hardly go outside').calf_red_warm).toBeUndefined();
    expect(found('the skin on my calf has gone darker').calf_red_warm).toBe('yes');
  });

  it('does not take swelling in both legs as one swollen leg', () => {
    expect(found('both my ankles are swollen in the evening').one_leg_swollen).toBeUndefined();
  });

  it.each([
    ['I also get out of breath on the stairs and look really pale', 'pale_or_breathless_on_exertion'],
    ['I get breathless climbing hills lately', 'pale_or_breathless_on_exertion'],
    ['I get puffed out easily', 'pale_or_breathless_on_exertion'],
    ['I had a DVT 2 years ago', 'clot_risk_factor'],
    ['previous blood clot in my leg', 'clot_risk_factor'],
    ['history of PE', 'clot_risk_factor'],
    ["can't walk far without my calves burning, fine after a rest", 'pain_walking_relieved_by_rest'],
    ['it eases off if I stand still for a bit', 'pain_walking_relieved_by_rest'],
    ['its def bigger than the left one', 'one_leg_swollen'],
    ['one leg is puffier than the other', 'one_leg_swollen'],
    ["I've got a swollen calf", 'one_leg_swollen'],
    ['a red, warm, tender patch on the back of my calf', 'calf_red_warm'],
    ['my calf is swollen, hot and painful', 'calf_red_warm'],
    ['started simvastain a month ago', 'statin_use'],
    ['on atorvastin', 'statin_use'],
    ['feel totally washed out', 'unusual_fatigue'],
    ['mostly drank cider not water', 'low_fluid_intake'],
    ["didn't drink much water", 'low_fluid_intake'],
    ['my ankles and feet are swollen by the evening', 'both_legs_swollen'],
    ['both legs have gone puffy', 'both_legs_swollen'],
    ['my heart keeps fluttering', 'palpitations'],
  ])('holdout-style: "%s" → %s', (text, finding) => {
    expect(found(text)[finding]).toBe('yes');
  });

  it.each([
    'I get out of breath on the stairs and my calves ache',
    'short of breath on exertion',
    'going up the stairs I am out of breath',
  ])('does not read breathlessness with effort as the emergency flag: "%s"', (text) => {
    const f = found(text);
    expect(f.breathless_or_chest_pain).toBeUndefined();
    expect(f.pale_or_breathless_on_exertion).toBe('yes');
  });

  it.each([
    'since this morning I get out of breath just walking to the kitchen',
    'suddenly really short of breath',
    'out of breath even sitting down',
    'I get out of breath on the stairs, and I have chest pain',
  ])('keeps new, resting or chest-pain breathlessness as the emergency flag: "%s"', (text) => {
    expect(found(text).breathless_or_chest_pain).toBe('yes');
  });

  it('reads swelling in both legs as both_legs_swollen, never as one swollen leg', () => {
    for (const text of [
      'both ankles swollen',
      'swollen feet and ankles',
      'my legs are really puffy',
      'both my calves are swollen',
      'on furosemide for swollen ankles',
    ]) {
      const f = found(text);
      expect(f.both_legs_swollen, text).toBe('yes');
      expect(f.one_leg_swollen, text).toBeUndefined();
    }
    expect(found('my left calf is swollen').both_legs_swollen).toBeUndefined();
    expect(found('I have a swollen leg').one_leg_swollen).toBe('yes');
  });

  it.each([
    ["I don't take any meds", ['diuretic_use', 'statin_use', 'acid_reducer_or_metformin']],
    ['not on any medication', ['diuretic_use', 'statin_use', 'acid_reducer_or_metformin']],
    ['I eat lots of vegetables', ['few_greens_nuts_grains', 'few_fruit_vegetables']],
    ['I have a balanced diet', ['few_greens_nuts_grains', 'few_fruit_vegetables']],
    ['I drink plenty of water', ['low_fluid_intake']],
  ])('blanket denial: "%s" → all of %j are no', (text, findings) => {
    const f = found(text);
    for (const id of findings) expect(f[id], id).toBe('no');
  });

  it('lets a named medicine win over a blanket denial', () => {
    const f = found("I'm not on any medication but I do take omeprazole");
    expect(f.acid_reducer_or_metformin).toBe('yes');
    expect(f.statin_use).toBe('no');
  });

  it('does not read a negated healthy diet as a denial', () => {
    expect(found("I don't eat a healthy diet").few_fruit_vegetables).toBe('yes');
  });
});

describe('the phrasing grammar', () => {
  it('=word matches exactly, without plural folding', async () => {
    const { compilePhrase, findPhrase } = await import('../src/understanding/phrase.js');
    const { fold, tokenize } = await import('../src/understanding/normalize.js');
    const match = (phrase: string, text: string) => {
      const tokens = tokenize(text);
      return findPhrase(compilePhrase(phrase), tokens, tokens.map(fold)).length > 0;
    };
    expect(match('swollen =calves', 'both swollen calves')).toBe(true);
    expect(match('swollen =calves', 'a swollen calf')).toBe(false);
    expect(match('swollen calves', 'a swollen calf')).toBe(true);
    expect(match('calf ... swollen', 'my calf is really very swollen')).toBe(true);
    expect(match('tingl*', 'my toes are tingly')).toBe(true);
  });
});

describe('everyday yes / no / not sure', () => {
  it.each([
    ['yes', 'yes'],
    ['yeah', 'yes'],
    ['yep', 'yes'],
    ['yes it is', 'yes'],
    ['yes, the left one is swollen', 'yes'],
    ['no', 'no'],
    ['nope', 'no'],
    ['no, not that', 'no'],
    ["no I don't think so", 'no'],
    ["I'm not", 'no'],
    ['not sure', 'unsure'],
    ["I don't know", 'unsure'],
    ['no idea', 'unsure'],
    ['dunno', 'unsure'],
    ['well, maybe', 'unsure'],
  ])('"%s" → %s', (text, choice) => {
    expect(classifyAnswer(text)).toBe(choice);
  });

  it('gives no answer for text that says neither', () => {
    expect(classifyAnswer('purple elephants')).toBeNull();
  });
});

describe('commands typed as words', () => {
  it.each([
    ['restart', 'restart'],
    ['start over', 'restart'],
    ['help', 'help'],
    ['forget me', 'forget'],
    ['delete my data', 'forget'],
    ['why are you asking?', 'why'],
    ['go back', 'back'],
  ])('"%s" → %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it('does not take a question about calves for the "why" command', () => {
    expect(parseCommand('why do my calves hurt')).toBeNull();
  });
});

describe('multi-select answered in words', () => {
  const options = () => [
    { finding: 'one_leg_swollen', label: knowledge.findings.get('one_leg_swollen')!.label },
    { finding: 'calf_red_warm', label: knowledge.findings.get('calf_red_warm')!.label },
    { finding: 'leg_cold_pale', label: knowledge.findings.get('leg_cold_pale')!.label },
  ];
  it('"none of those" selects nothing', () => {
    expect(parseSelection('none of those', options(), knowledge)).toEqual({ kind: 'selected', findings: [] });
  });
  it('numbers pick options', () => {
    expect(parseSelection('1, 3', options(), knowledge)).toMatchObject({
      findings: ['one_leg_swollen', 'leg_cold_pale'],
    });
  });
  it('labels joined with "and" pick options', () => {
    const o = options();
    expect(parseSelection(`${o[0]!.label}, and ${o[2]!.label}`, o, knowledge)).toMatchObject({
      findings: ['one_leg_swollen', 'leg_cold_pale'],
    });
  });
  it('everyday words pick options', () => {
    expect(parseSelection('my left calf is swollen', options(), knowledge)).toMatchObject({
      findings: ['one_leg_swollen'],
    });
  });
  it('gibberish is not an answer', () => {
    expect(parseSelection('banana', options(), knowledge)).toBeNull();
  });
});
