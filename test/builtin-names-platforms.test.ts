/**
 * No word breaks a turn on the platforms: every built-in property name (test/helpers/builtin-names.ts),
 * in turn as is, capitalised, upper case and punctuated, inside a real emergency message sent as
 * a Slack DM (real Bolt, HTTP mode), a Discord DM and the Discord "describe it" modal (real
 * discord.js) gets the very messages the same text without it gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { MODAL_TEXT_INPUT_ID } from '../adapters/discord/modal.js';
import { buttonByLabel, type DiscordHarness, startHarness } from './fakes/discord-harness.js';
import { messagesIn, slackPerson, textOf } from './fakes/slack-drive.js';
import { type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { BUILTIN_NAMES, FORMS, fill, isLexiconWord, OPENINGS } from './helpers/builtin-names.js';

const OPENING = OPENINGS[0]!;
/** Names that are ordinary lexicon words ("pop") may add a finding: checked in builtin-names.test.ts. */
const NAMES = BUILTIN_NAMES.filter((n) => !isLexiconWord(n));

/**
 * What `seen` answers for the opening without a name (an emergency reply) is what it answers for
 * the opening with each name in, in the form `FORMS[(i + shift) % FORMS.length]`.
 */
async function sameForEveryName(
  seen: (i: number, text: string) => Promise<unknown>,
  shift = 0,
): Promise<void> {
  const base = await seen(0, fill(OPENING, ''));
  expect(JSON.stringify(base)).toMatch(/emergency|911/i);
  for (const [i, name] of NAMES.entries()) {
    const word = FORMS[(i + shift) % FORMS.length]!(name);
    expect(await seen(i + 1, fill(OPENING, word)), word).toEqual(base);
  }
}

describe('built-in property names in Slack DMs', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: 'http', logLevel: 'warn' });
  });
  afterAll(async () => {
    await h.close();
  });

  const seen = async (i: number, text: string) => {
    const channel = `D0NAME${i}`;
    const res = await slackPerson(() => h, { channel, user: `U0NAME${i}` }).dm(text);
    expect(res.status).toBe(200);
    return messagesIn(h.fake.messages, channel).map(textOf);
  };

  it('every name gets the messages the message without it gets', () => sameForEveryName(seen));
});

describe('built-in property names in Discord DMs', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const seen = async (i: number, text: string) => {
    const user = { id: `70000000000000${String(1000 + i).padStart(4, '0')}`, username: `n${i}` };
    const { channelId } = h.fake.directMessage(user, text);
    await h.fake.waitFor(() => h.fake.channelMessages(channelId).length > 0, 5_000, 'the DM reply');
    await h.discord.idle();
    return h.fake.channelMessages(channelId).map((m) => ({ content: m.content, embeds: m.embeds }));
  };

  it('every name gets the messages the message without it gets', () => sameForEveryName(seen));
});

describe('built-in property names in the Discord modal', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** /calves, "Describe it in your own words", submit `text`: what comes after the echo. */
  const seen = async (i: number, text: string) => {
    const user = { id: `71000000000000${String(1000 + i).padStart(4, '0')}`, username: `m${i}` };
    const start = h.fake.slashCommand({ user });
    await h.settle(start);
    const question = h.fake.messagesOf(start)[0];
    const open = h.fake.click(question, buttonByLabel(question, discordCopy.describe).custom_id, { user });
    await h.settle(open);
    const submit = h.fake.submitModal(open, { [MODAL_TEXT_INPUT_ID]: text });
    await h.settle(submit);
    // The first call updates the question with an echo of the text; the rest is the answer.
    return h.fake
      .callsFor(submit)
      .slice(1)
      .map((c) => ({ content: c.body.content, embeds: c.body.embeds }));
  };

  it('every name gets the messages the text without it gets', () => sameForEveryName(seen, 3));
});
