import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { createLogger } from '../src/log.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { knowledge, lastQuestion, playThrough, texts } from './helpers/bot.js';

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('trace', stream), lines };
}

describe('floods', () => {
  it('rate-limits 1,000 messages from one user in a second, and keeps serving other users', async () => {
    const limiter = new MemoryRateLimiter();
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(),
      rateLimit: { limiter, perMinute: 20 },
    });
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        bot
          .handle('flood', { kind: 'text', text: i === 0 ? 'my calves hurt' : 'yes' }, { user: 'spammer' })
          .then((o) => o.replies),
      ),
    );
    const limited = replies.filter((r) => texts(r)[0]?.includes('slow down'));
    expect(limited.length).toBe(980);
    const other = (
      await bot.handle('calm', { kind: 'text', text: 'my calves hurt' }, { user: 'someone-else' })
    ).replies;
    expect(lastQuestion(other)).toBeDefined();
    // Deleting your data is never rate-limited.
    const forgot = (await bot.handle('flood', { kind: 'command', command: 'forget' }, { user: 'spammer' }))
      .replies;
    expect(texts(forgot)[0]).toMatch(/deleted/);
    // ...and leaves no count keyed by their id behind.
    expect(limiter.size).toBe(1);
  });

  it('a platform retry of a processed event changes nothing and is not counted against the user', async () => {
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(),
      rateLimit: { limiter: new MemoryRateLimiter(), perMinute: 1 },
    });
    const first = (
      await bot.handle('c', { kind: 'text', text: 'my calves hurt' }, { user: 'u', eventId: 'E1' })
    ).replies;
    const retry = (
      await bot.handle('c', { kind: 'text', text: 'my calves hurt' }, { user: 'u', eventId: 'E1' })
    ).replies;
    expect(first.length).toBeGreaterThan(0);
    expect(retry).toEqual([]);
    const next = (await bot.handle('c', { kind: 'text', text: 'none' }, { user: 'u', eventId: 'E2' }))
      .replies;
    expect(texts(next)[0]).toMatch(/slow down/);
  });

  it('strips control characters before reading a message', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    const replies = (
      await bot.handle('c', {
        kind: 'text',
        text: 'my foot\u0000 suddenly went\u202e cold and pale',
      })
    ).replies;
    expect(replies.find((r) => r.kind === 'assessment')).toMatchObject({ triage: 'emergency' });
  });
});

describe('logs', () => {
  it('a whole conversation logs ids, kinds and outcomes, never the message text', async () => {
    const { logger, lines } = captureLogs();
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore(), logger });
    const secretWords = 'my-unique-secret-symptom zanzibar';
    (await bot.handle('c', { kind: 'text', text: `my calves hurt ${secretWords}` }, { user: 'u1' })).replies;
    await playThrough(bot, 'd', `I get calf cramps at night ${secretWords}`, ['night_cramps']);
    (await bot.handle('d', { kind: 'text', text: `what foods have magnesium ${secretWords}` })).replies;
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).not.toContain('zanzibar');
      expect(line).not.toContain('cramps at night');
      expect(JSON.parse(line)).toHaveProperty('event');
    }
  });

  it('redacts token-like fields if one is ever passed to the logger', () => {
    const { logger, lines } = captureLogs();
    logger.info(
      { token: 'xoxb-123-secret', headers: { authorization: 'Bot abc.def' }, text: 'private' },
      'x',
    );
    expect(lines.join('\n')).not.toMatch(/xoxb-123-secret|abc\.def|private/);
  });
});
