/**
 * Several bot processes on one store: two real `calfbot converse` processes share a conversation,
 * on one SQLite file and (when REDIS_URL is set) on one Redis. Turns interleave on the fresh
 * state, and one event delivered 50 times to both at once is applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConverseProcess } from './helpers/converse-process.js';

interface StoredRecord {
  version: number;
}

interface Backend {
  env: Record<string, string>;
  /** The stored record of a converse conversation, or null. */
  stored(conversation: string): Promise<StoredRecord | null>;
  /** Whether anything about the user is still stored. */
  hasUser(user: string): Promise<boolean>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'calfbot-multi-'));
  const path = join(dir, 'calfbot.db');
  const query = <T>(sql: string, arg: string): T | undefined => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare<[string], T>(sql).get(arg);
    } finally {
      db.close();
    }
  };
  return {
    env: { STORE_URL: `sqlite:${path}` },
    stored: async (conversation) => {
      const row = query<{ version: number }>(
        'SELECT version FROM conversations WHERE key = ?',
        `jsonl:${conversation}`,
      );
      return row ? { version: row.version } : null;
    },
    hasUser: async (user) => !!query('SELECT 1 FROM conversations WHERE user = ?', user),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function redisBackend(url: string): Backend {
  const prefix = `calfbot-test-${randomUUID()}:`;
  const redis = new Redis(url);
  return {
    env: { STORE_URL: url, STORE_KEY_PREFIX: prefix },
    stored: async (conversation) =>
      JSON.parse((await redis.get(`${prefix}conv:jsonl:${conversation}`)) ?? 'null'),
    hasUser: async (user) => (await redis.keys(`${prefix}*${user}*`)).length > 0,
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}

const answerNone = (q: { question: string; type: string }) =>
  q.type === 'multi' ? { question: q.question, selected: [] } : { question: q.question, choice: 'no' };

function runMultiProcess(name: string, makeBackend: () => Backend): void {
  describe(`two converse processes on one ${name} store`, () => {
    let backend: Backend;
    let a: ConverseProcess;
    let b: ConverseProcess;

    beforeAll(() => {
      backend = makeBackend();
      a = new ConverseProcess({ ...backend.env, LOG_LEVEL: 'warn' });
      b = new ConverseProcess({ ...backend.env, LOG_LEVEL: 'warn' });
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
      await backend.cleanup();
    });

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
      const before = (await backend.stored('d'))!;
      const line = { conversation: 'd', user: 'U2', event: 'Ev-dup-1', answer: answerNone(q1) };
      const outputs = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).send(line)));

      const after = (await backend.stored('d'))!;
      expect(after.version).toBe(before.version + 1);
      // Every copy gets the first reply again (or nothing); none is a second transition.
      const answered = outputs.filter((o) => o.replies.length > 0);
      expect(answered.length).toBeGreaterThan(0);
      for (const o of answered) expect(o.replies).toEqual(answered[0].replies);
      const q2 = answered[0].replies.at(-1);
      expect(q2.kind).toMatch(/question|assessment/);

      // The conversation goes on normally afterwards.
      if (q2.kind === 'question') {
        const next = await b.send({ conversation: 'd', user: 'U2', event: 'Ev-2', answer: answerNone(q2) });
        expect(next.replies[0].text ?? '').not.toMatch(/earlier point/);
        expect((await backend.stored('d'))?.version).toBe(before.version + 2);
      }
    });

    it('an event replayed after 120 others, on either process, changes nothing', async () => {
      const q1 = (
        await a.send({ conversation: 'r', user: 'U4', event: 'Ev-r-0', text: 'my calves hurt' })
      ).replies.at(-1);
      const first = await b.send({ conversation: 'r', user: 'U4', event: 'Ev-r-1', answer: answerNone(q1) });
      expect(first.replies.at(-1).kind).toMatch(/question|assessment/);
      // Far more events in between than any count-based memory would hold.
      for (let i = 2; i < 122; i++) {
        const out = await (i % 2 ? a : b).send({
          conversation: 'r',
          user: 'U4',
          event: `Ev-r-${i}`,
          text: 'why',
        });
        expect(out.replies.length).toBeGreaterThan(0);
      }
      const before = (await backend.stored('r'))!;
      for (const p of [a, b]) {
        expect(
          (await p.send({ conversation: 'r', user: 'U4', event: 'Ev-r-1', answer: answerNone(q1) })).replies,
        ).toEqual([]);
        expect(
          (await p.send({ conversation: 'r', user: 'U4', event: 'Ev-r-0', text: 'restart' })).replies,
        ).toEqual([]);
      }
      expect((await backend.stored('r'))!.version).toBe(before.version);
    });

    it('forget from one process removes the user for all of them', async () => {
      await a.send({ conversation: 'f', user: 'U3', text: 'my calves hurt' });
      const out = await b.send({ conversation: 'f', user: 'U3', command: 'forget' });
      expect(out.replies[0].text).toMatch(/deleted/);
      expect(await backend.hasUser('U3')).toBe(false);
      expect(await backend.stored('f')).toBeNull();
    });
  });
}

runMultiProcess('SQLite', sqliteBackend);
if (process.env.REDIS_URL) runMultiProcess('Redis', () => redisBackend(process.env.REDIS_URL as string));
