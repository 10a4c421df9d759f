/**
 * Clinical review 5 (knowledge/reviews/2026-12-02-clinical-review-5.md): red signs that were
 * cancelled, night pain called cramps, new rules for breathlessness, and follow-up answers that
 * said less than the assessment or ignored what the person said.
 */
import { describe, expect, it } from 'vitest';
import { playNoneThenAsk, readFindings, replyText } from './helpers/bot.js';

const read = readFindings;
const _textOf = replyText;

/** Play an opening, answer "none" / "no" to everything, then ask the follow-ups. */
const play = (opening: string, ...followUps: string[]) => playNoneThenAsk('US', opening, ...followUps);

describe('review 5: red signs the person typed are not cancelled', () => {
  it.each([
    ['My calf is burning hot and red', 'urgent'],
    ['Bug bite on my leg last week, now my calf is red, hot and really sore', 'urgent'],
    ['My left calf is swollen right down to my toes', 'urgent'],
    ["At netball it felt more like a tear than a pop in my calf, can't walk on it", 'urgent'],
    ['I got sunburnt last week. Today my left calf is red and hot', 'urgent'],
  ])('"%s" gets %s', async (opening, level) => {
    expect((await play(opening)).assessment.triage).toBe(level);
  });

  it('a bite under a red, hot calf names the skin infection too', async () => {
    const { assessment } = await play(
      'Bug bite on my leg last week, now my calf is red, hot and really sore',
    );
    expect(assessment.causes.map((c) => c.id)).toContain('cellulitis');
  });

  it('riding a scooter is not a knock that explains a sore calf', () => {
    expect(read('I ride a scooter to work. My left calf has been aching for 4 days')).not.toHaveProperty(
      'knock_or_bruise',
    );
  });
});

describe('review 5: new rules', () => {
  it('night pain that is not a cramp is not called harmless cramps', async () => {
    const { assessment } = await play(
      "I'm 75, diabetic and I smoke. My foot and calf hurt every night in bed.",
    );
    expect(assessment.triage).not.toBe('self_care');
    expect(assessment.causes.map((c) => c.id)).not.toContain('nocturnal_leg_cramps');
  });

  it('new breathlessness on the stairs after an operation is checked today', async () => {
    const { assessment } = await play(
      'Since my knee operation 10 days ago I get out of breath going upstairs, which never happened before. My calves ache a bit.',
    );
    expect(assessment.triage).toBe('urgent');
  });

  it('swollen legs and breathless lying flat are checked today, not called cramps', async () => {
    const { assessment } = await play(
      "My ankles and both calves are swollen and I can't lie flat at night any more, I need 3 pillows to sleep",
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.causes.map((c) => c.id)).not.toContain('nocturnal_leg_cramps');
  });

  it('after a birth, the legs are checked today or tomorrow, with the emergency line', async () => {
    const { text } = await play(
      'Sore calves for 3 days. Had a c-section 2 weeks ago, both me and the baby are fine.',
    );
    expect(text).toMatch(/today or tomorrow/);
    expect(text).toMatch(/breathless or have chest pain/);
    expect(text.indexOf('today or tomorrow')).toBeLessThan(text.indexOf('a week or two') >>> 0);
  });
});

describe('review 5: follow-up answers', () => {
  it('on cipro, "should I stop?" says stop the antibiotic, not "do not stop"', async () => {
    const { answers } = await play(
      'Took ciprofloxacin last week and now the back of my calf and heel hurt',
      'should I stop taking it?',
    );
    expect(answers[0]).toMatch(/Stop it if your heel, ankle or calf hurts/);
    expect(answers[0]).not.toMatch(/Please do not stop a medicine/);
  });

  it('on warfarin, painkillers are not ibuprofen or aspirin', async () => {
    const { answers } = await play('my left calf aches', "what painkiller can I take? I'm on warfarin");
    expect(answers[0]).toMatch(/Do not take ibuprofen, or aspirin for pain,/);
    expect(answers[0]).not.toMatch(/Paracetamol or ibuprofen can ease/);
  });

  it('in pregnancy, paracetamol first and no ibuprofen unless a doctor says so', async () => {
    const { answers } = await play(
      "I'm 24 weeks pregnant and my calves cramp at night",
      'can I take ibuprofen?',
    );
    expect(answers[0]).toMatch(/Do not take ibuprofen unless a doctor says so/);
  });

  it('compression socks wait for a doctor when blood flow may be poor', async () => {
    const { answers } = await play(
      "I'm 70 and smoke, calves ache after 200 yards and ease when I stop",
      'would compression socks help?',
    );
    expect(answers[0]).toMatch(/do not put on compression socks until a doctor has checked/);
  });

  it('a strained calf is rested and kept off running, as the NHS says', async () => {
    const { answers } = await play(
      'strained my calf at football yesterday, can still walk',
      'is it safe to run?',
    );
    expect(answers[0]).toMatch(/Avoid running and hard exercise for up to 8 weeks/);
  });

  it('"can it wait?" and "should I call 911?" keep the emergency line', async () => {
    const { answers } = await play('my calves ache after a long walk', 'can it wait?', 'should I call 911?');
    for (const a of answers) expect(a).toMatch(/Call 911 if you get breathless/);
    expect(answers[1]).not.toMatch(/^Yes/);
  });
});
