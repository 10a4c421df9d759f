/**
 * Exploratory test 6 (docs/exploratory/2026-12-02-new-users-6.md), items S1–S3, S6–S11, U7 and
 * U8, in the words of the report: hours on the floor after a fall is muscle breakdown (today, with
 * the CK test); with an operation, a cast or bed rest "is it one calf?" is asked by itself and the
 * risk is never left unsaid; a pregnancy said as "38+2", "due in 3 weeks", "7 months gone" or
 * "preggo" makes its warning signs count; "breath is little difficult" and "leg become big" are
 * the clot signs; named operations and a pregnancy loss are clot risks; a child who "felt a bit
 * hot" has a fever and a limping toddler is not sent to "a week or two"; vomiting all day in
 * pregnancy is help today; "Cork" is a city, not a knock.
 */
import { describe, expect, it } from 'vitest';
import {
  type AssessmentReply,
  assessmentOf,
  chat,
  lastQuestion,
  playNoneThenAsk,
  readFindings,
  replyText,
} from './helpers/bot.js';

/** Type each message in turn, as a person does; the assessment, when one came, and the last reply. */
async function typed(region: string, ...messages: string[]) {
  const { say } = chat(region);
  let assessment: AssessmentReply | undefined;
  let last = '';
  let replies: Awaited<ReturnType<typeof say>>['replies'] = [];
  for (const m of messages) {
    replies = (await say(m)).replies;
    assessment = assessmentOf(replies) ?? assessment;
    last = replyText(replies);
  }
  return { assessment, last, question: lastQuestion(replies) };
}

const causesOf = (a: AssessmentReply) => a.causes.map((c) => c.id);

describe('S1: hours on the floor after a fall', () => {
  it.each([
    "I found her on the floor this morning, she'd been there since last night probably",
    'I fell and couldnt get up for about 8 hours, calves are really sore now',
    'dad fell and lay on the floor all night before the carer found him',
    'nan had a fall and was stuck on the floor for hours',
  ])('%s is a long lie', (text) => {
    expect(readFindings(text).long_lie_on_floor).toBe('yes');
  });

  it.each([
    'my calves cramp at night and I fall asleep on the sofa',
    'the pain was there all night, I had to get up twice',
  ])('%s is not', (text) => {
    expect(readFindings(text).long_lie_on_floor).toBeUndefined();
  });

  it('the carer of an 84-year-old found on the floor is told today, with the CK test, not home care', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'UK',
      "my mum is 84 with dementia, I found her on the floor this morning, she'd been there since last night probably. now both her calves are sore and she's very weak",
    );
    expect(assessment.triage).toBe('urgent');
    expect(causesOf(assessment)).toContain('rhabdomyolysis');
    expect(text).toMatch(/CK|creatine kinase/);
    expect(text).toContain('say how long you were on the floor');
    expect(text).not.toContain('Stop the activity');
    expect(text).not.toMatch(/look after this at home|calf stretches/);
  });

  it('"couldnt get up for 8 hours" is today too', async () => {
    const { assessment } = await playNoneThenAsk(
      'UK',
      'I fell and couldnt get up for about 8 hours, calves are really sore now',
    );
    expect(assessment.triage).toBe('urgent');
  });

  it('"she was on the floor all night" said after a home-care answer changes it', async () => {
    const { assessment, answers } = await playNoneThenAsk(
      'UK',
      'my mum says both her calves ache',
      'she was on the floor all night though, is that a problem?',
    );
    expect(assessment.triage).toBe('self_care');
    expect(answers[0]).toContain('Get medical help today');
  });
});

describe('S2: a clot risk in the opening and a calf with no side', () => {
  const openings = [
    'had an op on my knee 9 days ago and my calf aches',
    'got my cast off 2 days ago (broke my ankle) and now my calf is really sore and tight',
    'had my leg in a cast for 6 weeks, came off on monday, calf aches a lot',
    'been in a moon boot for 4 weeks after an achilles op, calf is sore',
    'been in bed with covid for a week, now my calf hurts',
  ];

  it.each(openings)('%s: "is it one calf?" is asked by itself after the screen', async (opening) => {
    const { question } = await typed('UK', opening, 'none');
    expect(question?.type === 'yes_no' && question.finding).toBe('one_calf_pain');
  });

  it.each(openings)('%s, then "yes, just the one": today, for a clot', async (opening) => {
    const { assessment } = await typed('UK', opening, 'none', 'yes just the one');
    expect(assessment?.triage).toBe('urgent');
    expect(causesOf(assessment!)).toContain('dvt');
  });

  it.each(openings)(
    '%s, then none to everything: the risk is said, never "it often settles"',
    async (opening) => {
      const { assessment, text } = await playNoneThenAsk('UK', opening);
      expect(text).toContain('makes a clot more likely');
      expect(text).not.toContain('often settles on its own');
      expect(causesOf(assessment)).not.toContain('nocturnal_leg_cramps');
    },
  );

  it('"my calf on the same side" after an operation is one calf (persona 06)', async () => {
    const { assessment } = await playNoneThenAsk(
      'NZ',
      'had a knee arthroscopy 9 days ago, now my calf on the same side aches when i walk. in Wellington',
    );
    expect(assessment.triage).toBe('urgent');
  });

  it.each(['calf. right. sore since mon', '<@U0CALFBOT> hey. calf thing. left. since thurs. no idea why'])(
    'U8: %s names one side',
    (text) => {
      expect(readFindings(text).one_calf_pain).toBe('yes');
    },
  );

  it('a lone "right." with no calf before it is not a side', () => {
    expect(readFindings('right. ok. my calves ache').one_calf_pain).toBeUndefined();
  });
});

describe('S3 and U8: a pregnancy in everyday words', () => {
  it.each([
    "I'm 38+2, calves cramp at night",
    'due in 3 weeks, calves cramp at night',
    "I'm 7 months gone, calves cramp at night",
    '6 months along, calves cramp at night',
    'preggo, calves cramp at night',
    'expecting twins, 30 weeks, calves cramp at night',
    'hi from Brisbane, 30 weeks with bub #2 and getting calf cramps most nights',
  ])('%s is pregnant', (text) => {
    expect(readFindings(text).pregnant).toBe('yes');
  });

  it.each([
    'my rent is due in 3 weeks and my calves ache',
    "I'm 38, calves cramp at night",
    'ran 5 weeks ago',
  ])('%s is not', (text) => {
    expect(readFindings(text).pregnant).toBeUndefined();
  });

  it.each([
    "I'm 38+2, calves cramp at night and my feet and hands have suddenly swollen up since yesterday",
    "due in 3 weeks, calf cramps, and I've had a pounding headache all day",
    '7 months gone, calves cramping and my vision is a bit blurry today',
    'preggo and my calves cramp, seeing spots',
    'expecting twins at 30 weeks, calves cramp and my face has puffed up',
  ])('%s → pre-eclampsia, today', async (opening) => {
    const { assessment } = await playNoneThenAsk('UK', opening);
    expect(assessment.triage).toBe('urgent');
    expect(causesOf(assessment)).toContain('pre_eclampsia');
    // A face that puffed up is not a swollen leg.
    expect(causesOf(assessment)).not.toContain('dvt');
  });
});

describe('S6: breathlessness and a swollen leg in plain words', () => {
  it('the first message is an emergency', async () => {
    const { assessment } = await playNoneThenAsk(
      'US',
      'hello. my leg calf is pain very much and become big since 2 day. also breath is little difficult when i walk. i am in dubai',
    );
    expect(assessment.triage).toBe('emergency');
    expect(causesOf(assessment)).toContain('pulmonary_embolism');
  });

  it.each([
    ['yes breath is difficult little and leg is big', ['breathless_or_chest_pain', 'one_leg_swollen']],
    ['breath difficult', ['breathless_or_chest_pain']],
  ])('%s', (text, findings) => {
    const read = readFindings(text);
    for (const f of findings) expect(read[f], f).toBe('yes');
  });
});

describe('S7: named operations, a pregnancy loss and a week on the sofa are clot risks', () => {
  it.each([
    'not pregnant. had my appendix out 3 weeks ago though',
    'no, i had a miscarriage 2 weeks ago',
    'no but ive been stuck on the sofa with a bad back all week',
    'had my appendix out 3 weeks ago',
    'had my gallbladder removed last month',
    'had a hernia repair on friday',
    'had a hysterectomy in october',
    'i had my tonsils out last week',
    'lost the baby at 10 weeks, 2 weeks ago',
  ])('one sore calf, then "%s" → today', async (answer) => {
    const { assessment, question } = await typed('UK', 'my left calf has been aching for 2 days', 'none');
    expect(question?.type === 'yes_no' && question.finding).toBe('clot_risk_factor');
    expect(assessment).toBeUndefined();
    // A bad back brings the bladder and saddle question first: "no" to it.
    const after = await typed('UK', 'my left calf has been aching for 2 days', 'none', answer, 'no');
    expect(after.assessment?.triage).toBe('urgent');
    expect(causesOf(after.assessment!)).toContain('dvt');
  });

  it('"in bed" at night is still night-time, not bed rest', () => {
    const read = readFindings('my calves cramp in bed most nights');
    expect(read.night_cramps).toBe('yes');
    expect(read.clot_risk_factor).toBeUndefined();
  });
});

describe('S8: children', () => {
  it('"no. well he felt a bit hot last night, didnt take his temp" is a fever', () => {
    expect(
      readFindings('no. well he felt a bit hot last night, didnt take his temp').fever_spreading_redness,
    ).toBe('yes');
  });

  it('a 5-year-old with one-leg pain who "felt a bit hot" is seen today (persona 37)', async () => {
    const { assessment } = await typed(
      'UK',
      'my 5 yr old has been complaining about his right leg hurting, mostly the calf, for 2 days, even in the day',
      'no none',
      'no. well he felt a bit hot last night, didnt take his temp',
      "he's walking but a bit of a limp",
      'no',
    );
    expect(assessment?.triage).toBe('urgent');
  });

  it('a 2-year-old with a new limp is not sent to "a week or two", and is told when it is today', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'UK',
      "my 2 year old keeps crying and holding the back of her leg, the calf. she's walking but she's limping a bit since yesterday",
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(text).not.toContain('within a week or two');
    expect(text).toContain('no better after 2 days');
    expect(text).toContain('fever');
  });
});

describe('S9: vomiting all day in early pregnancy', () => {
  it('is help today, with the midwife named, and no advice to eat beans', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'NZ',
      '9 weeks pregnant, throwing up all day every day for 2 weeks, now my calves keep cramping. in christchurch',
    );
    expect(assessment.triage).toBe('urgent');
    expect(text).toContain('midwife');
    expect(text).not.toContain('beans and lentils');
    expect(text).not.toContain('within a week or two');
  });

  it('ordinary morning sickness is not severe vomiting', () => {
    expect(
      readFindings('12 weeks pregnant, a bit of morning sickness, calves cramp at night').severe_vomiting,
    ).toBe(undefined);
  });
});

describe('S10: Cork is a city', () => {
  it('a swollen calf in Cork is checked for a clot, not explained as a knock', async () => {
    const { assessment, text } = await playNoneThenAsk(
      'EU',
      'I live in Cork. my left calf is swollen and sore since yesterday',
    );
    expect(assessment.triage).toBe('urgent');
    expect(causesOf(assessment)).toContain('dvt');
    expect(text).toContain('worried about a clot');
    expect(text).not.toContain('after a knock');
  });

  it.each([
    "I'm from Cork, my right calf aches",
    'I was in Cork, my right calf looks a tiny bit bigger than the left',
  ])('%s is no knock', (text) => {
    expect(readFindings(text).knock_or_bruise).toBeUndefined();
  });

  it('"got corked at footy" is still a knock', () => {
    expect(readFindings('got corked at footy on saturday, calf is bruised').knock_or_bruise).toBe('yes');
  });
});

describe('S11: nothing said back that was not said', () => {
  it('a sprint at work is not exercise', () => {
    expect(readFindings('bit tired i guess, busy sprint').after_exercise).toBeUndefined();
    expect(readFindings('did hill sprints yesterday').after_exercise).toBe('yes');
  });

  it('"nah i can walk fine just stiff" answers the weight question before it is asked', () => {
    expect(readFindings('nah i can walk fine just stiff').cannot_bear_weight).toBe('no');
    expect(readFindings('i cant walk on it').cannot_bear_weight).toBe('yes');
  });

  it('a red, hot toe with gout is not a red calf', () => {
    expect(readFindings('none, toe is red and hot but thats the gout').calf_red_warm).toBeUndefined();
  });

  it('a week in bed with covid is bed rest, not night cramps', () => {
    const read = readFindings('been in bed with covid for a week, now my calf hurts');
    expect(read.night_cramps).toBeUndefined();
    expect(read.clot_risk_factor).toBe('yes');
  });
});

describe('U7: a bite that has gone red and hot names the infection', () => {
  it.each([
    'got bit by something on my calf 3 days ago in houston, now theres a red patch bigger than my hand and its hot',
    'mozzie bite on my calf has gone red and hot and its spreading',
  ])('%s', async (opening) => {
    const { assessment } = await playNoneThenAsk('US', opening);
    expect(assessment.triage).toBe('urgent');
    expect(causesOf(assessment)).toContain('cellulitis');
  });
});
