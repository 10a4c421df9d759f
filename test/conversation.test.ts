import { describe, expect, it } from 'vitest';
import { type ConversationState, STATE_SCHEMA_VERSION } from '../src/conversation/types.js';
import type { ConversationRecord } from '../src/store/types.js';
import { assessmentOf, knowledge, lastQuestion, playThrough, testBot, texts } from './helpers/bot.js';

const stateOf = (r: ConversationRecord | null | undefined) => r?.state as ConversationState | undefined;

describe('red flags come first', () => {
  it('asks the red-flag screen before anything else, even when the user opens with nutrition', async () => {
    const { bot } = testBot();
    const replies = (
      await bot.handle('c', {
        kind: 'text',
        text: 'which vitamins help with calf cramps? I eat lots of spinach',
      })
    ).replies;
    const q = lastQuestion(replies)!;
    expect(q.type).toBe('multi');
    const screen = knowledge().groups.find((g) => g.screen)!;
    expect(q.type === 'multi' && q.options.every((o) => screen.findings.includes(o.finding))).toBe(true);
    expect(assessmentOf(replies)).toBeUndefined();
  });

  it('answers an emergency at once, with the emergency number for the region', async () => {
    const { replies: us } = await testBot().bot.handle('c', {
      kind: 'text',
      text: 'my right calf is swollen and since this morning I am out of breath walking to the kitchen',
    });
    expect(assessmentOf(us)?.triage).toBe('emergency');
    expect(assessmentOf(us)?.headline).toContain('911');
    const { replies: uk } = await testBot({ region: 'UK' }).bot.handle('c', {
      kind: 'text',
      text: 'my foot suddenly went cold and pale an hour ago',
    });
    expect(assessmentOf(uk)?.triage).toBe('emergency');
    expect(assessmentOf(uk)?.text).toContain('999');
  });

  it('raises the advice when a red flag is mentioned after the assessment', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(bot, 'c', 'I get calf cramps at night', ['night_cramps']);
    expect(assessment.triage).toBe('self_care');
    const replies = (
      await bot.handle('c', {
        kind: 'text',
        text: 'oh and now my left calf is swollen and warm',
      })
    ).replies;
    expect(assessmentOf(replies)?.triage).toBe('urgent');
    expect(assessmentOf(replies)?.causes[0]?.id).toBe('dvt');
  });
});

describe('a whole conversation', () => {
  it('goes from "why do my calves hurt" to a sourced assessment with a disclaimer', async () => {
    const { bot } = testBot();
    const { assessment, questions } = await playThrough(bot, 'c', 'why do my calves hurt', ['night_cramps']);
    expect(questions.length).toBeLessThanOrEqual(6);
    expect(assessment.triage).toBe('self_care');
    expect(assessment.causes[0]?.id).toBe('nocturnal_leg_cramps');
    expect(assessment.sources.length).toBeGreaterThan(0);
    expect(assessment.sources.every((s) => s.url.startsWith('https://'))).toBe(true);
    expect(assessment.disclaimer.length).toBeGreaterThan(20);
    expect(assessment.watchFor.length).toBeGreaterThan(0);
  });

  it('never re-asks what the opening message already said', async () => {
    const { bot } = testBot();
    const { questions } = await playThrough(
      bot,
      'c',
      'Ever since I started taking atorvastatin my calves ache',
      ['statin_use'],
    );
    for (const q of questions) {
      if (q.type === 'yes_no') expect(q.finding).not.toBe('statin_use');
      else expect(q.options.map((o) => o.finding)).not.toContain('statin_use');
    }
  });

  it('tells someone who should see a doctor what to say and which blood tests to ask about', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'c',
      "I've been vegan for three years, my calves cramp and my feet tingle",
      ['plant_based_diet', 'tingling_numbness', 'unusual_fatigue'],
    );
    expect(assessment.triage).toBe('see_doctor');
    expect(assessment.causes[0]?.id).toBe('vitamin_b12_deficiency');
    expect(assessment.doctorSummary).toMatch(/B12/i);
  });

  it('is honest about magnesium: ordinary cramps come first, the Cochrane review is cited, limits only on request', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'c',
      'my calves cramp and twitch a lot at night. I drink most nights and hardly eat any vegetables, nuts or wholegrain stuff',
      ['heavy_alcohol', 'few_greens_nuts_grains', 'night_cramps'],
    );
    const ids = assessment.causes.map((c) => c.id);
    expect(ids[0]).toBe('nocturnal_leg_cramps');
    expect(ids).toContain('magnesium_deficiency');
    expect(assessment.sources.some((s) => /cochrane/i.test(`${s.publisher} ${s.title}`))).toBe(true);
    expect(assessment.text).not.toMatch(/350 mg/);
    expect(assessment.text).toMatch(/doctor or pharmacist|ask a doctor/i);
    const should = texts(
      (await bot.handle('c', { kind: 'text', text: 'should I take magnesium?' })).replies,
    ).join('\n');
    expect(should).toMatch(/probably not/i);
    expect(should).not.toMatch(/\d+ ?mg/);
    const much = texts(
      (await bot.handle('c', { kind: 'text', text: 'how much magnesium should I take?' })).replies,
    ).join('\n');
    expect(much).toMatch(/cannot suggest a dose/i);
    expect(much).toMatch(/350 mg/);
    expect(much).toMatch(/doctor or pharmacist/i);
  });

  it('never names a cause the person did not describe, and says so', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(bot, 'c', 'calves ache', []);
    expect(assessment.causes).toEqual([]);
    expect(assessment.text).toMatch(/nothing you told me points to one clear cause/i);
    expect(assessment.text).toMatch(/if (it|the ache) lasts|keeps coming back/i);
  });

  it('gets help today for one sore calf after an operation, with no swelling or redness', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'c',
      'since my knee operation last week my left calf is sore',
      [],
    );
    expect(assessment.triage).toBe('urgent');
    expect(assessment.causes[0]?.id).toBe('dvt');
  });

  it('gives calm child advice for a 7 year old whose legs ache in the evening', async () => {
    const { bot } = testBot();
    const { assessment } = await playThrough(
      bot,
      'c',
      "7 year old's legs ache every evening, fine in the morning",
      [],
    );
    expect(assessment.triage).toBe('self_care');
    expect(assessment.causes[0]?.id).toBe('growing_pains');
  });
});

describe('commands and corrections', () => {
  it('explains why a question is asked, and keeps it pending', async () => {
    const { bot } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves hurt' })).replies)!;
    const why = (await bot.handle('c', { kind: 'command', command: 'why' })).replies;
    expect(texts(why)[0]).toBe(q.why);
    const next = (await bot.handle('c', { kind: 'select', question: q.question, selected: [] })).replies;
    expect(texts(next)).not.toContain("There's no question waiting for an answer right now.");
  });

  it('help explains the commands and shows the waiting question again', async () => {
    const { bot } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves hurt' })).replies)!;
    const help = (await bot.handle('c', { kind: 'text', text: 'help' })).replies;
    expect(texts(help)[0]).toMatch(/restart/);
    expect(lastQuestion(help)?.question).toBe(q.question);
  });

  it('an option label repeated back answers only that question', async () => {
    const { bot, store } = testBot();
    const q = lastQuestion(
      (await bot.handle('c', { kind: 'text', text: 'my calves ache all the time' })).replies,
    )!;
    (await bot.handle('c', { kind: 'select', question: q.question, selected: [] })).replies;
    const record = (await store.get('c'))!;
    const state = record.state as ConversationState;
    const label = knowledge().findings.get('little_sun')!.label;
    state.pending = {
      id: 'qx',
      type: 'multi',
      findings: ['little_sun', 'plant_based_diet'],
      topic: 'diet_and_lifestyle',
    };
    delete state.findings.calf_red_warm;
    await store.compareAndSet('c', record.version, { ...record, version: record.version + 1 });
    (await bot.handle('c', { kind: 'text', text: label })).replies;
    const after = stateOf(await store.get('c'))!.findings;
    expect(after.little_sun).toBe('yes');
    expect(after.calf_red_warm).toBeUndefined();
  });

  it('"go back" undoes the last answer and asks that question again', async () => {
    const { bot } = testBot();
    const q1 = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves hurt' })).replies)!;
    const q2 = lastQuestion(
      (await bot.handle('c', { kind: 'select', question: q1.question, selected: [] })).replies,
    )!;
    expect(q2.question).not.toBe(q1.question);
    const back = (await bot.handle('c', { kind: 'text', text: 'go back' })).replies;
    const again = lastQuestion(back)!;
    expect(again.text).toBe(q1.text);
    // The old id of the re-asked question no longer works; the new one does.
    const stale = (await bot.handle('c', { kind: 'select', question: q2.question, selected: [] })).replies;
    expect(texts(stale)[0]).toMatch(/earlier point/);
    const emergency = (
      await bot.handle('c', {
        kind: 'select',
        question: again.question,
        selected: ['leg_cold_pale'],
      })
    ).replies;
    expect(assessmentOf(emergency)?.triage).toBe('emergency');
  });

  it('restart starts a new check whose questions have new ids', async () => {
    const { bot } = testBot();
    const q1 = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves hurt' })).replies)!;
    const restarted = (await bot.handle('c', { kind: 'command', command: 'restart' })).replies;
    const q2 = lastQuestion(restarted)!;
    expect(q2.question).not.toBe(q1.question);
    const old = (await bot.handle('c', { kind: 'select', question: q1.question, selected: [] })).replies;
    expect(texts(old)[0]).toMatch(/earlier point/);
  });

  it('forget deletes the conversation and says so; an old button then asks to start again', async () => {
    const { bot, store } = testBot();
    const q = lastQuestion(
      (await bot.handle('c', { kind: 'text', text: 'my calves hurt' }, { user: 'u1' })).replies,
    )!;
    const forgot = (await bot.handle('c', { kind: 'text', text: 'forget me' }, { user: 'u1' })).replies;
    expect(texts(forgot)[0]).toMatch(/deleted/);
    expect(await store.get('c')).toBeNull();
    const late = (await bot.handle('c', { kind: 'select', question: q.question, selected: [] })).replies;
    expect(texts(late)[0]).toMatch(/start again/);
  });

  it('nudges kindly when a reply is not an answer, and changes nothing', async () => {
    const { bot, store } = testBot();
    const q = lastQuestion(
      (await bot.handle('c', { kind: 'text', text: 'I started running and my calves are sore' })).replies,
    )!;
    const before = await store.get('c');
    const replies = (await bot.handle('c', { kind: 'text', text: 'purple elephants' })).replies;
    expect(texts(replies)[0]).toMatch(/did not catch that/);
    expect(stateOf(await store.get('c'))?.pending?.id).toBe(q.question);
    expect(stateOf(await store.get('c'))?.findings).toEqual(stateOf(before)?.findings);
  });

  it('answers follow-up questions after the assessment from the knowledge, with sources', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'c', 'I get calf cramps at night', ['night_cramps']);
    const foods = (await bot.handle('c', { kind: 'text', text: 'what foods have magnesium?' })).replies;
    expect(texts(foods)[0]).toMatch(/mg/);
    expect(texts(foods)[0]).toMatch(/https:\/\//);
    const b12 = (await bot.handle('c', { kind: 'text', text: 'tell me more about B12' })).replies;
    expect(texts(b12)[0]).toMatch(/B12/);
    const unknown = (await bot.handle('c', { kind: 'text', text: 'what is the weather like' })).replies;
    expect(texts(unknown)[0]).toMatch(/restart/);
  });
});

describe('the platform rules the Bot enforces', () => {
  it('a repeated event id changes nothing and posts nothing', async () => {
    const { bot, store } = testBot();
    const first = (await bot.handle('c', { kind: 'text', text: 'my calves hurt' }, { eventId: 'E1' }))
      .replies;
    expect(first.length).toBeGreaterThan(0);
    const version = (await store.get('c'))?.version;
    const again = (await bot.handle('c', { kind: 'text', text: 'my calves hurt' }, { eventId: 'E1' }))
      .replies;
    expect(again).toEqual([]);
    expect((await store.get('c'))?.version).toBe(version);
  });

  it('refuses a message over 2,000 characters without storing anything', async () => {
    const { bot, store } = testBot();
    const replies = (await bot.handle('c', { kind: 'text', text: 'a'.repeat(2001) })).replies;
    expect(texts(replies)[0]).toMatch(/too long/);
    expect(await store.get('c')).toBeNull();
  });

  it('a conversation saved by an older calfbot restarts politely instead of crashing', async () => {
    const { bot, store } = testBot();
    await store.compareAndSet('old', 0, {
      version: 1,
      user: null,
      state: { schema: 0, stage: 'asking', answers: { swelling: true } } as never,
      processed: [],
      expiresAt: Date.now() + 60_000,
    });
    const replies = (await bot.handle('old', { kind: 'text', text: 'yes' })).replies;
    expect(texts(replies)[0]).toMatch(/updated|starting fresh/);
    expect(lastQuestion(replies)?.type).toBe('multi');
    expect(stateOf(await store.get('old'))?.schema).toBe(STATE_SCHEMA_VERSION);
  });

  it('expires a conversation after its TTL', async () => {
    let now = 1_000_000;
    const { bot } = testBot({ now: () => now });
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves hurt' })).replies)!;
    now += 25 * 3_600_000;
    const late = (await bot.handle('c', { kind: 'select', question: q.question, selected: [] })).replies;
    expect(texts(late)[0]).toMatch(/ended or expired/);
  });
});
