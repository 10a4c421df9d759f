/**
 * An unexpected error in one turn is logged (by name, never with the message) and answered with
 * an apology, and the next message works: in the Bot, and in the Slack adapter (for a failure in
 * the Bot or in the adapter's own rendering), end to end through Bolt.
 */

import { describe, expect, it } from 'vitest';
import { QuestionMessages } from '../adapters/shared/question-messages.js';
import { InFlight } from '../adapters/slack/in-flight.js';
import { SlackLocales } from '../adapters/slack/locale.js';
import type { Outbox } from '../adapters/slack/outbox.js';
import type { SlackMessage } from '../adapters/slack/render-blocks.js';
import { runSlackTurn, type SlackContext, type TurnBot } from '../adapters/slack/turn.js';
import { Bot } from '../src/bot.js';
import { copy } from '../src/conversation/copy.js';
import { createLogger } from '../src/log.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { ConversationStore } from '../src/store/types.js';
import type { Reply } from '../src/vocabulary.js';
import { messagesIn, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, startSlackHarness } from './fakes/slack-harness.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';
import { knowledge, lastQuestion, texts } from './helpers/bot.js';

function captured() {
  const lines: string[] = [];
  return { lines, logger: createLogger('trace', { write: (l: string) => void lines.push(l) }) };
}

/** Make the store's next compare-and-set throw a plain bug (not a store outage). */
function breakNextSave(store: ConversationStore): void {
  const original = store.compareAndSet.bind(store);
  store.compareAndSet = async () => {
    store.compareAndSet = original;
    throw new TypeError('cannot read properties of undefined (my calves hurt)');
  };
}

describe('an unexpected error in one turn', () => {
  it('the Bot apologises, logs the error by name only, and the next turn works', async () => {
    const { lines, logger } = captured();
    const store = new MemoryStore();
    const bot = new Bot({ knowledge: knowledge(), store, logger });
    breakNextSave(store);
    const failed = (await bot.handle('k', { kind: 'text', text: 'my calves hurt' }, { user: 'u' })).replies;
    expect(texts(failed)).toEqual([copy.internalError]);
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'turn failed');
    expect(line).toMatchObject({ level: 50, event: 'turn', err: { name: 'TypeError' } });
    expect(lines.join('')).not.toMatch(/calves hurt|cannot read/);
    const next = (await bot.handle('k', { kind: 'text', text: 'my calves hurt' }, { user: 'u' })).replies;
    expect(lastQuestion(next)).toBeDefined();
  });

  it('a malformed event (text that is not a string, no event at all) gets the apology and never rejects', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const bad of [{ kind: 'text', text: undefined }, { kind: 'text', text: 42 }, null, undefined]) {
        const replies = (await bot.handle('k', bad as never)).replies;
        expect(texts(replies)).toEqual([copy.internalError]);
      }
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      const next = (await bot.handle('k', { kind: 'text', text: 'my calves hurt' })).replies;
      expect(lastQuestion(next)).toBeDefined();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('through Slack: the person gets the apology in the DM, then a normal answer', async () => {
    const h = await startSlackHarness({ mode: 'http', botLogs: true });
    try {
      const dm = async (text: string) => {
        const event = dmMessageEvent({ channel: 'D0OOPS', user: 'U0OOPS', text });
        expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event))).status).toBe(200);
        await h.slack.idle();
      };
      breakNextSave(h.store);
      await dm('my calves hurt');
      expect(messagesIn(h.fake.messages, 'D0OOPS').map(textOf)).toEqual([`:x: ${copy.internalError}`]);
      await dm('my calves hurt');
      const after = messagesIn(h.fake.messages, 'D0OOPS').slice(1);
      // The greeting and the first question, in one message.
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(textOf(after[0]!)).toMatch(/I help you think through sore/);
      expect(h.rawLog()).not.toMatch(/calves hurt|cannot read/);
    } finally {
      await h.close();
    }
  });

  it('in the Slack adapter itself (a bug while rendering, or a Bot that throws): an apology, never silence', async () => {
    const assessment: Reply = {
      kind: 'assessment',
      triage: 'see_doctor',
      headline: 'See your doctor',
      nextSteps: [],
      // A renderer bug: reading this label throws.
      causes: [
        {
          id: 'c',
          name: 'C',
          summary: 's',
          because: [
            {
              finding: 'night_cramps',
              get label(): string {
                throw new TypeError('label bug');
              },
            },
          ],
          score: 1,
        },
      ],
      text: '',
      watchFor: [],
      sources: [{ id: 's', title: 'S', publisher: 'P', url: 'https://example.org/' }],
      disclaimer: 'Not a diagnosis.',
    };
    for (const bot of [
      { handle: async () => ({ outcome: 'ok', replies: [assessment], conversation: null }) },
      {
        handle: async () => {
          throw new RangeError('bug');
        },
      },
    ]) {
      const { lines, logger } = captured();
      const posted: SlackMessage[][] = [];
      const outbox: Outbox = {
        post: async (messages) => {
          posted.push(messages);
          return { ok: true, ts: messages.map(() => undefined) };
        },
      };
      const ctx: SlackContext = {
        bot: bot as unknown as TurnBot,
        logger,
        inFlight: new InFlight(),
        questions: new QuestionMessages(),
        locales: new SlackLocales(logger),
      };
      await expect(
        runSlackTurn(ctx, {
          surface: 'dm',
          key: 'k',
          event: { kind: 'text', text: 'my calves hurt' },
          meta: {},
          outbox,
        }),
      ).resolves.toBeNull(); // never throws: the failure is answered
      expect(posted.at(-1)!.map((m) => m.text)).toEqual([copy.internalError]);
      expect(lines.map((l) => JSON.parse(l).event)).toContain('slack_turn_failed');
    }
  });
});
