/**
 * The whole log of Slack conversations, at LOG_LEVEL=trace, holds no token, no signing secret,
 * no response URL and nothing anyone typed or answered: only ids, event kinds, timings and
 * outcomes. In process (real Bolt, real Bot, calfbot's logger capturing every line, from the Bot,
 * the adapter and Bolt's bridge), and for a failed `calfbot start`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlackMessage } from './fakes/fake-slack.js';
import {
  isAssessment,
  isOpenQuestion,
  messagesIn,
  scriptedAnswer,
  slackPerson,
} from './fakes/slack-drive.js';
import { BOT_TOKEN, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import {
  appMentionEvent,
  dmMessageEvent,
  eventEnvelope,
  slashCommandFields,
} from './fakes/slack-payloads.js';
import { postEvent, postSlashCommand } from './fakes/slack-requests.js';
import { knowledge } from './helpers/bot.js';
import { REPO } from './helpers/converse-process.js';

const MARK = 'zanzibar-quokka';
const DM = 'D0PRIVATE';
const USER = 'U0PATIENT';
const CHANNEL = 'C0PUBLIC';
/** Words from what people type below; none may appear in a log line. */
const TYPED = [MARK, 'atorvastatin', 'calves hurt', 'magnesium', 'swollen', 'aches', 'throbbing', 'varicose'];

describe('the log of a whole Slack conversation at trace level', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: 'http', logLevel: 'trace', botLogs: true, rateLimitPerMinute: 200 });
  });
  afterAll(async () => {
    await h?.close();
  });

  const person = slackPerson(() => h, { channel: DM, user: USER });
  const dm = person.dm;
  const click = async (message: FakeSlackMessage, actionId: string, tick?: string[]) => {
    expect((await person.click(message, actionId, { tick })).status).toBe(200);
  };

  it('DMs, clicks, a mention, /calves, failures and forget: nothing private reaches the log', async () => {
    // A DM conversation from first words to the assessment, answered by buttons.
    await dm(`my calves hurt ${MARK}`);
    const present = ['night_cramps', 'few_greens_nuts_grains', 'heavy_sweating'];
    let clicks = 0;
    for (; clicks < 30 && !messagesIn(h.fake.messages, DM).some(isAssessment); clicks++) {
      const q = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1);
      if (!q) break;
      const { actionId, tick } = scriptedAnswer(q, present);
      await click(q, actionId, tick);
    }
    expect(clicks).toBeGreaterThanOrEqual(3);
    expect(messagesIn(h.fake.messages, DM).some(isAssessment)).toBe(true);
    await dm(`what foods have magnesium ${MARK}`);
    await dm(`I also take atorvastatin ${MARK}`);

    // A mention in a channel, and /calves there (ephemeral, through a response URL).
    const mention = appMentionEvent({
      channel: CHANNEL,
      user: USER,
      text: `<@${h.fake.botUserId}> my left calf is swollen and throbbing ${MARK}`,
    });
    expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, mention))).status).toBe(200);
    const responseUrl = h.fake.responseUrl();
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel: CHANNEL,
      user: USER,
      text: `my calf aches near a varicose vein ${MARK}`,
      responseUrl,
    });
    expect((await postSlashCommand(h.eventsUrl, SIGNING_SECRET, fields)).status).toBe(200);
    await h.slack.idle();

    // Too long (refused unread), Slack failing (500 twice, then 429), a forged request.
    await dm(`${MARK} `.repeat(300));
    h.fake.failNext('chat.postMessage', { status: 500, times: 2 });
    await dm(`my calves hurt again ${MARK}`);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    await dm(`still aches ${MARK}`);
    const forged = await postEvent(
      h.eventsUrl,
      'not-the-signing-secret',
      eventEnvelope(h.fake, dmMessageEvent({ channel: DM, user: USER, text: `forged ${MARK}` })),
    );
    expect(forged.status).toBe(401);
    await dm('forget');
    await h.slack.idle();

    const raw = h.rawLog();
    const lines = raw.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(20);
    // Something from each layer made it into this log: the Bot, the adapter, the Slack libraries.
    const events = new Set(h.logs.map((l) => l.event));
    for (const e of ['turn', 'slack_turn', 'slack_api_failed', 'slack_started']) expect(events).toContain(e);
    expect(h.logs.some((l) => l.outcome === 'too_long')).toBe(true);

    // Secrets: the token, the signing secret, the response URL (it is a bearer credential).
    expect(raw).not.toContain(BOT_TOKEN);
    expect(raw).not.toContain(SIGNING_SECRET);
    expect(raw).not.toContain(responseUrl);
    expect(raw).not.toMatch(/xox[abp]-|\/response\//);
    // What people typed.
    for (const word of TYPED) expect(raw.toLowerCase()).not.toContain(word.toLowerCase());
    // What they answered: no finding (a health fact) appears in the log, by id or by label.
    const K = knowledge();
    for (const f of K.findings.values()) {
      expect(raw).not.toContain(`"${f.id}"`);
      expect(raw).not.toContain(f.label);
    }
    // Structured lines only: each has a level, a time and an event kind.
    for (const line of lines) {
      const l = JSON.parse(line);
      expect(typeof l.level).toBe('number');
      expect(typeof l.event).toBe('string');
    }
  });
});

describe('the log of a failed calfbot start', () => {
  it('Slack refuses the token: exit 1, one line saying so, no token, secret or store password', async () => {
    // A Slack Web API that refuses every token.
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const token = 'xoxb-refused-token-5e1d';
    const secret = 'refused-signing-secret-0b7c';
    const storePassword = 'store-password-4d2a';
    const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: token,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        PORT: '0',
        // A Redis that is not there, with a password in its URL: the outage is logged, the password not.
        STORE_URL: `redis://:${storePassword}@127.0.0.1:1/15`,
        LOG_LEVEL: 'trace',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      out += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    server.close();
    expect(code).toBe(1);
    const plain = out.split('\n').filter((l) => l && !l.startsWith('{'));
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/SLACK_BOT_TOKEN/);
    expect(plain[0]).toMatch(/invalid_auth/);
    expect(out).not.toContain(token);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(storePassword);
    expect(out).toMatch(/"event":"store_unavailable"/);
    expect(out).not.toMatch(/xoxb-/);
  });
});
