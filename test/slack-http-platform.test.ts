/**
 * Slack's platform rules against the real Bolt app in HTTP mode: retries and double delivery
 * post once, signatures and timestamps are checked, stale clicks get a friendly note, and Web
 * API failures are retried or logged without bringing anything down.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labels } from '../adapters/shared/labels.js';
import { ACTION } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import { startSlack } from '../adapters/slack/index.js';
import { Bot } from '../src/bot.js';
import { configSchema } from '../src/config.js';
import { copy } from '../src/conversation/copy.js';
import { CalfbotError, isCalfbotError } from '../src/errors.js';
import { silentLogger } from '../src/log.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { startFakeSlack } from './fakes/fake-slack.js';
import {
  isAssessment,
  isOpenQuestion,
  messagesIn,
  scriptedAnswer,
  slackPerson,
  textOf,
} from './fakes/slack-drive.js';
import { BOT_TOKEN, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import {
  appMentionEvent,
  dmMessageEvent,
  eventEnvelope,
  slashCommandFields,
  userTs,
} from './fakes/slack-payloads.js';
import { postEvent, postInteraction, postSlashCommand } from './fakes/slack-requests.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0DM0002';
const USER = 'U0PERSON3';

const { dm, click, clickPayload } = slackPerson(() => h, { channel: DM, user: USER });

/** One DM that mentions the bot, delivered by Slack twice: as `message` and as `app_mention`. */
async function deliverAsMessageAndMention(words: string): Promise<void> {
  const ts = userTs();
  const text = `<@${h.fake.botUserId}> ${words}`;
  await Promise.all(
    [dmMessageEvent, appMentionEvent].map((event) =>
      postEvent(
        h.eventsUrl,
        SIGNING_SECRET,
        eventEnvelope(h.fake, event({ channel: DM, user: USER, text, ts })),
      ),
    ),
  );
  await h.slack.idle();
}

const openQuestion = () => messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1);
const errorLogs = () => h.logs.filter((l) => Number(l.level) >= 50);

describe('retries and double delivery', () => {
  it('a retried event posts exactly once', async () => {
    const envelope = eventEnvelope(
      h.fake,
      dmMessageEvent({ channel: DM, user: USER, text: 'why do my calves hurt' }),
    );
    expect((await postEvent(h.eventsUrl, SIGNING_SECRET, envelope)).status).toBe(200);
    await h.slack.idle();
    const retry = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope, {
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a retry that overtakes the first delivery still posts once', async () => {
    const envelope = eventEnvelope(
      h.fake,
      dmMessageEvent({ channel: DM, user: USER, text: 'why do my calves hurt' }),
    );
    await Promise.all([
      postEvent(h.eventsUrl, SIGNING_SECRET, envelope),
      postEvent(h.eventsUrl, SIGNING_SECRET, envelope, { retryNum: 1 }),
      postEvent(h.eventsUrl, SIGNING_SECRET, envelope, { retryNum: 2 }),
    ]);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('one message delivered as both `message` and `app_mention` posts once', async () => {
    await deliverAsMessageAndMention('why do my calves hurt');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a retried mention in a channel posts once, in its thread', async () => {
    const envelope = eventEnvelope(
      h.fake,
      appMentionEvent({ channel: 'C0GENERAL', user: USER, text: `<@${h.fake.botUserId}> my calves hurt` }),
    );
    await postEvent(h.eventsUrl, SIGNING_SECRET, envelope);
    await postEvent(h.eventsUrl, SIGNING_SECRET, envelope, { retryNum: 1 });
    await h.slack.idle();
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(new Set(posts.map((p) => p.body.thread_ts)).size).toBe(1);
  });

  it('a retry that reaches another process sharing the store posts once', async () => {
    const config = configSchema.parse({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: h.fake.apiUrl,
      PORT: '0',
    });
    const other = await startSlack({
      bot: new Bot({ knowledge: h.bot.knowledge, store: h.store, region: 'US' }),
      config,
      logger: silentLogger,
      retryConfig: { retries: 0 },
      host: '127.0.0.1',
    });
    try {
      const envelope = eventEnvelope(
        h.fake,
        dmMessageEvent({ channel: DM, user: USER, text: 'why do my calves hurt' }),
      );
      await postEvent(h.eventsUrl, SIGNING_SECRET, envelope);
      await h.slack.idle();
      await postEvent(`http://127.0.0.1:${other.port}/slack/events`, SIGNING_SECRET, envelope, {
        retryNum: 1,
      });
      await other.idle();
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('"forget" delivered as both `message` and `app_mention` answers once', async () => {
    await dm('why do my calves hurt');
    await deliverAsMessageAndMention('forget');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(textOf(messagesIn(h.fake.messages, DM).at(-1)!)).toMatch(/deleted everything/);
  });

  it('the same click delivered twice answers once', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    const payload = clickPayload(screen, ACTION.none);
    await postInteraction(h.eventsUrl, SIGNING_SECRET, payload);
    await postInteraction(h.eventsUrl, SIGNING_SECRET, payload);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('a double click (two clicks on one button) answers once and keeps the answer shown', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    const first = clickPayload(screen, ACTION.none);
    const second = clickPayload(screen, ACTION.none);
    await postInteraction(h.eventsUrl, SIGNING_SECRET, first);
    await h.slack.idle();
    await postInteraction(h.eventsUrl, SIGNING_SECRET, second);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(textOf(screen)).toContain(`You answered: ${labels.none}`);
    expect(isOpenQuestion(screen)).toBe(false);
  });
});

describe('request verification', () => {
  const envelope = () => eventEnvelope(h.fake, dmMessageEvent({ channel: DM, user: USER, text: 'hi' }));

  it('a bad signature gets 401 and changes nothing', async () => {
    const res = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope(), {
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(res.status).toBe(401);
    const wrongSecret = await postEvent(h.eventsUrl, 'not-the-secret', envelope());
    expect(wrongSecret.status).toBe(401);
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel: 'C1',
      user: USER,
      text: 'hi',
      responseUrl: h.fake.responseUrl(),
    });
    expect((await postSlashCommand(h.eventsUrl, 'not-the-secret', fields)).status).toBe(401);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.fake.callsTo('response_url')).toHaveLength(0);
  });

  it("answers Slack's URL check (signed) with the challenge, so the request URL can be saved", async () => {
    const res = await postEvent(h.eventsUrl, SIGNING_SECRET, {
      type: 'url_verification',
      token: 't',
      challenge: 'abc123',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('abc123');
  });

  it('a stale timestamp (a replayed request) gets 401', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope(), { timestamp: tenMinutesAgo });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('clicks on questions that are no longer open', () => {
  it('a click from an expired conversation gets a friendly "start again" note, not an error', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    h.advance(25 * 3_600_000);
    expect((await click(screen, ACTION.none)).status).toBe(200);
    const notes = h.fake.callsTo('chat.postEphemeral');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.user).toBe(USER);
    expect(textOf(h.fake.messages.find((m) => m.via === 'chat.postEphemeral')!)).toContain(slackCopy.expired);
    // The old question loses its buttons; nothing else is posted; nothing is logged as an error.
    expect(isOpenQuestion(screen)).toBe(false);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(errorLogs()).toEqual([]);
  });

  it('a click from a finished conversation gets the same note', async () => {
    await dm('why do my calves hurt');
    // The person's Slack still shows the first question with its buttons (say the bot restarted
    // in between and forgot which message to close): the click is built from that view. ("None
    // of these": a warning sign ticked there would be news, below.)
    const stale = clickPayload(openQuestion()!, ACTION.none);
    await dm('none of these');
    for (let i = 0; i < 30 && !messagesIn(h.fake.messages, DM).some(isAssessment); i++) {
      const q = openQuestion()!;
      const { actionId, tick } = scriptedAnswer(q, []);
      await click(q, actionId, { tick });
    }
    expect(messagesIn(h.fake.messages, DM).some(isAssessment)).toBe(true);
    const before = h.fake.callsTo('chat.postMessage').length;
    await postInteraction(h.eventsUrl, SIGNING_SECRET, stale);
    await h.slack.idle();
    expect(textOf(h.fake.messages.filter((m) => m.via === 'chat.postEphemeral').at(-1)!)).toContain(
      slackCopy.expired,
    );
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    expect(errorLogs()).toEqual([]);
  });

  it('a click on a question that was answered in words changes nothing', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    const stale = clickPayload(screen, ACTION.none);
    await dm('none of these');
    // Answering in words closed the question's buttons too.
    expect(isOpenQuestion(screen)).toBe(false);
    expect(textOf(screen)).toContain(slackCopy.answeredInWords);
    const before = h.fake.callsTo('chat.postMessage').length;
    // A click from a view that still shows the buttons changes nothing.
    await postInteraction(h.eventsUrl, SIGNING_SECRET, stale);
    await h.slack.idle();
    expect(textOf(h.fake.messages.filter((m) => m.via === 'chat.postEphemeral').at(-1)!)).toContain(
      slackCopy.staleQuestion,
    );
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    // What was recorded is still "none of these", not the late click.
    expect(textOf(screen)).toContain(`You answered: ${labels.none}`);
  });

  it('a warning sign ticked late on a question answered in words is news: the advice changes', async () => {
    await dm('my calves ache at night');
    const screen = openQuestion()!;
    const stale = clickPayload(screen, ACTION.submit, { tick: ['one_leg_swollen'] });
    await dm('none of these');
    for (let i = 0; i < 30 && !messagesIn(h.fake.messages, DM).some(isAssessment); i++) {
      const q = openQuestion()!;
      const { actionId, tick } = scriptedAnswer(q, []);
      await click(q, actionId, { tick });
    }
    const first = messagesIn(h.fake.messages, DM).filter(isAssessment);
    expect(first).toHaveLength(1);
    expect(textOf(first[0]!)).toMatch(/look after this at home/i);
    const before = messagesIn(h.fake.messages, DM).length;
    await postInteraction(h.eventsUrl, SIGNING_SECRET, stale);
    await h.slack.idle();
    // Not "no longer open": what it changes is posted where the check is, and the old question says what was added.
    const added = messagesIn(h.fake.messages, DM).slice(before);
    expect(added.map(textOf).join('\n')).toContain(copy.newInformation);
    expect(added.filter(isAssessment)).toHaveLength(1);
    expect(textOf(added.find(isAssessment)!)).toMatch(/today/i);
    expect(textOf(screen)).toContain('Added to your check: One calf or leg is swollen (not both)');
    expect(
      h.fake.messages
        .filter((m) => m.via === 'chat.postEphemeral')
        .map(textOf)
        .join('\n'),
    ).not.toContain(slackCopy.staleQuestion);
    expect(errorLogs()).toEqual([]);
  });
});

describe('when calfbot cannot reach its store', () => {
  it('a click gets "can\'t reach my memory" and the question keeps its buttons', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    const get = h.store.get.bind(h.store);
    h.store.get = async () => {
      throw new CalfbotError('STORE_UNAVAILABLE', 'The store is unavailable.');
    };
    try {
      await click(screen, ACTION.none);
    } finally {
      h.store.get = get;
    }
    expect(textOf(messagesIn(h.fake.messages, DM).at(-1)!)).toContain(copy.storeDown);
    expect(isOpenQuestion(screen)).toBe(true);
    // Once the store is back, the same button works.
    await click(screen, ACTION.none);
    expect(isOpenQuestion(screen)).toBe(false);
  });
});

describe('Web API failures', () => {
  it('a 429 with Retry-After is waited out and retried', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await dm('why do my calves hurt');
    const calls = h.fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(messagesIn(h.fake.messages, DM)).toHaveLength(1);
    expect(h.logs.some((l) => /rate limit/i.test(String(l.msg)))).toBe(true);
  });

  it('a 500 is retried, then reported in the log; the next message works', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    await dm('why do my calves hurt');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);

    // Both attempts fail (the harness allows one retry): the failure is logged, nothing crashes.
    h.fake.failNext('chat.postMessage', { status: 500, times: 2 });
    await dm('help');
    const failed = h.logs.find((l) => l.event === 'slack_api_failed');
    expect(failed).toMatchObject({ method: 'chat.postMessage', status: 500 });
    expect(JSON.stringify(failed)).not.toMatch(/help|calves/i);

    // Slack is back: the next message is answered.
    await dm('help');
    expect(h.fake.callsTo('chat.postMessage').at(-1)!.status).toBe(200);
    // Help, then the waiting question shown again.
    expect(messagesIn(h.fake.messages, DM).slice(-2).map(textOf).join('\n')).toMatch(/Commands/);
  });

  it('a failing response_url is logged, not thrown', async () => {
    h.fake.failNext('response_url', { status: 500, times: 5 });
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel: 'C0X',
      user: USER,
      text: 'help',
      responseUrl: h.fake.responseUrl(),
    });
    expect((await postSlashCommand(h.eventsUrl, SIGNING_SECRET, fields)).status).toBe(200);
    await h.slack.idle();
    expect(h.logs.find((l) => l.event === 'slack_api_failed')).toMatchObject({ method: 'response_url' });
  });

  it('a token Slack rejects at start-up is a clear error, not a crash', async () => {
    const fake = await startFakeSlack();
    fake.failNext('auth.test', { status: 500, times: 5 });
    const config = configSchema.parse({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
    });
    const bot = new Bot({ knowledge: h.bot.knowledge, store: new MemoryStore() });
    const started = startSlack({
      bot,
      config,
      logger: silentLogger,
      retryConfig: { retries: 0 },
      host: '127.0.0.1',
    });
    await expect(started).rejects.toSatisfy((e) => isCalfbotError(e, 'PLATFORM_ERROR'));
    await fake.close();
  });
});
