/**
 * Discord, end to end with the real discord.js against the fake Discord: user markup
 * (`@everyone`, `<@id>`, role and channel mentions) typed into `/calves`, the modal and DMs never
 * comes back as a live mention (every message calfbot sends carries `allowed_mentions: {parse: []}`
 * and mention-proofed text), and the whole log of the conversation, at LOG_LEVEL=trace, holds no
 * token, no interaction token and nothing anyone typed or answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { type DiscordHandle, startDiscord } from '../adapters/discord/index.js';
import { MODAL_TEXT_INPUT_ID } from '../adapters/discord/modal.js';
import { labels } from '../adapters/shared/labels.js';
import { Bot } from '../src/bot.js';
import { createLogger } from '../src/log.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { buttonByLabel, discordConfig, selectMenuOf } from './fakes/discord-harness.js';
import { FakeDiscord, type FakeUser, type RecordedCall } from './fakes/fake-discord.js';
import { knowledge } from './helpers/bot.js';

type Json = any;

const MARK = 'zanzibar-quokka';
const HOSTILE =
  '@everyone @here <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678> </calves:423456789012345678>';
/** Words from what people type below; none may appear in a log line. */
const TYPED = [MARK, 'calves hurt', 'magnesium', 'atorvastatin', 'throbbing', '123456789012345678'];
const LIVE = /@(everyone|here)|<@[!&]?\d|<#\d|<\/[\w-]+:\d/i;

const guildUser: FakeUser = { id: '710000000000000001', username: 'guildrunner' };
const dmUser: FakeUser = { id: '710000000000000002', username: 'dmrunner' };

/** The message bodies calfbot sent in REST calls: interaction replies and updates, edits, follow-ups, DMs. */
function sentMessages(calls: RecordedCall[]): Array<{ call: RecordedCall; body: Json }> {
  const out: Array<{ call: RecordedCall; body: Json }> = [];
  for (const call of calls) {
    if (call.path.endsWith('/callback') && (call.body?.type === 4 || call.body?.type === 7))
      out.push({ call, body: call.body.data });
    else if (call.path.startsWith('/webhooks/') && (call.method === 'POST' || call.method === 'PATCH'))
      out.push({ call, body: call.body });
    else if (/^\/channels\/\d+\/messages$/.test(call.path) && call.method === 'POST')
      out.push({ call, body: call.body });
  }
  return out;
}

function textsOf(body: Json): string[] {
  const out: string[] = [body?.content ?? ''];
  for (const e of body?.embeds ?? [])
    out.push(
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f: Json) => [f.name, f.value]),
    );
  return out;
}

describe('Discord: mentions and logs over a whole conversation', () => {
  let fake: FakeDiscord;
  let discord: DiscordHandle;
  const lines: string[] = [];
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const now = Date.now;
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(now),
      region: 'US',
      logger,
      rateLimit: { limiter: new MemoryRateLimiter(now), perMinute: 200 },
    });
    discord = await startDiscord({
      bot,
      config: discordConfig(fake),
      logger,
      rest: { retries: 0, timeout: 5_000 },
    });
  });
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  const settle = async (ref: { token: string }) => {
    await fake.waitFor(() => fake.calls.some((c) => c.path.includes(`/${ref.token}`)), 5_000, 'an answer');
    await discord.idle();
  };

  it('in a server: /calves, clicks to the assessment, the modal; and in a DM', async () => {
    // /calves with hostile words, in a server channel.
    const slash = fake.slashCommand({
      user: guildUser,
      options: { question: `${HOSTILE} my calves hurt ${MARK}` },
    });
    await settle(slash);
    let message: Json = fake.messagesOf(slash).at(-1);
    // Click through to the assessment ("None of these" / "No").
    let assessed = false;
    for (let i = 0; i < 20 && !assessed; i++) {
      const label = selectMenuOf(message) ? labels.none : labels.no;
      const ref = fake.click(message, buttonByLabel(message, label).custom_id, { user: guildUser });
      await settle(ref);
      const out = fake.messagesOf(ref);
      assessed = out.some((m: Json) => m.embeds?.length);
      message = out.at(-1);
    }
    expect(assessed).toBe(true);
    // A follow-up in the modal: hostile words echoed back ("You wrote: ...").
    const open = fake.click(message, buttonByLabel(message, discordCopy.askFollowUp).custom_id, {
      user: guildUser,
    });
    await settle(open);
    const submit = fake.submitModal(open, {
      [MODAL_TEXT_INPUT_ID]: `${HOSTILE} what foods have magnesium ${MARK}`,
    });
    await settle(submit);
    expect(sentMessages(fake.callsFor(submit)).some(({ body }) => /You wrote/.test(body.content ?? ''))).toBe(
      true,
    );

    // A DM conversation, one DM failing to send (Discord answers 500).
    const first = fake.directMessage(dmUser, `${HOSTILE} my calves hurt, throbbing ${MARK}`);
    await fake.waitFor(() => fake.channelMessages(first.channelId).length > 0, 5_000, 'the DM reply');
    await discord.idle();
    fake.fail('POST', /^\/channels\/\d+\/messages$/, 500);
    fake.directMessage(dmUser, `I take atorvastatin ${MARK} ${HOSTILE}`);
    await fake.waitFor(
      () => lines.some((l) => l.includes('"discord_turn_failed"')),
      5_000,
      'the failure log',
    );
    await discord.idle();
    fake.directMessage(dmUser, 'forget');
    await fake.waitFor(
      () => fake.channelMessages(first.channelId).some((m: Json) => /deleted/.test(m.content)),
      5_000,
      'forget',
    );
    await discord.idle();

    // Every message calfbot sent: no pings allowed, no live mention in any text.
    const sent = sentMessages(fake.calls);
    expect(sent.length).toBeGreaterThan(10);
    for (const { call, body } of sent) {
      const where = `${call.method} ${call.path.replace(/tok_[\w]+/, '<token>')}`;
      expect(body.allowed_mentions, where).toEqual({ parse: [] });
      for (const text of textsOf(body)) expect(text, where).not.toMatch(LIVE);
    }

    // The log: structured lines, from the Bot and the adapter, with nothing private in them.
    const raw = lines.join('');
    const events = new Set(lines.map((l) => JSON.parse(l).event));
    for (const e of ['turn', 'discord_ready', 'discord_interaction', 'discord_turn_failed'])
      expect(events).toContain(e);
    expect(raw).not.toContain(fake.token);
    expect(raw).not.toMatch(/tok_\d+/);
    for (const word of TYPED) expect(raw.toLowerCase()).not.toContain(word.toLowerCase());
    for (const f of knowledge().findings.values()) {
      expect(raw).not.toContain(`"${f.id}"`);
      expect(raw).not.toContain(f.label);
    }
    for (const line of lines) {
      const l = JSON.parse(line);
      expect(typeof l.level).toBe('number');
      expect(typeof l.event).toBe('string');
    }
  });
});
