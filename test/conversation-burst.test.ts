/**
 * A burst of messages in one conversation (fast typing, a double click, a platform's duplicate
 * deliveries) is taken in arrival order, every one answered for real: turns of one conversation
 * queue in the Bot instead of racing each other for the compare-and-set until retries run out.
 */
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { knowledge, texts } from './helpers/bot.js';

describe('a burst in one conversation', () => {
  it('40 messages sent at once are all answered, in the order they came', async () => {
    const store = new MemoryStore();
    const bot = new Bot({ knowledge: knowledge(), store });
    const words = ['my calves hurt', 'none of these', 'no', 'back', 'why', 'help', 'not sure', 'yes'];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        bot.handle('k', { kind: 'text', text: words[i % words.length]! }, { eventId: `E${i}`, user: 'u' }),
      ),
    );
    expect(results.filter((r) => texts(r.replies).some((t) => /went wrong/.test(t)))).toEqual([]);
    const record = await store.get('k');
    expect(record?.version).toBe(40);
    for (let i = 0; i < 40; i++) expect(await store.hasEvent('k', `E${i}`)).toBe(true);
    // Other conversations are not held up by it.
    const other = (await bot.handle('other', { kind: 'text', text: 'help' })).replies;
    expect(texts(other)[0]).toMatch(/Commands/);
    await bot.drain();
  });
});
