/**
 * Several bot processes on one Redis: two real `calfbot converse` processes share a conversation.
 * Turns interleave on the fresh state, and one event delivered 50 times to both at once is
 * applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConverseProcess } from './helpers/converse-process.js';

const REDIS_URL = process.env.REDIS_URL;

describe.runIf(REDIS_URL)('two converse processes on one Redis', () => {
  const prefix = `calfbot-test-${randomUUID()}:`;
  const env = { STORE_URL: REDIS_URL as string, STORE_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' };
  let a: ConverseProcess;
  let b: ConverseProcess;
  let redis: Redis;

  beforeAll(() => {
    a = new ConverseProcess(env);
    b = new ConverseProcess(env);
    redis = new Redis(REDIS_URL as string);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const answerNone = (q: { question: string; type: string }) =>
    q.type === 'multi' ? { question: q.question, selected: [] } : { question: q.question, choice: 'no' };
  const stored = async (conversation: string) =>
    JSON.parse((await redis.get(`${prefix}conv:jsonl:${conversation}`)) ?? 'null');

  it('interleaves the turns of one conversation across processes', async () => {
    const q1 = (await a.send({ conversation: 'c', user: 'U1', text: 'my calves hurt' })).replies.at(-1);
    expect(q1.kind).toBe('question');
    // The other process continues the same conversation where the first left it.
    const q2 = (await b.send({ conversation: 'c', user: 'U1', answer: answerNone(q1) })).replies.at(-1);
    expect(q2.kind).toBe('question');
    expect(q2.question).not.toBe(q1.question);
    // And the first sees the second's turn: answering q2 moves on, answering q1 again is stale.
    const after = await a.send({ conversation: 'c', user: 'U1', answer: answerNone(q2) });
    expect(after.replies.at(-1).kind).toMatch(/question|assessment/);
    expect(after.replies[0].text ?? '').not.toMatch(/earlier point/);
    const stale = await b.send({ conversation: 'c', user: 'U1', answer: answerNone(q1) });
    expect(stale.replies[0].text).toMatch(/earlier point/);
  });

  it('applies one event fired 50 times at both processes at once exactly once', async () => {
    const q1 = (await a.send({ conversation: 'd', user: 'U2', text: 'my calves hurt' })).replies.at(-1);
    const before = await stored('d');
    const line = { conversation: 'd', user: 'U2', event: 'Ev-dup-1', answer: answerNone(q1) };
    const outputs = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).send(line)));

    const after = await stored('d');
    expect(after.version).toBe(before.version + 1);
    expect(after.processed.filter((p: { id: string }) => p.id === 'Ev-dup-1')).toHaveLength(1);
    // Every copy gets the first reply again (or nothing); none is a second transition.
    const answered = outputs.filter((o) => o.replies.length > 0);
    expect(answered.length).toBeGreaterThan(0);
    for (const o of answered) expect(o.replies).toEqual(answered[0].replies);
    expect(answered[0].replies.at(-1).kind).toMatch(/question|assessment/);

    // The conversation goes on normally afterwards.
    const q2 = answered[0].replies.at(-1);
    if (q2.kind === 'question') {
      const next = await b.send({ conversation: 'd', user: 'U2', event: 'Ev-2', answer: answerNone(q2) });
      expect(next.replies[0].text ?? '').not.toMatch(/earlier point/);
      expect((await stored('d')).version).toBe(before.version + 2);
    }
  });

  it('forget from one process removes the user everywhere', async () => {
    await a.send({ conversation: 'f', user: 'U3', text: 'my calves hurt' });
    const out = await b.send({ conversation: 'f', user: 'U3', command: 'forget' });
    expect(out.replies[0].text).toMatch(/deleted/);
    expect(await redis.keys(`${prefix}*U3*`)).toEqual([]);
    expect(await stored('f')).toBeNull();
  });
});
