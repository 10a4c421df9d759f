/**
 * The TurnOutcome the Bot returns for each turn: the outcome, the question lifecycle worked out
 * inside the turn, the core's `start` command, commands read once from words, and a state saved
 * by the previous schema carrying on.
 */
import { describe, expect, it } from 'vitest';
import { copy } from '../src/conversation/copy.js';
import { CalfbotError } from '../src/errors.js';
import { readEvent } from '../src/read-event.js';
import { assessmentOf, knowledge, lastQuestion, playThrough, testBot, texts } from './helpers/bot.js';

describe('the question lifecycle in the outcome', () => {
  it('names the answered question and how, the question now open, and the one it closed', async () => {
    const { bot } = testBot();
    const first = await bot.handle('c', { kind: 'text', text: 'my calves ache all the time' });
    expect(first.outcome).toBe('ok');
    const q = lastQuestion(first.replies)!;
    expect(first.conversation?.open).toBe(q.question);
    expect(first.closed).toBeUndefined();
    const answered = await bot.handle('c', { kind: 'select', question: q.question, selected: [] });
    const next = lastQuestion(answered.replies);
    expect(answered.target).toEqual({ question: q.question, fate: 'answered', answer: { picked: [] } });
    expect(answered.closed).toEqual({ question: q.question, answer: { picked: [] } });
    expect(answered.conversation?.open).toBe(next?.question ?? null);
    expect(answered.conversation?.startedAt).toBe(first.conversation?.startedAt);
  });

  it('a second click on an answered question is superseded and says how it was answered', async () => {
    const { bot } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves ache' })).replies)!;
    await bot.handle('c', { kind: 'select', question: q.question, selected: [] });
    const again = await bot.handle('c', { kind: 'select', question: q.question, selected: [] });
    expect(again.target).toEqual({ question: q.question, fate: 'superseded', answer: { picked: [] } });
    expect(again.closed).toBeUndefined();
    expect(texts(again.replies)[0]).toBe(copy.staleAnswer);
  });

  it('a click after the check is finished is closed; after forget the conversation is gone', async () => {
    const { bot } = testBot();
    const { questions } = await playThrough(bot, 'c', 'I get calf cramps at night', ['night_cramps']);
    const late = await bot.handle('c', { kind: 'answer', question: questions[0]!.question, choice: 'no' });
    expect(late.target?.fate).toBe('closed');
    await bot.handle('c', { kind: 'command', command: 'forget' }, { user: 'u' });
    const gone = await bot.handle('c', { kind: 'answer', question: questions[0]!.question, choice: 'no' });
    expect(gone.target?.fate).toBe('gone');
    expect(gone.conversation).toBeNull();
    expect(texts(gone.replies)[0]).toBe(copy.conversationGone);
  });

  it('a "why" that names the open question leaves it open', async () => {
    const { bot } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves ache' })).replies)!;
    const why = await bot.handle('c', { kind: 'command', command: 'why', question: q.question });
    expect(why.target?.fate).toBe('open');
    expect(why.conversation?.open).toBe(q.question);
  });

  it('says which outcome a turn had: duplicate, too long, store down', async () => {
    const { bot, store } = testBot();
    await bot.handle('c', { kind: 'text', text: 'my calves ache' }, { eventId: 'e1' });
    expect((await bot.handle('c', { kind: 'text', text: 'my calves ache' }, { eventId: 'e1' })).outcome).toBe(
      'duplicate',
    );
    expect((await bot.handle('c', { kind: 'text', text: 'x'.repeat(2001) })).outcome).toBe('too_long');
    store.get = async () => {
      throw new CalfbotError('STORE_UNAVAILABLE', 'down');
    };
    const down = await bot.handle('c', { kind: 'text', text: 'my calves ache' });
    expect(down.outcome).toBe('store_unavailable');
    expect(down.conversation).toBeNull();
    expect(texts(down.replies)).toEqual([copy.storeDown]);
  });
});

describe('start: a bare /calves resumes or begins', () => {
  it('begins with a greeting and the first question when there is no conversation', async () => {
    const { bot } = testBot();
    const out = await bot.handle('c', { kind: 'command', command: 'start' });
    expect(texts(out.replies)[0]).toBe(copy.greeting);
    expect(lastQuestion(out.replies)).toBeDefined();
  });

  it('with a question waiting: help, a note, and the same question again', async () => {
    const { bot } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves ache' })).replies)!;
    const out = await bot.handle('c', { kind: 'command', command: 'start' });
    expect(texts(out.replies)).toEqual([copy.help, copy.checkInProgress]);
    expect(lastQuestion(out.replies)?.question).toBe(q.question);
    expect(out.closed).toBeUndefined();
  });

  it('after a finished check: a new one', async () => {
    const { bot } = testBot();
    await playThrough(bot, 'c', 'I get calf cramps at night', ['night_cramps']);
    const out = await bot.handle('c', { kind: 'command', command: 'start' });
    expect(texts(out.replies)[0]).toBe(copy.restarted);
    expect(lastQuestion(out.replies)).toBeDefined();
    expect(assessmentOf(out.replies)).toBeUndefined();
  });
});

describe('words are read once, by the core', () => {
  it('command words become commands; anything else stays text', () => {
    expect(readEvent({ kind: 'text', text: 'help' })).toEqual({ kind: 'command', command: 'help' });
    expect(readEvent({ kind: 'text', text: 'Start over' })).toEqual({ kind: 'command', command: 'restart' });
    expect(readEvent({ kind: 'text', text: 'forget' })).toEqual({ kind: 'command', command: 'forget' });
    expect(readEvent({ kind: 'text', text: 'my calves hurt' })).toEqual({
      kind: 'text',
      text: 'my calves hurt',
    });
    expect(readEvent({ kind: 'text', text: 'why', question: 'q1' })).toEqual({
      kind: 'command',
      command: 'why',
      question: 'q1',
    });
  });

  it('the outcome says which command the words were', async () => {
    const { bot } = testBot();
    await bot.handle('c', { kind: 'text', text: 'my calves ache' });
    const out = await bot.handle('c', { kind: 'text', text: 'start over' });
    expect(out.command).toBe('restart');
    expect(texts(out.replies)[0]).toBe(copy.restarted);
  });
});

describe('a conversation saved by the previous state schema (1) carries on', () => {
  it('keeps its findings and pending question; the stored phase and volunteered list are dropped', async () => {
    const { bot, store } = testBot();
    const q = lastQuestion((await bot.handle('c', { kind: 'text', text: 'my calves ache' })).replies)!;
    const record = (await store.get('c'))!;
    const v2 = record.state as Record<string, unknown>;
    const v1 = { ...v2, schema: 1, phase: 'screening', volunteered: [] };
    await store.compareAndSet('c', record.version, { ...record, version: record.version + 1, state: v1 });
    const out = await bot.handle('c', { kind: 'select', question: q.question, selected: [] });
    expect(out.target?.fate).toBe('answered');
    expect(texts(out.replies)).not.toContain(copy.restartedAfterUpgrade);
    const saved = (await store.get('c'))!.state as Record<string, unknown>;
    expect(saved.schema).toBe(2);
    expect('phase' in saved || 'volunteered' in saved).toBe(false);
    expect(knowledge().findings.size).toBeGreaterThan(0);
  });
});
