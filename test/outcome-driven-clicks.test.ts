/**
 * Stale clicks, superseded questions and duplicates on Slack and on Discord are decided by the
 * TurnOutcome alone: the adapters get no store, and here the Bot is replaced, for the click, by
 * one that answers with a scripted outcome the store would not even agree with.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { decodeCustomId } from '../adapters/discord/custom-id.js';
import { labels } from '../adapters/shared/labels.js';
import type { TurnBot } from '../adapters/shared/run-turn.js';
import { ACTION, decodeValue } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import type { Bot } from '../src/bot.js';
import type { TurnOutcome } from '../src/turn-outcome.js';
import type { UserEvent } from '../src/vocabulary.js';
import { buttonByLabel, type DiscordHarness, startHarness } from './fakes/discord-harness.js';
import type { FakeUser } from './fakes/fake-discord.js';
import { isOpenQuestion, messagesIn, slackPerson, textOf } from './fakes/slack-drive.js';
import { type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { actionIdsOf } from './fakes/slack-payloads.js';

type Json = any;

/** The real Bot, except that the next click gets `scripted(event)` (and the Bot never sees it). */
function scriptable() {
  const seen: UserEvent[] = [];
  let scripted: ((event: UserEvent) => TurnOutcome) | null = null;
  const wrap = (bot: Bot): TurnBot =>
    ({
      handle: async (key, event, meta) => {
        if (!scripted || event.kind === 'text') return bot.handle(key, event, meta);
        seen.push(event);
        return scripted(event);
      },
    }) as TurnBot;
  return {
    wrap,
    seen,
    script(f: ((event: UserEvent) => TurnOutcome) | null) {
      scripted = f;
    },
  };
}

const said = (text: string): TurnOutcome['replies'] => [{ kind: 'text', text }];

describe('Slack: what a click does comes from the TurnOutcome', () => {
  let h: SlackHarness;
  let bot: ReturnType<typeof scriptable>;
  const DM = 'D0OUTCOME1';
  const { dm, click } = slackPerson(() => h, { channel: DM, user: 'U0OUTCOME' });
  beforeEach(async () => {
    bot = scriptable();
    h = await startSlackHarness({ mode: 'http', wrapBot: bot.wrap });
  });
  afterEach(async () => {
    await h.close();
  });

  async function openQuestion() {
    await dm('why do my calves hurt');
    const q = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1)!;
    const value = (q.blocks as Json[])
      .flatMap((b) => b.elements ?? [])
      .find((e: Json) => e.action_id === ACTION.none)?.value;
    return { q, question: decodeValue(value)!.q! };
  }

  it('a stale click (the check is finished) closes its message and tells only the clicker', async () => {
    const { q, question } = await openQuestion();
    const before = h.fake.messages.length;
    bot.script(() => ({
      outcome: 'ok',
      replies: said('the Bot would say this'),
      conversation: { startedAt: 1, open: null },
      target: { question, fate: 'closed' },
    }));
    await click(q, ACTION.none);
    expect(bot.seen.at(-1)).toMatchObject({ kind: 'select', question });
    expect(actionIdsOf(q)).toEqual([]);
    expect(textOf(q)).toContain(slackCopy.noLongerOpen);
    const added = h.fake.messages.slice(before);
    expect(added.map((m) => m.via)).toEqual(['chat.postEphemeral']);
    expect(textOf(added[0]!)).toContain(slackCopy.expired);
  });

  it('a superseded question shows how it was answered, and says another one is waiting', async () => {
    const { q, question } = await openQuestion();
    const before = h.fake.messages.length;
    bot.script(() => ({
      outcome: 'ok',
      replies: said('the Bot would say this'),
      conversation: { startedAt: 1, open: 'q9.other' },
      target: { question, fate: 'superseded', answer: { picked: ['Calf pain that came on suddenly'] } },
    }));
    await click(q, ACTION.none);
    expect(textOf(q)).toContain('You answered: Calf pain that came on suddenly');
    const added = h.fake.messages.slice(before);
    expect(added.map((m) => m.via)).toEqual(['chat.postEphemeral']);
    expect(textOf(added[0]!)).toContain(slackCopy.staleQuestion);
  });

  it('a duplicate posts nothing and leaves the question as it is', async () => {
    const { q } = await openQuestion();
    const before = h.fake.messages.length;
    bot.script(() => ({ outcome: 'duplicate', replies: [], conversation: null }));
    await click(q, ACTION.none);
    expect(h.fake.messages.length).toBe(before);
    expect(isOpenQuestion(q)).toBe(true);
    expect(h.logs.some((l) => l.event === 'slack_duplicate' && l.surface === 'click')).toBe(true);
  });

  it("an answer the turn took shows on its message in the outcome's words", async () => {
    const { q, question } = await openQuestion();
    bot.script(() => ({
      outcome: 'ok',
      replies: said('next'),
      conversation: { startedAt: 1, open: null },
      target: { question, fate: 'answered', answer: { picked: [] } },
      closed: { question, answer: { picked: [] } },
    }));
    await click(q, ACTION.none);
    expect(textOf(q)).toContain(`You answered: ${labels.none}`);
    expect(textOf(messagesIn(h.fake.messages, DM).at(-1)!)).toBe('next');
  });
});

describe('Discord: what a click does comes from the TurnOutcome', () => {
  let h: DiscordHarness;
  let bot: ReturnType<typeof scriptable>;
  let nextUser = 1;
  const newUser = (): FakeUser => ({
    id: `72000000000000${String(nextUser++).padStart(4, '0')}`,
    username: 'o',
  });
  beforeAll(async () => {
    bot = scriptable();
    h = await startHarness({ wrapBot: bot.wrap });
  });
  afterAll(async () => {
    await h.close();
  });

  async function question(user: FakeUser) {
    bot.script(null);
    const ref = h.fake.slashCommand({ user });
    await h.settle(ref);
    const message: Json = structuredClone(h.fake.messagesOf(ref)[0]);
    const none = buttonByLabel(message, labels.none).custom_id as string;
    const id = decodeCustomId(none)!;
    return { message, none, question: id.question!, startedAt: Number.parseInt(id.epoch, 36) };
  }

  it('a stale click (a button from an earlier conversation) retires it and says so', async () => {
    const user = newUser();
    const q = await question(user);
    bot.script(() => ({
      outcome: 'ok',
      replies: said('the Bot would say this'),
      conversation: { startedAt: q.startedAt + 1, open: 'q1.elsewhere' },
      target: { question: q.question, fate: 'superseded' },
    }));
    const click = h.fake.click(q.message, q.none, { user });
    await h.settle(click);
    const [update, note] = h.fake.callsFor(click);
    expect(bot.seen.at(-1)).toMatchObject({ kind: 'select', question: q.question });
    expect(update!.body.data.content).toContain(discordCopy.noLongerActive);
    expect(update!.body.data.components).toEqual([]);
    expect(note!.body.content).toBe(discordCopy.staleConversation);
  });

  it("a superseded question is retired and the turn's replies are posted", async () => {
    const user = newUser();
    const q = await question(user);
    bot.script(() => ({
      outcome: 'ok',
      replies: said('answer the latest question'),
      conversation: { startedAt: q.startedAt, open: 'q7.other' },
      target: { question: q.question, fate: 'superseded', answer: { choice: 'yes' } },
    }));
    const click = h.fake.click(q.message, q.none, { user });
    await h.settle(click);
    const [update, ...followUps] = h.fake.callsFor(click);
    expect(update!.body.data.content).toContain(discordCopy.noLongerActive);
    expect(followUps.map((f) => f.body.content).join('\n')).toContain('answer the latest question');
  });

  it('a duplicate says it was counted once and leaves the message alone', async () => {
    const user = newUser();
    const q = await question(user);
    bot.script(() => ({ outcome: 'duplicate', replies: [], conversation: null }));
    const click = h.fake.click(q.message, q.none, { user });
    await h.settle(click);
    const calls = h.fake.callsFor(click);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.type).toBe(4); // a new (ephemeral) message, not an update
    expect(calls[0]!.body.data.content).toBe(discordCopy.alreadyAnswered);
  });

  it("an answer the turn took shows on its message in the outcome's words", async () => {
    const user = newUser();
    const q = await question(user);
    bot.script(() => ({
      outcome: 'ok',
      replies: said('next'),
      conversation: { startedAt: q.startedAt, open: null },
      target: { question: q.question, fate: 'answered', answer: { picked: ['Swelling', 'Redness'] } },
    }));
    const click = h.fake.click(q.message, q.none, { user });
    await h.settle(click);
    const [update] = h.fake.callsFor(click);
    expect(update!.body.data.content).toContain(discordCopy.answered('Swelling, Redness'));
  });
});
