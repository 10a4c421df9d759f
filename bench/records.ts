/**
 * Realistic stored conversations: every development vignette played by buttons through a Bot over
 * a MemoryStore, with the event ids and user Slack and Discord pass (so each record carries its
 * processed-events list), kept at mid-interview (after the opening and two answers) and once
 * assessed.
 */
import { Bot } from '../src/bot.js';
import type { ConversationState } from '../src/conversation/types.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { silentLogger } from '../src/log.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { ConversationRecord } from '../src/store/types.js';
import { loadVignettes, playVignette } from './vignettes.js';

export interface Templates {
  mid: ConversationRecord[];
  assessed: ConversationRecord[];
}

export const MID_INTERVIEW_TURNS = 3;

export async function buildTemplates(knowledge: Knowledge): Promise<Templates> {
  const store = new MemoryStore();
  const bot = new Bot({ knowledge, store, logger: silentLogger });
  const out: Templates = { mid: [], assessed: [] };
  for (const [i, v] of loadVignettes().entries()) {
    for (const stage of ['mid', 'assessed'] as const) {
      // Platform-like ids: a Slack user id and message timestamps.
      const key = `slack:T0BENCH:D0${i}${stage}`;
      const user = `slack:T0BENCH:U0BENCH${String(i).padStart(4, '0')}`;
      await playVignette(
        v,
        'buttons',
        async (event, turn) =>
          (await bot.handle(key, event, { user, eventId: `msg:D0${i}${stage}:17000000${turn}.000100` }))
            .replies,
        stage === 'mid' ? MID_INTERVIEW_TURNS : undefined,
      );
      const record = await store.get(key);
      if (!record) throw new Error(`records: nothing stored for ${v.id}`);
      if (stage === 'assessed' && !(record.state as ConversationState).assessment)
        throw new Error(`records: ${v.id} not assessed`);
      if (stage === 'mid' && (record.state as ConversationState).assessment) continue;
      out[stage].push(record);
    }
  }
  return out;
}
