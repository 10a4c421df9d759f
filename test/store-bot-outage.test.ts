import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { copy } from '../src/conversation/copy.js';
import { CalfbotError } from '../src/errors.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import type { ConversationStore } from '../src/store/types.js';

const down = (): never => {
  throw new CalfbotError('STORE_UNAVAILABLE', 'The redis store is unavailable (ECONNREFUSED).');
};

/** A store whose backend is gone: every call fails the way the real backends do. */
const downStore: ConversationStore = {
  get: async () => down(),
  compareAndSet: async () => down(),
  hasEvent: async () => down(),
  delete: async () => down(),
  forgetUser: async () => down(),
  forgetUsersWithPrefix: async () => down(),
  sweep: async () => down(),
  close: async () => undefined,
};

// The store fails before the machine or the knowledge is consulted.
const bot = new Bot({ knowledge: {} as Knowledge, store: downStore, region: 'US' });

describe('Bot when the store is unavailable', () => {
  it('answers a message with "I can\'t reach my memory" instead of failing', async () => {
    const replies = (
      await bot.handle('discord:U1:DM', { kind: 'text', text: 'why do my calves hurt' }, { user: 'U1' })
    ).replies;
    expect(replies).toEqual([{ kind: 'text', text: copy.storeDown, tone: 'error' }]);
    expect(copy.storeDown).toMatch(/can't reach my memory/);
  });

  it('says the same for a button answer and for "forget"', async () => {
    const answer = (
      await bot.handle('k', { kind: 'answer', question: 'q1', choice: 'yes' }, { eventId: 'E1' })
    ).replies;
    expect(answer[0]).toMatchObject({ kind: 'text', text: copy.storeDown });
    const forget = (await bot.handle('k', { kind: 'command', command: 'forget' }, { user: 'U1' })).replies;
    expect(forget[0]).toMatchObject({ kind: 'text', text: copy.storeDown });
  });
});
