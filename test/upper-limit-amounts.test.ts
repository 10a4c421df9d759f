/**
 * Safety item S7 (exploratory test): "I take 500mg magnesium a day, is that ok?" was compared with
 * the official upper limit only when typed "500 mg" with a space. Every way of writing an amount
 * is now read and said back against the limit in the limit's unit; an amount whose unit, number
 * or nutrient is unclear is said to be unclear, never guessed. Played through a real Bot.
 */
import { describe, expect, it } from 'vitest';
import { amountsIn } from '../src/understanding/amounts.js';
import type { Reply } from '../src/vocabulary.js';
import { lastQuestion, playThrough, testBot } from './helpers/bot.js';
import { fkGrade, sentencesOf } from './helpers/readability.js';

/** What the person reads, each reply without its list of sources. */
const textOf = (replies: Reply[]) =>
  replies.map((r) => (r.kind === 'question' ? r.text : r.text).split('\n\nSources:')[0]!).join('\n');

/** A bot after a night-cramps assessment, and a way to ask it things. */
async function assessed(opening = 'my calves cramp at night', present = ['night_cramps']) {
  const { bot } = testBot();
  const key = `k${Math.random()}`;
  await playThrough(bot, key, opening, present);
  return async (text: string) => textOf((await bot.handle(key, { kind: 'text', text })).replies);
}

const TALK = 'Please talk to a doctor or pharmacist before you take any more.';
const MG_LIMIT = 'For adults, the official upper limit is 350 mg a day.';

describe('an amount over the official upper limit is said to be over it, however it is typed', () => {
  const MG_OVER = 'That is more than the official upper limit of 350 mg a day.';
  it.each([
    ['I take 500 mg magnesium a day, is that ok?', `You said 500 mg of magnesium. ${MG_OVER}`],
    ['I take 500mg magnesium a day, is that ok?', `You said 500 mg of magnesium. ${MG_OVER}`],
    [
      'i already take 500mg magnesium citrate a day, is that ok?',
      'Check the label for how much magnesium itself is in each dose. If it says 500 mg, that is more than the official upper limit of 350 mg a day.',
    ],
    [
      'I take 10 grams of magnesium a day, is that ok?',
      'You said 10 g of magnesium. That is 10,000 mg. It is more than 28 times the official upper limit of 350 mg a day.',
    ],
    [
      'I take 2 g magnesium daily',
      'You said 2 g of magnesium. That is 2,000 mg. It is more than 5 times the official upper limit of 350 mg a day.',
    ],
    [
      'is 10g of magnesium ok?',
      'You said 10 g of magnesium. That is 10,000 mg. It is more than 28 times the official upper limit of 350 mg a day.',
    ],
    ['I take 1,5 g magnesium a day', 'You said 1.5 g of magnesium. That is 1,500 mg.'],
    ['I take 0.5 grams of magnesium', 'You said 0.5 g of magnesium. That is 500 mg.'],
    [
      'I take 65mg iron daily, too much?',
      'You said 65 mg of iron. That is more than the official upper limit of 45 mg a day.',
    ],
    [
      'I take 65 mg iron daily, too much?',
      'You said 65 mg of iron. That is more than the official upper limit of 45 mg a day.',
    ],
    [
      'I take 90 milligrams of iron',
      'You said 90 mg of iron. That is 2 times the official upper limit of 45 mg a day.',
    ],
    [
      'I take 5000iu vitamin d, is that ok?',
      'You said 5,000 IU of vitamin D. That is more than the official upper limit of 4,000 IU a day.',
    ],
    [
      'I take 5,000 IU of vitamin D daily',
      'You said 5,000 IU of vitamin D. That is more than the official upper limit of 4,000 IU a day.',
    ],
    [
      'I take 8000 international units of vitamin d3',
      'You said 8,000 IU of vitamin D. That is 2 times the official upper limit of 4,000 IU a day.',
    ],
    [
      'I take vit. d, 125 mcg',
      'You said 125 mcg of vitamin D. That is more than the official upper limit of 100 mcg a day.',
    ],
    [
      'I take 125mcg vitamin d a day',
      'You said 125 mcg of vitamin D. That is more than the official upper limit of 100 mcg a day.',
    ],
    [
      'I take 125 µg of vitamin D daily',
      'You said 125 mcg of vitamin D. That is more than the official upper limit of 100 mcg a day.',
    ],
    [
      'is 250 micrograms of cholecalciferol ok?',
      'You said 250 mcg of vitamin D. That is more than 2 times the official upper limit of 100 mcg a day.',
    ],
    [
      'I take 3000 mg calcium a day, is that ok?',
      'You said 3,000 mg of calcium. That is more than the official upper limit of 2,500 mg a day.',
    ],
    [
      'I take 2200 mg calcium a day',
      'You said 2,200 mg of calcium. That is more than the limit from age 51, which is 2,000 mg a day.',
    ],
  ])('%s → "%s"', async (text, said) => {
    const ask = await assessed();
    const out = await ask(text);
    expect(out.split('\n').join(' ')).toContain(said);
    expect(out).toContain(TALK);
    expect(out).toContain('I cannot suggest a dose.');
    // Nothing that reads as "it is fine with a test" beside an amount over the limit.
    expect(out).not.toMatch(/Take it only after a blood test|Probably not without/);
  });

  it('says it plainly first, before the limit is quoted', async () => {
    const ask = await assessed();
    const lines = (await ask('I take 10 grams of magnesium a day, is that ok?')).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'You said 10 g of magnesium.',
      'That is 10,000 mg.',
      'It is more than 28 times the official upper limit of 350 mg a day.',
      TALK,
    ]);
    expect(lines.some((l) => l.includes(MG_LIMIT))).toBe(true);
  });

  it('names each nutrient over its own limit when two are said', async () => {
    const ask = await assessed();
    const out = (await ask('I take 500mg magnesium and 65mg iron, is that ok?')).split('\n').join(' ');
    expect(out).toContain(`You said 500 mg of magnesium. ${MG_OVER}`);
    expect(out).toContain(
      'You said 65 mg of iron. That is more than the official upper limit of 45 mg a day.',
    );
    expect(out).toContain(MG_LIMIT);
    expect(out).toContain('the official upper limit for iron is 45 mg a day');
  });
});

describe('an amount under the limit is not called safe', () => {
  it.each([
    'I take 300 mg magnesium a day, is that ok?',
    'how much magnesium, I take 200mg',
    'I take 2000 international units of vitamin D',
    'I take 1200 mg calcium a day, is that ok?',
    'I take 500 mcg magnesium',
  ])('%s', async (text) => {
    const ask = await assessed();
    const out = await ask(text);
    expect(out).not.toMatch(/more than|is over/);
    expect(out).not.toMatch(/\b(safe|fine|ok|okay)\b/i);
    expect(out).toContain('I cannot suggest a dose.');
    expect(out).toMatch(/upper limit/);
  });
});

describe('asked for the limit itself, the limit is quoted', () => {
  it.each([
    ['what is the upper limit for magnesium?', MG_LIMIT],
    ['can you overdose on iron?', 'the official upper limit for iron is 45 mg a day'],
    ["what's the max vitamin d a day?", 'The upper limit of vitamin D for adults is 4,000 IU a day.'],
  ])('%s', async (text, limit) => {
    const ask = await assessed();
    const out = await ask(text);
    expect(out).toContain(limit);
    expect(out).not.toMatch(/Probably not without a blood test/);
  });
});

describe('vitamin B12 has no official upper limit, and calfbot says so', () => {
  it('"Can I take methylcobalamin 1500 mcg daily?" is understood as B12', async () => {
    const ask = await assessed();
    const out = await ask('Can I take methylcobalamin 1500 mcg daily?');
    expect(out.split('\n')[0]).toBe('Methylcobalamin is a form of B12.');
    expect(out).toContain('No upper limit has been set for B12');
    expect(out).not.toMatch(/more than/);
    expect(out).toMatch(/doctor or pharmacist/);
  });
});

describe('when the unit, the number or the nutrient is unclear, nothing is guessed', () => {
  it.each([
    ['I take 500 magnesium a day', 'I cannot tell if "500" is in mg, mcg or IU.'],
    ['I take 5000 units of vitamin d', 'I cannot tell if "5000 units" is in mg, mcg or IU.'],
    ['I take 2.000 IU vitamin D', 'I cannot tell what "2.000 IU" means.'],
    ['I take 5000 IU of magnesium', 'The limit for magnesium is in mg, not in IU.'],
    [
      'I take 50,000 IU vitamin D once a week',
      'The official upper limit is for one day. So I cannot compare it with what you take over a week or a month.',
    ],
  ])('%s → "%s"', async (text, sentence) => {
    const ask = await assessed();
    const out = await ask(text);
    expect(out).toContain(sentence);
    expect(out).not.toMatch(/more than/);
    expect(out).not.toContain(TALK);
  });

  it('a supplement calfbot has no limit for is not compared with magnesium\'s ("mg" is a unit there)', async () => {
    const ask = await assessed();
    for (const text of ['I take 1000 mg vitamin c, is that ok?', 'is 100mcg of vitamin k2 ok?']) {
      const out = await ask(text);
      expect(out, text).not.toMatch(/350 mg|more than|potassium/i);
      expect(out, text).toContain('I do not know an official upper limit for that.');
      expect(out, text).toContain(
        'I only know the official upper limits of these:\n- iron\n- magnesium\n- vitamin D\n- calcium',
      );
    }
  });

  it('calcium is not compared with the vitamin D limit', async () => {
    const ask = await assessed();
    const out = await ask('I take 1200 mg calcium a day, is that ok?');
    expect(out).not.toMatch(/more than/);
  });

  it('an amount between two nutrients is not given to either', async () => {
    const ask = await assessed();
    const out = await ask('I take iron 65mg magnesium 500mg, is that ok?');
    expect(out).toContain('I cannot tell which amount goes with which supplement.');
    expect(out).not.toContain('You said 65 mg');
    // The one after "magnesium" with nothing else near is magnesium's.
    expect(out).toContain('You said 500 mg of magnesium.');
  });

  it('an amount of a food, or of alcohol, is not taken for a supplement', async () => {
    const ask = await assessed();
    for (const text of [
      'how much magnesium is in 100g of spinach?',
      'is 30g of almonds enough magnesium?',
      'I drink 20 units of alcohol a week, how much magnesium should I take?',
    ]) {
      const out = await ask(text);
      expect(out, text).not.toMatch(/You said|I cannot tell|more than/);
    }
  });
});

describe('for a child the adult limit is never given (clinical review R18)', () => {
  it('magnesium: with no age said, the limit goes by age and is much lower for young children', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'child', 'my son gets achy legs every evening, both legs, fine in the morning', [
      'child_under_16',
      'pain_both_legs_evening_child',
    ]);
    const ask = async (text: string) => textOf((await bot.handle('child', { kind: 'text', text })).replies);
    for (const text of [
      'how much magnesium should I give him?',
      'he takes 500mg magnesium a day, is that ok?',
    ]) {
      const out = await ask(text);
      expect(out, text).toContain(
        "For a child, the safe upper limit depends on their age. For young children it is much lower than for adults. Please ask your child's doctor before you give them any supplement.",
      );
      expect(out, text).not.toMatch(/350 mg|For adults|more than/);
    }
    // Iron's limit is 40 mg to age 13 and 45 mg after: not "much lower", so not said.
    const iron = await ask('how much iron can he have?');
    expect(iron).toContain('For a child, the safe upper limit depends on their age.');
    expect(iron).not.toMatch(/much lower|45 mg/);
  });

  // Exploratory 5, S8; clinical review 7, R15.2: the child's age said, the band for it is quoted.
  it('with the age said, the band for that age, and the amount against it', async () => {
    const { bot } = testBot();
    await playThrough(
      bot,
      'child',
      "my 6 year old's legs ache every evening, both legs, fine in the morning",
      ['child_under_16', 'pain_both_legs_evening_child'],
    );
    const ask = async (text: string) => textOf((await bot.handle('child', { kind: 'text', text })).replies);
    const out = await ask('he takes 500mg magnesium a day, is that ok?');
    expect(out).toContain(
      'A child aged 4 to 8 should have no more than 110 mg a day of magnesium. This is from supplements, not food. It is the official upper limit.',
    );
    expect(out).toContain('You said 500 mg.\nThat is more than 4 times the limit.');
    expect(out).not.toMatch(/350 mg|For adults/);
    const iron = await ask('how much iron can he have?');
    expect(iron).toContain('A child up to age 13 should have no more than 40 mg of iron a day.');
    expect(iron).not.toMatch(/45 mg/);
  });
});

describe('asked mid-check', () => {
  it('during the warning signs it is deferred, with nothing that sounds like an answer; after them it is answered', async () => {
    const { bot } = testBot();
    const key = 'mid';
    const ask = (text: string) => bot.handle(key, { kind: 'text', text });
    const first = await ask('my calves cramp at night');
    const screen = lastQuestion(first.replies)!;
    const q = 'i already take 500mg magnesium citrate a day, is that ok?';
    const deferred = await ask(q);
    const said = textOf(deferred.replies);
    // The amount is kept (exploratory 5, S8), with nothing that sounds like an answer yet.
    expect(said).toMatch(
      /^I have noted the amount\. I will come back to it once we have checked a few warning signs\./,
    );
    expect(said).not.toMatch(/blood test|\bsafe\b|fine|upper limit/i);
    expect(lastQuestion(deferred.replies)?.question).toBe(screen.question);
    // Through the warning signs (none), then the same question gets the real answer.
    let out = await bot.handle(key, { kind: 'select', question: screen.question, selected: [] });
    for (let i = 0; i < 3; i++) {
      const next = lastQuestion(out.replies)!;
      const answered = await ask(q);
      if (!/warning signs/.test(textOf(answered.replies))) {
        const text = textOf(answered.replies);
        expect(text).toContain(
          'If it says 500 mg, that is more than the official upper limit of 350 mg a day.',
        );
        expect(text).toContain(TALK);
        expect(text).toContain('Now, back to the check:');
        expect(lastQuestion(answered.replies)?.question).toBe(next.question);
        return;
      }
      out = await bot.handle(
        key,
        next.type === 'multi'
          ? { kind: 'select', question: next.question, selected: [] }
          : { kind: 'answer', question: next.question, choice: 'no' },
      );
    }
    throw new Error('never answered after the warning signs');
  });
});

describe('plain language', () => {
  it('every sentence of these answers is at grade 8 or below', async () => {
    const ask = await assessed();
    const worst: Array<[number, string]> = [];
    for (const text of [
      'I take 10 grams of magnesium a day, is that ok?',
      'i already take 500mg magnesium citrate a day, is that ok?',
      'I take 2200 mg calcium a day',
      'I take 500 magnesium a day',
      'I take 2.000 IU vitamin D',
      'I take 5000 IU of magnesium',
      'I take 50,000 IU vitamin D once a week',
      'I take 1000 mg vitamin c, is that ok?',
      'I take iron and magnesium, and it is 500 mg in total, is that ok?',
    ]) {
      for (const s of sentencesOf(await ask(text))) worst.push([fkGrade(s), s]);
    }
    expect(worst.filter(([g]) => g > 8)).toEqual([]);
  });
});

describe('reading amounts', () => {
  it.each([
    ['500mg', 500, 'mg'],
    ['500 mg', 500, 'mg'],
    ['500 mgs', 500, 'mg'],
    ['500 milligrams', 500, 'mg'],
    ['10g', 10, 'g'],
    ['10 grams', 10, 'g'],
    ['1,5 g', 1.5, 'g'],
    ['2.5g', 2.5, 'g'],
    ['5,000 IU', 5000, 'iu'],
    ['5000iu', 5000, 'iu'],
    ['2000 international units', 2000, 'iu'],
    ['125mcg', 125, 'mcg'],
    ['125 µg', 125, 'mcg'],
    ['125 μg', 125, 'mcg'],
    ['125 micrograms', 125, 'mcg'],
    ['0.125 mg', 0.125, 'mg'],
    ['1,000,000 IU', 1_000_000, 'iu'],
  ])('"%s" is %d %s', (text, value, unit) => {
    expect(amountsIn(`I take ${text} a day`)).toMatchObject([{ value, unit, bare: false }]);
  });

  it('leaves unclear what is unclear', () => {
    expect(amountsIn('1.500 mg')).toMatchObject([{ value: null, unit: 'mg' }]);
    expect(amountsIn('5000 units')).toMatchObject([{ value: 5000, unit: null, bare: false }]);
    expect(amountsIn('500 magnesium')).toMatchObject([{ value: 500, unit: null, bare: true }]);
    // Not amounts: part of a name, or a word that only starts like a unit.
    expect(amountsIn('vitamin b12 and d3')).toEqual([]);
    expect(amountsIn('2 gummies')).toMatchObject([{ value: 2, bare: true }]);
  });
});
