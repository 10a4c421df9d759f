import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConverseProcess } from './helpers/converse-process.js';

describe('calfbot converse (the JSON-lines door)', () => {
  let p: ConverseProcess;
  beforeAll(() => {
    p = new ConverseProcess();
  });
  afterAll(async () => {
    expect(await p.close()).toBe(0);
  });

  it('answers the opening with the red-flag screen in the contract shape', async () => {
    const out = await p.send({ conversation: 'a', text: 'why do my calves hurt' });
    expect(out.conversation).toBe('a');
    const q = out.replies.at(-1);
    expect(q).toMatchObject({ kind: 'question', type: 'multi' });
    expect(Object.keys(q).sort()).toEqual(['kind', 'options', 'question', 'text', 'type', 'why']);
    expect(q.options[0]).toEqual({ finding: expect.any(String), label: expect.any(String) });
  });

  it('survives bad lines with a clear error line each, leaving other conversations untouched', async () => {
    const q = (await p.send({ conversation: 'b', text: 'my calves hurt' })).replies.at(-1);

    expect(await p.sendRaw('{not json')).toEqual({
      error: { code: 'INPUT_INVALID_JSON', message: expect.any(String) },
    });
    expect((await p.send({ conversation: 'b', shout: 'hi' })).error.code).toBe('INPUT_INVALID_SHAPE');
    expect((await p.send({ conversation: 'b', command: 'dance' })).error.code).toBe('INPUT_INVALID_SHAPE');
    expect((await p.send([1, 2, 3])).error.code).toBe('INPUT_INVALID_SHAPE');

    const unknownQuestion = await p.send({ conversation: 'b', answer: { question: 'nope', choice: 'yes' } });
    expect(unknownQuestion.replies[0].text).toMatch(/earlier point/);

    const notPending = await p.send({
      conversation: 'fresh',
      answer: { question: q.question, choice: 'yes' },
    });
    expect(notPending.replies[0].text).toMatch(/start again/);

    const huge = await p.send({ conversation: 'b', text: 'x'.repeat(100 * 1024) });
    expect(huge.replies[0].text).toMatch(/too long/);

    // Conversation b still waits for the same question, and it still works.
    const next = await p.send({ conversation: 'b', answer: { question: q.question, selected: [] } });
    expect(next.replies.at(-1).kind).toMatch(/question|assessment/);
  });

  it('ignores a repeated event id', async () => {
    const first = await p.send({ conversation: 'e', text: 'my calves hurt', event: 'ev-1' });
    const q = first.replies.at(-1);
    const answered = await p.send({
      conversation: 'e',
      answer: { question: q.question, selected: [] },
      event: 'ev-2',
    });
    const again = await p.send({
      conversation: 'e',
      answer: { question: q.question, selected: [] },
      event: 'ev-2',
    });
    expect(answered.replies.length).toBeGreaterThan(0);
    expect(again).toEqual({ conversation: 'e', replies: [] });
  });

  it('gives an assessment in the contract shape', async () => {
    const out = await p.send({
      conversation: 'f',
      text: 'my lower leg and foot suddenly went cold and pale about an hour ago',
    });
    const a = out.replies.at(-1);
    expect(Object.keys(a).sort()).toEqual(['causes', 'disclaimer', 'kind', 'sources', 'text', 'triage']);
    expect(a.triage).toBe('emergency');
    expect(a.causes[0]).toEqual({ id: 'acute_limb_ischemia', because: ['leg_cold_pale'] });
    expect(a.sources.every((s: { url: string }) => s.url.startsWith('https://'))).toBe(true);
  });

  it('forgets a user on request', async () => {
    await p.send({ conversation: 'g', user: 'u9', text: 'my calves hurt' });
    const out = await p.send({ conversation: 'g', user: 'u9', command: 'forget' });
    expect(out.replies[0].text).toMatch(/deleted/);
  });
});
