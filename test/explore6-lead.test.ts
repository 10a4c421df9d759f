/**
 * Exploratory test 6, S4 and S5 (lead's items): a warning sign said after a denial, hedged ("well,
 * a little") or after "though", is said, not denied; the number for a place asked about, or said in
 * passing, is that place's; "what number do I ring?" is answered at any point.
 */
import { describe, expect, it } from 'vitest';
import { readRegion } from '../src/understanding/read-region.js';
import { writtenFor } from '../src/understanding/someone-else.js';
import { assessmentOf, chat, lastQuestion, playNoneThenAsk, readFindings, replyText } from './helpers/bot.js';

describe('a sign after a denial is said (S4)', () => {
  it.each([
    ['no chest pain. well, a little when I breathe in', 'breathless_or_chest_pain'],
    ['no chest pain really, just hurts a bit when i take a big breath', 'breathless_or_chest_pain'],
    ['none, just a weird stitch under my ribs when i breathe deep', 'breathless_or_chest_pain'],
    ['no chest pain, well a bit', 'breathless_or_chest_pain'],
    ['not really breathless, maybe a little', 'breathless_or_chest_pain'],
    ['coughed up a bit of pink stuff this morning, probably nothing', 'breathless_or_chest_pain'],
    ['none, leg is warm though', 'calf_red_warm'],
    ['no fainting, leg is warm though', 'calf_red_warm'],
    ['no swelling, no redness, but it is warm', 'calf_red_warm'],
    ['none, its kinda red at the back tho', 'calf_red_warm'],
    ['none, it went red yesterday', 'calf_red_warm'],
    ['left calf sore and its hot', 'calf_red_warm'],
    ['none, my foot is a bit numb and cold', 'leg_cold_pale'],
  ])('%s → %s', (text, finding) => {
    expect(readFindings(text)[finding]).toBe('yes');
  });

  it.each([
    ['no swelling, redness or warmth', 'calf_red_warm'],
    ['no chest pain, no breathlessness, just the calf', 'breathless_or_chest_pain'],
    ['its hot today and my calf hurts', 'calf_red_warm'],
  ])('still denied or not said: %s', (text, finding) => {
    expect(readFindings(text)[finding]).not.toBe('yes');
  });

  it('a hedged "a little" of chest pain on the first screen, with a sore calf, is 999', async () => {
    const c = chat('UK');
    await c.say('left calf has ached since the weekend');
    const out = await c.say('no chest pain. well, a little when I breathe in');
    expect(assessmentOf(out.replies)?.triage).toBe('emergency');
  });
});

describe('the number where the person is (S5)', () => {
  it.each([
    ['what number do i call for an ambulance in south africa?', 'ELSEWHERE'],
    ['what is the ambulance number in ireland?', 'EU'],
    ['whats the emergency number in australia', 'AU'],
    ['I drove back to Dublin (3 hours)', 'EU'],
    ['live in Leeds', 'UK'],
    ['perth wa', 'AU'],
    ["I'm in Taranaki", 'NZ'],
    ['36 weeks pregnant in glasgow', '~UK'],
    ['fell asleep on the beach in durban', 'ELSEWHERE'],
    ['playing badminton in singapore', 'ELSEWHERE'],
  ])('%s → %s', (text, region) => {
    expect(readRegion(text)).toBe(region);
  });

  it.each(['hurt it on holiday in Spain', 'when I was in Spain I hurt it', 'flying back to Dublin tomorrow'])(
    'not where they are now: %s',
    (text) => {
      expect(readRegion(text)).toBeNull();
    },
  );

  it('a place said in passing gives its number and "or your local emergency number"', async () => {
    const out = await chat('US').say('36 weeks pregnant in glasgow, my calf is swollen and I am breathless');
    expect(assessmentOf(out.replies)?.headline).toBe('Call 999 (or your local emergency number) now');
  });

  it('"what number do i ring?" mid-check is answered, then the question comes again', async () => {
    const c = chat('US');
    await c.say('my left calf has ached for a week');
    const q = lastQuestion((await c.say('none')).replies)!;
    const out = await c.say("what number do i ring? i'm in the UK");
    expect(replyText(out.replies)).toMatch(
      /Where you are, call 999 in an emergency\. For help today, contact NHS 111/,
    );
    expect(lastQuestion(out.replies)?.question).toBe(q.question);
  });

  it('asked after the answer, the numbers are given, not the fallback', async () => {
    const c = chat('UK');
    let out = await c.say('my calves ache after my first run in years');
    for (let i = 0; i < 10 && !assessmentOf(out.replies); i++) out = await c.say('none');
    expect(assessmentOf(out.replies)).toBeDefined();
    out = await c.say('what number do i ring if it gets worse?');
    expect(replyText(out.replies)).toMatch(/call 999 in an emergency/);
  });
});

describe('plain answers, stopping and privacy (U1, U2, U6)', () => {
  const toPatternQuestion = async () => {
    const c = chat('UK');
    await c.say('my calves ache');
    let out = await c.say('none');
    for (let i = 0; i < 4; i++) {
      const q = lastQuestion(out.replies);
      if (q?.type === 'multi' && q.options.some((o) => o.finding === 'night_cramps')) return { c, q };
      out = await c.say(q?.type === 'multi' ? 'none' : 'no');
    }
    throw new Error('no pattern question');
  };

  it.each(['nights', 'night mostly', 'evenings', 'when i lie down'])(
    '"%s" answers "when does the pain come?" with the night or rest option',
    async (answer) => {
      const { c, q } = await toPatternQuestion();
      const out = await c.say(answer);
      expect(lastQuestion(out.replies)?.question).not.toBe(q.question);
      expect(replyText(out.replies)).not.toMatch(/ask me again then|did not catch/i);
    },
  );

  it.each(['stop', 'cancel', 'quit', 'bye'])(
    '"%s" mid-check ends the check, with how to start again',
    async (word) => {
      const c = chat('UK');
      await c.say('my calves ache');
      const out = await c.say(word);
      expect(replyText(out.replies)).toMatch(/I have stopped the check/);
      expect(lastQuestion(out.replies)).toBeUndefined();
    },
  );

  it.each(['what data do you keep about me?', 'who can see this chat? is it stored?'])(
    '"%s" is answered, first message or mid-check',
    async (question) => {
      const first = await chat('UK').say(question);
      expect(replyText(first.replies)).toMatch(/not your words/);
      const c = chat('UK');
      await c.say('my calves ache');
      const mid = await c.say(question);
      expect(replyText(mid.replies)).toMatch(/Type "forget" to delete them now/);
      expect(lastQuestion(mid.replies)).toBeDefined();
    },
  );
});

describe('someone named in passing is not the patient (U3)', () => {
  it.each([
    'both calves ache after helping my mate move house on saturday',
    'calf sore after carrying my daughter around the zoo all day',
    'sore calves after playing footy with my son',
  ])("%s is the writer's own calves", (text) => {
    expect(writtenFor(text)).toBeNull();
  });

  it.each([
    ['my son has sore calves after football', 'your son'],
    ['asking for my mum, 84, her calves cramp at night', 'your mum'],
  ])('%s is still for someone else', (text, person) => {
    expect(writtenFor(text)?.person).toBe(person);
  });
});

describe('"does that matter?" after the answer (U4)', () => {
  it('new risk changes the advice', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'my left calf aches',
      'i had knee surgery 9 days ago tho, does that matter?',
    );
    expect(answers[0]).toMatch(/That changes my advice/);
    expect(answers[0]).toMatch(/Get medical help today/);
  });

  it('nothing new: the advice is said again, not the fallback', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'both my calves ache after a long walk',
      'i have asthma btw does that matter',
      'so is it fine?',
    );
    for (const a of answers) {
      expect(a).toMatch(/my advice stays the same: you can most likely look after this at home/);
      expect(a).not.toMatch(/tell me more about iron/);
    }
  });
});

describe('painkillers while breastfeeding (U5)', () => {
  it('gets the breastfeeding answer, not the pregnancy one', async () => {
    const { answers } = await playNoneThenAsk(
      'UK',
      'had my baby 6 weeks ago, calves ache after walks with the pram',
      'can i take advil while breastfeeding?',
    );
    expect(answers[0]).toMatch(/While breastfeeding, paracetamol and ibuprofen are usually fine/);
    expect(answers[0]).not.toMatch(/If you are pregnant/);
  });
});
