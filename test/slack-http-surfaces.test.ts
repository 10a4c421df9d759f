/**
 * Mentions in a channel (answered in the message's thread, with a nudge that DMs are more
 * private) and the `/calves` slash command (ephemeral replies through response_url), against
 * the real Bolt app in HTTP mode and the fake Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labels } from '../adapters/shared/labels.js';
import { ACTION } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import { copy } from '../src/conversation/copy.js';
import { isAssessment, isOpenQuestion, scriptedAnswer, slackPerson, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { appMentionEvent, eventEnvelope, slashCommandFields, userTs } from './fakes/slack-payloads.js';
import { postEvent, postSlashCommand } from './fakes/slack-requests.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const CHANNEL = 'C0GENERAL';
const USER = 'U0PERSON2';

const { click: clickAs } = slackPerson(() => h, { channel: CHANNEL, user: USER });

describe('a mention in a channel', () => {
  async function mention(text: string, thread_ts?: string) {
    const ts = userTs();
    const event = appMentionEvent({
      channel: CHANNEL,
      user: USER,
      text: `<@${h.fake.botUserId}> ${text}`,
      ts,
      ...(thread_ts ? { thread_ts } : {}),
    });
    const res = await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event));
    await h.slack.idle();
    expect(res.status).toBe(200);
    return ts;
  }

  it('is answered in its thread, with a nudge that DMs are more private, and stays there', async () => {
    const root = await mention('why do my calves hurt');
    const posted = () => h.fake.callsTo('chat.postMessage');
    expect(posted().length).toBe(1);
    expect(posted().every((c) => c.body.channel === CHANNEL && c.body.thread_ts === root)).toBe(true);
    expect(textOf(h.fake.messages[0]!)).toContain(slackCopy.dmNudge);

    // A click in the thread: the answer goes on in the same thread.
    const screen = h.fake.messages.find(isOpenQuestion)!;
    await clickAs(screen, ACTION.none);
    expect(isOpenQuestion(screen)).toBe(false);
    // A mention inside the thread answers in words, still in the thread, without a second nudge.
    await mention('none of these', root);
    for (let i = 0; i < 30 && !h.fake.messages.some(isAssessment); i++) {
      const q = h.fake.messages.filter(isOpenQuestion).at(-1)!;
      const { actionId, tick } = scriptedAnswer(q, ['after_exercise']);
      await clickAs(q, actionId, tick ? { tick } : {});
    }
    expect(h.fake.messages.some(isAssessment)).toBe(true);
    expect(posted().every((c) => c.body.channel === CHANNEL && c.body.thread_ts === root)).toBe(true);
    expect(h.fake.messages.filter((m) => textOf(m).includes(slackCopy.dmNudge))).toHaveLength(1);
  });

  it('in another thread is another conversation', async () => {
    await mention('why do my calves hurt');
    await mention('why do my calves hurt');
    const roots = new Set(h.fake.callsTo('chat.postMessage').map((c) => c.body.thread_ts));
    expect(roots.size).toBe(2);
    expect(h.fake.messages.filter(isOpenQuestion)).toHaveLength(2);
  });

  it('ignores other bots and its own messages', async () => {
    const other = {
      ...appMentionEvent({ channel: CHANNEL, user: 'U0OTHERBOT', text: `<@${h.fake.botUserId}> hi` }),
      bot_id: 'B0OTHER',
    };
    await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, other));
    const own = appMentionEvent({
      channel: CHANNEL,
      user: h.fake.botUserId,
      text: `<@${h.fake.botUserId}> hi`,
    });
    await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, own));
    const ownDm = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0X',
      user: h.fake.botUserId,
      bot_id: h.fake.botId,
      text: 'hi',
      ts: userTs(),
    };
    await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, ownDm));
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('/calves', () => {
  async function calves(text: string, channel = CHANNEL) {
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel,
      user: USER,
      text,
      responseUrl: h.fake.responseUrl(),
    });
    const res = await postSlashCommand(h.eventsUrl, SIGNING_SECRET, fields);
    await h.slack.idle();
    return res;
  }
  const ephemeral = () => h.fake.messages.filter((m) => m.via === 'response_url');

  it('holds a private conversation through ephemeral messages, buttons included', async () => {
    const res = await calves('why do my calves hurt');
    // ack() first, with an empty body: nothing shows in the channel.
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    const calls = h.fake.callsTo('response_url');
    expect(calls).toHaveLength(1);
    expect(calls.every((c) => c.body.response_type === 'ephemeral')).toBe(true);

    // Clicking a button on the ephemeral question replaces it with the answer.
    const screen = ephemeral().find(isOpenQuestion)!;
    await clickAs(screen, ACTION.none, { channel: CHANNEL });
    expect(isOpenQuestion(screen)).toBe(false);
    expect(textOf(screen)).toContain(`You answered: ${labels.none}`);
    const next = ephemeral().filter(isOpenQuestion).at(-1)!;
    expect(next.ts).not.toBe(screen.ts);

    // Answering in words with /calves continues the same conversation.
    await calves('none of these');
    const after = ephemeral().filter(isOpenQuestion).at(-1)!;
    expect(after.ts).not.toBe(next.ts);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('knows help, restart and forget as words', async () => {
    await calves('help');
    expect(textOf(ephemeral().at(-1)!)).toContain(copy.help.split('\n')[0]!);
    await calves('my calves hurt');
    await calves('restart');
    expect(ephemeral().some((m) => textOf(m).includes(copy.restarted))).toBe(true);
    await calves('forget');
    expect(textOf(ephemeral().at(-1)!)).toMatch(/deleted everything/);
    expect(await h.store.get(`slack:${h.fake.teamId}:${CHANNEL}:user:${USER}`)).toBeNull();
  });

  it('with no text asks what is going on', async () => {
    await calves('');
    expect(textOf(ephemeral().at(-1)!)).toContain(copy.emptyMessage);
  });
});
