/**
 * What must change nothing, and what must not crash: double clicks, buttons from an earlier
 * conversation, answers to questions no longer pending, REST failures, slow turns (defer) and a
 * failing Bot. The user always gets a clear ephemeral message, never "This interaction failed".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../adapters/discord/conversation-key.js';
import { discordCopy } from '../adapters/discord/copy.js';
import { startDiscord, type TurnBot } from '../adapters/discord/index.js';
import { labels } from '../adapters/shared/labels.js';
import { Bot } from '../src/bot.js';
import { copy } from '../src/conversation/copy.js';
import type { ConversationState } from '../src/conversation/types.js';
import { CalfbotError, isCalfbotError } from '../src/errors.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { ConversationRecord } from '../src/store/types.js';
import {
  buttonByLabel,
  captureLogger,
  type DiscordHarness,
  discordConfig,
  selectMenuOf,
  sharedKnowledge,
  startHarness,
} from './fakes/discord-harness.js';
import { FakeDiscord, type FakeUser } from './fakes/fake-discord.js';

type Json = any;

const EPHEMERAL = 64;
const GUILD = '300000000000000001';
const CHANNEL = '400000000000000001';
let nextUser = 1;
const newUser = (): FakeUser => ({
  id: `71000000000000${String(nextUser++).padStart(4, '0')}`,
  username: `u${nextUser}`,
});
const keyOf = (user: FakeUser) =>
  conversationKey({ userId: user.id, channelId: CHANNEL, guildId: GUILD, isDm: false });

async function firstQuestion(h: DiscordHarness, user: FakeUser): Promise<Json> {
  const ref = h.fake.slashCommand({ user });
  await h.settle(ref);
  return structuredClone(h.fake.messagesOf(ref)[0]); // as the client shows it now
}

describe('Discord: stale and duplicate clicks change nothing', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a double click is counted once; the second click is told so', async () => {
    const user = newUser();
    const question = await firstQuestion(h, user);
    const versionBefore = (await h.store.get(keyOf(user)))!.version;
    const none = buttonByLabel(question, labels.none).custom_id;
    const a = h.fake.click(question, none, { user });
    const b = h.fake.click(question, none, { user });
    await h.settle(a);
    await h.settle(b);
    const firsts = [h.fake.callsFor(a)[0]!, h.fake.callsFor(b)[0]!];
    const updates = firsts.filter((c) => c.body.type === 7);
    const dupes = firsts.filter((c) => c.body.type === 4);
    expect(updates).toHaveLength(1);
    expect(dupes).toHaveLength(1);
    expect(dupes[0]!.body.data.content).toBe(discordCopy.alreadyAnswered);
    expect(dupes[0]!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await h.store.get(keyOf(user)))!.version).toBe(versionBefore + 1);
  });

  it('a button from an earlier conversation (before "Start over") changes nothing', async () => {
    const user = newUser();
    const old = await firstQuestion(h, user);
    const restart = h.fake.click(old, buttonByLabel(old, labels.startOver).custom_id, { user });
    await h.settle(restart);
    const [update, ...followUps] = h.fake.callsFor(restart);
    expect(update!.body.type).toBe(7);
    expect(update!.body.data.content).toContain(discordCopy.choseRestart);
    expect(update!.body.data.components).toEqual([]);
    expect(followUps[0]!.body.content).toContain(copy.restarted);
    const record = await h.store.get(keyOf(user));

    // The old message as another client still shows it, buttons and all.
    const stale = h.fake.click(old, buttonByLabel(old, labels.none).custom_id, { user });
    await h.settle(stale);
    const [staleUpdate, staleNote] = h.fake.callsFor(stale);
    expect(staleUpdate!.body.type).toBe(7);
    expect(staleUpdate!.body.data.components).toEqual([]);
    expect(staleUpdate!.body.data.content).toContain(discordCopy.noLongerActive);
    expect(staleNote!.body.content).toBe(discordCopy.staleConversation);
    expect(staleNote!.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(await h.store.get(keyOf(user))).toEqual(record);
  });

  it('a button after "forget" says the conversation has ended and stores nothing', async () => {
    const user = newUser();
    const old = await firstQuestion(h, user);
    const forget = h.fake.slashCommand({ user, options: { action: 'forget' } });
    await h.settle(forget);
    expect(h.fake.callsFor(forget)[0]!.body.data.content).toContain('deleted');
    expect(await h.store.get(keyOf(user))).toBeNull();
    const stale = h.fake.click(old, buttonByLabel(old, labels.none).custom_id, { user });
    await h.settle(stale);
    expect(h.fake.callsFor(stale)[1]!.body.content).toBe(discordCopy.noConversation);
    expect(await h.store.get(keyOf(user))).toBeNull();
  });

  it('a warning sign ticked on a question already answered in words is news, and what it changes is posted', async () => {
    const user = newUser();
    const old = await firstQuestion(h, user);
    const typed = h.fake.slashCommand({ user, options: { question: 'none of these' } });
    await h.settle(typed);
    const menu = selectMenuOf(old);
    expect(menu.options.map((o: Json) => o.value)).toContain('breathless_or_chest_pain');
    const late = h.fake.click(old, menu.custom_id, { user, values: ['breathless_or_chest_pain'] });
    await h.settle(late);
    const [update, ...followUps] = h.fake.callsFor(late);
    expect(update!.body.data.content).toContain('**Added to your check:**');
    const said = followUps.map((f) => JSON.stringify(f.body)).join('\n');
    expect(said).not.toContain(copy.staleAnswer);
    expect(said).toContain(
      copy.addedFromEarlier(['new breathlessness, chest pain or coughing blood'], false),
    );
    expect(said).toMatch(/Call 911/);
    const state = (await h.store.get(keyOf(user)))!.state as ConversationState;
    expect(state.findings.breathless_or_chest_pain).toBe('yes');
    expect(state.assessment?.triage).toBe('emergency');
  });

  it('an answer to a question already answered in words is refused and the latest question asked again', async () => {
    const user = newUser();
    const old = await firstQuestion(h, user);
    const typed = h.fake.slashCommand({ user, options: { question: 'none of these' } });
    await h.settle(typed);
    const record = await h.store.get(keyOf(user));
    const pending = (record!.state as ConversationState).pending!.id;
    const stale = h.fake.click(old, buttonByLabel(old, labels.none).custom_id, { user });
    await h.settle(stale);
    const [update, ...followUps] = h.fake.callsFor(stale);
    expect(update!.body.data.content).toContain(discordCopy.noLongerActive);
    const said = followUps.map((f) => f.body.content).join('\n');
    expect(said).toContain(copy.staleAnswer);
    // The latest question comes again, with working buttons.
    const again = h.fake.messagesOf(stale).at(-1);
    expect(selectMenuOf(again) ?? buttonByLabel(again, labels.yes)).toBeDefined();
    expect(((await h.store.get(keyOf(user)))!.state as ConversationState).pending!.id).toBe(pending);
  });

  it('a command that is not ours (left over from an old registration) gets a clear answer', async () => {
    const ref = h.fake.slashCommand({ user: newUser(), name: 'oldcommand' });
    await h.settle(ref);
    expect(h.fake.callsFor(ref)[0]!.body).toMatchObject({
      type: 4,
      data: { content: discordCopy.unknownCommand, flags: EPHEMERAL },
    });
  });

  it('a component that is not ours gets a clear ephemeral answer', async () => {
    const user = newUser();
    const question = await firstQuestion(h, user);
    const ref = h.fake.click(question, 'someone-elses-button', { user });
    await h.settle(ref);
    const [call] = h.fake.callsFor(ref);
    expect(call!.body).toMatchObject({
      type: 4,
      data: { content: discordCopy.unknownComponent, flags: EPHEMERAL },
    });
  });
});

describe('Discord: REST failures are reported, not crashed on', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a refused interaction response is followed by an ephemeral "something went wrong"', async () => {
    h.fake.fail('POST', /^\/interactions\/.*\/callback$/, 400, { message: 'Invalid Form Body', code: 50035 });
    const user = newUser();
    const ref = h.fake.slashCommand({ user, options: { question: 'my calves ache' } });
    await h.fake.waitFor(() => h.fake.callsFor(ref).length >= 2, 5_000, 'the failure report');
    await h.discord.idle();
    const [refused, report] = h.fake.callsFor(ref);
    expect(refused!.status).toBe(400);
    expect(report!.body).toMatchObject({
      type: 4,
      data: { content: discordCopy.somethingWentWrong, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
    });
    const logs = h.logs.join('\n');
    expect(logs).toContain('discord_interaction_failed');
    expect(logs).toContain('50035');
    expect(logs).not.toContain(ref.token);
    expect(logs).not.toContain('my calves ache');
  });

  it('a failed follow-up after the update is reported with another follow-up', async () => {
    const user = newUser();
    const question = await firstQuestion(h, user);
    h.fake.fail('POST', /^\/webhooks\/\d+\/[^/]+$/, 500);
    const ref = h.fake.click(question, buttonByLabel(question, labels.none).custom_id, { user });
    await h.fake.waitFor(() => h.fake.callsFor(ref).length >= 3, 5_000, 'the failure report');
    await h.discord.idle();
    const [update, failed, report] = h.fake.callsFor(ref);
    expect(update!.body.type).toBe(7);
    expect(failed!.status).toBe(500);
    expect(report!.body).toMatchObject({ content: discordCopy.somethingWentWrong, flags: EPHEMERAL });
  });

  it('when Discord refuses even the report, it is logged and the bot carries on', async () => {
    h.fake.fail('POST', /^\/interactions\/.*\/callback$/, 500, undefined, 2);
    const user = newUser();
    const ref = h.fake.slashCommand({ user });
    await h.fake.waitFor(() => h.fake.callsFor(ref).length >= 2, 5_000, 'both attempts');
    await h.discord.idle();
    expect(h.logs.join('\n')).toContain('discord_failure_report_failed');
    const next = h.fake.slashCommand({ user, options: { action: 'help' } });
    await h.settle(next);
    expect(h.fake.callsFor(next)[0]!.body.data.content).toContain(copy.help.split('\n')[0]);
  });
});

/** A MemoryStore that can be switched off, like a Redis that went away. */
class FlakyStore extends MemoryStore {
  down = false;
  override async get(key: string): Promise<ConversationRecord | null> {
    if (this.down) throw new CalfbotError('STORE_UNAVAILABLE', 'store is down');
    return super.get(key);
  }
  override async compareAndSet(key: string, expected: number, record: ConversationRecord): Promise<boolean> {
    if (this.down) throw new CalfbotError('STORE_UNAVAILABLE', 'store is down');
    return super.compareAndSet(key, expected, record);
  }
}

describe('Discord: when the store is down', () => {
  const store = new FlakyStore();
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness({ store });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a click is told so, and the question keeps its buttons for later', async () => {
    const user = newUser();
    const question = await firstQuestion(h, user);
    store.down = true;
    const ref = h.fake.click(question, buttonByLabel(question, labels.none).custom_id, { user });
    await h.settle(ref);
    store.down = false;
    const calls = h.fake.callsFor(ref);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({
      type: 4,
      data: { content: `⚠️ ${copy.storeDown}`, flags: EPHEMERAL },
    });
    expect(h.fake.messages.get(question.id).components.length).toBeGreaterThan(0);
    // Once it is back, the same button works.
    const retry = h.fake.click(question, buttonByLabel(question, labels.none).custom_id, { user });
    await h.settle(retry);
    expect(h.fake.callsFor(retry)[0]!.body.type).toBe(7);
  });
});

describe('Discord: slow turns are deferred, a failing Bot is reported', () => {
  let slow: DiscordHarness;
  let broken: DiscordHarness;
  beforeAll(async () => {
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    slow = await startHarness({
      ackBudgetMs: 20,
      wrapBot: (bot): TurnBot => ({
        handle: async (...args) => {
          await delay(150);
          return bot.handle(...args);
        },
      }),
    });
    broken = await startHarness({
      wrapBot: (): TurnBot => ({
        handle: async () => {
          throw new Error('boom');
        },
      }),
    });
  });
  afterAll(async () => {
    await slow?.close();
    await broken?.close();
  });

  it('defers the slash command (ephemeral) and then edits the original response', async () => {
    const user = newUser();
    const ref = slow.fake.slashCommand({ user });
    await slow.settle(ref);
    const [deferred, edit] = slow.fake.callsFor(ref);
    expect(deferred!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(edit!.method).toBe('PATCH');
    expect(edit!.path).toBe(`/webhooks/${slow.fake.applicationId}/${ref.token}/messages/@original`);
    expect(edit!.body.content).toContain(copy.greeting);
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });

    const question = slow.fake.messagesOf(ref)[0];
    const click = slow.fake.click(question, buttonByLabel(question, labels.none).custom_id, { user });
    await slow.settle(click);
    const [deferUpdate, editOriginal, followUp] = slow.fake.callsFor(click);
    expect(deferUpdate!.body).toEqual({ type: 6 });
    expect(editOriginal!.method).toBe('PATCH');
    expect(editOriginal!.body.components).toEqual([]);
    expect(followUp!.method).toBe('POST');
    expect(followUp!.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(slow.fake.messages.get(question.id).components).toEqual([]);
  });

  it('an error inside the turn becomes an ephemeral "something went wrong"', async () => {
    const user = newUser();
    const ref = broken.fake.slashCommand({ user, options: { question: 'calves hurt' } });
    await broken.settle(ref);
    const [call] = broken.fake.callsFor(ref);
    expect(call!.body).toMatchObject({
      type: 4,
      data: { content: discordCopy.somethingWentWrong, flags: EPHEMERAL },
    });
    expect(broken.logs.join('\n')).toContain('discord_interaction_failed');
  });
});

describe('Discord: a gateway that refuses the connection', () => {
  it.each([
    [4004, 'Discord rejected DISCORD_TOKEN'],
    [4011, 'start it with `calfbot start --shards auto`'],
  ])('close code %i stops start-up with a line saying what to do', async (code, advice) => {
    const fake = await FakeDiscord.start();
    try {
      fake.refuseIdentify(1, code);
      const { logger, logs } = captureLogger();
      const bot = new Bot({ knowledge: sharedKnowledge(), store: new MemoryStore(), logger, region: 'US' });
      const err = await startDiscord({
        bot,
        config: discordConfig(fake),
        logger,
        rest: { retries: 0, timeout: 5_000 },
        readyTimeoutMs: 10_000,
      }).catch((e: unknown) => e);
      expect(isCalfbotError(err, 'PLATFORM_ERROR')).toBe(true);
      expect((err as Error).message).toContain(advice);
      expect(logs.join('\n')).toContain(`"closeCode":${code}`);
      expect(logs.join('\n')).not.toContain(fake.token);
    } finally {
      await fake.close();
    }
  });
});
