/**
 * Nothing a user sends can make calfbot ping anyone in Slack. Hostile markup (`<!channel>`,
 * `<!here>`, `<@U…>`, `@everyone`, user groups, disguised links) goes in through every surface
 * (DM, mention, /calves, answers typed in words, follow-ups, a too-long message, and clicks whose
 * option labels were tampered with, the one place the adapter echoes payload text), and every
 * message calfbot sends or edits is checked at the fake Slack: no live mention, broadcast or
 * foreign link in any text, block or notification text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import type { FakeSlackCall, FakeSlackMessage } from './fakes/fake-slack.js';
import { isAssessment, isOpenQuestion, messagesIn, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import {
  appMentionEvent,
  blockActionsPayload,
  dmMessageEvent,
  eventEnvelope,
  slashCommandFields,
} from './fakes/slack-payloads.js';
import { postEvent, postInteraction, postSlashCommand } from './fakes/slack-requests.js';
import { knowledge } from './helpers/bot.js';

const HOSTILE =
  '<!channel> <!here> <!everyone> <@U0BOSS> <@U0BOSS|boss> <!subteam^S0OPS|@ops> <#C0SECRET|secret> ' +
  '@everyone @here @channel @channelx <https://evil.example/login|Your NHS results> &lt;!channel&gt; &lt;@U0BOSS&gt;';
const DM = 'D0MENTION';
const CHANNEL = 'C0MENTION';
const USER = 'U0MENTION';

const SOURCE_URLS = new Set([...knowledge().sources.values()].map((s) => s.url));

/** Every text calfbot put into one Slack call: notification text and every block text. */
function textsOfCall(body: Record<string, unknown>): Array<{ type: string; text: string }> {
  const out: Array<{ type: string; text: string }> = [];
  if (typeof body.text === 'string') out.push({ type: 'mrkdwn', text: body.text });
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
        out.push({ type: o.type, text: o.text });
      else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(body.blocks);
  return out;
}

/** Throws if a call could notify anyone or shows a link that is not one of calfbot's sources. */
function expectHarmless(call: FakeSlackCall): void {
  expect(call.body.link_names).not.toBe(true);
  expect(call.body.parse).not.toBe('full');
  for (const { type, text } of textsOfCall(call.body)) {
    // A broadcast word always carries a zero-width joiner after the @.
    expect(text, `${call.method}: ${text}`).not.toMatch(/@(channel|here|everyone)/i);
    if (type !== 'mrkdwn') continue;
    expect(text, `${call.method}: ${text}`).not.toMatch(/<[!@#]/);
    for (const m of text.matchAll(/<([^>|]*)/g)) {
      const url = m[1]!.replace(/&amp;/g, '&');
      expect(
        SOURCE_URLS.has(url) || [...SOURCE_URLS].some((s) => s.startsWith(url)),
        `${call.method}: ${text}`,
      ).toBe(true);
    }
  }
}

/** The click payload Slack would send, with the ticked options' labels replaced by `label`. */
function tamperedClick(
  h: SlackHarness,
  message: FakeSlackMessage,
  tick: string[],
  label: string,
  channel?: string,
) {
  // A deep copy: the payload shares objects with the fake's record of what calfbot sent.
  const payload = structuredClone(
    blockActionsPayload(message, ACTION.submit, {
      team: h.fake.teamId,
      user: USER,
      responseUrl: h.fake.responseUrl(message.ts),
      tick,
      ...(channel ? { channel } : {}),
    }),
  );
  for (const block of Object.values(payload.state.values))
    for (const element of Object.values(block) as Array<{
      selected_options?: Array<{ text: { text: string } }>;
    }>)
      for (const option of element.selected_options ?? []) option.text.text = label;
  return payload;
}

describe('user markup never comes back as a live mention in Slack', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: 'http' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const dm = async (text: string) => {
    const event = dmMessageEvent({ channel: DM, user: USER, text });
    expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event))).status).toBe(200);
    await h.slack.idle();
  };

  it('through DMs, typed answers, follow-ups, a mention, /calves and tampered clicks', async () => {
    // DM: opening words and an answer typed in words; then, after a restart, a tampered click
    // on the red-flag checklist (a ticked option whose label was replaced).
    await dm(`${HOSTILE} my calves hurt`);
    await dm(`${HOSTILE} none of these`);
    await dm('restart');
    const question = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1)!;
    const firstOption = question.blocks
      .flatMap((b) => (b.elements as Array<Record<string, any>> | undefined) ?? [])
      .find((e) => e.type === 'checkboxes')?.options[0]?.value as string;
    expect(firstOption).toBeDefined();
    const tampered = tamperedClick(h, question, [firstOption], HOSTILE);
    expect((await postInteraction(h.eventsUrl, SIGNING_SECRET, tampered)).status).toBe(200);
    await h.slack.idle();
    // The click was taken; the closed question shows the answer in the core's words (the label
    // of the finding picked), never the tampered label that came with the click.
    const label = knowledge().findings.get(firstOption)!.label;
    expect(textOf(question)).toContain(`You answered: ${label}`);
    expect(textOf(question)).not.toContain('Your NHS results');
    expect(messagesIn(h.fake.messages, DM).some(isAssessment)).toBe(true);
    await dm(`${HOSTILE} what foods have magnesium?`);
    await dm(`${HOSTILE} `.repeat(20));

    // A mention in a channel: answered in its thread.
    const mention = appMentionEvent({
      channel: CHANNEL,
      user: USER,
      text: `<@${h.fake.botUserId}> ${HOSTILE}`,
    });
    expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, mention))).status).toBe(200);

    // /calves in a channel: ephemeral, through a response URL; then a tampered click on its question.
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel: CHANNEL,
      user: USER,
      text: `${HOSTILE} my calf hurts`,
      responseUrl: h.fake.responseUrl(),
    });
    expect((await postSlashCommand(h.eventsUrl, SIGNING_SECRET, fields)).status).toBe(200);
    await h.slack.idle();
    const ephemeral = h.fake.messages.filter((m) => m.via === 'response_url' && isOpenQuestion(m)).at(-1);
    expect(ephemeral).toBeDefined();
    const payload = tamperedClick(h, ephemeral!, [firstOption], HOSTILE, CHANNEL);
    expect((await postInteraction(h.eventsUrl, SIGNING_SECRET, payload)).status).toBe(200);
    await h.slack.idle();
    expect(textOf(ephemeral!)).toContain(`You answered: ${label}`);
    expect(textOf(ephemeral!)).not.toContain('Your NHS results');

    // Every message calfbot posted, edited or answered through a response URL is harmless.
    const sent = h.fake.calls.filter((c) =>
      ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'].includes(c.method),
    );
    expect(new Set(sent.map((c) => c.method))).toEqual(
      new Set(['chat.postMessage', 'chat.update', 'response_url']),
    );
    expect(sent.length).toBeGreaterThan(10);
    for (const call of sent) expectHarmless(call);
  });
});
