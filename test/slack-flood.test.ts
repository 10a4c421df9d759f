/**
 * A flood through the real thing: `calfbot start` in Slack HTTP mode (real Bolt, real Bot, the
 * per-user rate limit at its default 20 a minute) receives 1,000 signed DM events from one user
 * as fast as they can be sent, with other people's DMs mixed in. At most 20 of the flood's turns
 * run, the flooder is told to slow down once (not 980 times), everyone else is answered, and the
 * process stays up and still shuts down cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';
import { messagesIn, textOf } from './fakes/slack-drive.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';
import {
  inWaves,
  PROCESS_SIGNING_SECRET,
  type SlackProcess,
  startSlackProcess,
} from './helpers/slack-process.js';

const FLOOD = 1_000;
const LIMIT = 20;
const SPAM_DM = 'D0FLOOD';
const SPAMMER = 'U0FLOODER';
const OTHERS = Array.from({ length: 5 }, (_, i) => ({ channel: `D0CALM${i}`, user: `U0CALM${i}` }));

describe('a flood of 1,000 DMs from one user through calfbot start (Slack HTTP mode)', () => {
  let fake: FakeSlack;
  let proc: SlackProcess;
  beforeAll(async () => {
    fake = await startFakeSlack();
    proc = await startSlackProcess(fake.apiUrl);
  });
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await fake?.close();
  });

  const send = (channel: string, user: string, text: string) =>
    postEvent(
      proc.eventsUrl,
      PROCESS_SIGNING_SECRET,
      eventEnvelope(fake, dmMessageEvent({ channel, user, text })),
    );
  const turnLogs = () => proc.logs().filter((l) => l.event === 'turn');

  it('runs at most 20 of its turns, says "slow down" once, serves everyone else, stays up', async () => {
    const texts = ['my calves hurt', 'none', 'no', 'yes', 'help', 'back', 'what foods have magnesium?'];
    const flood = Array.from({ length: FLOOD }, (_, i) => texts[i % texts.length]!);
    const statuses: number[] = [];
    let sent = 0;
    await inWaves(flood, 50, async (text) => {
      const n = ++sent;
      // Other people keep talking to calfbot in the middle of the flood.
      const other = n % 200 === 0 ? OTHERS[n / 200 - 1] : undefined;
      if (other) statuses.push((await send(other.channel, other.user, 'why do my calves hurt')).status);
      statuses.push((await send(SPAM_DM, SPAMMER, text)).status);
    });
    expect(statuses).toHaveLength(FLOOD + OTHERS.length);
    // Every request is acknowledged (Slack would otherwise retry it).
    expect(statuses.every((s) => s === 200)).toBe(true);

    await proc.waitForLogs((logs) => logs.filter((l) => l.event === 'turn').length >= FLOOD + OTHERS.length);
    const turns = turnLogs();
    const refused = turns.filter((l) => l.outcome === 'rate_limited');
    const done = turns.filter((l) => l.msg === 'turn done');
    expect(refused).toHaveLength(FLOOD - LIMIT);
    expect(done).toHaveLength(LIMIT + OTHERS.length);
    expect(turns.filter((l) => l.level >= 50)).toEqual([]);

    // Wait for the posts of the turns that ran, then look at what the flooder saw.
    await proc.waitForLogs(
      (logs) => logs.filter((l) => l.event === 'slack_turn').length >= FLOOD + OTHERS.length,
    );
    const flooded = messagesIn(fake.messages, SPAM_DM);
    const slowDowns = flooded.filter((m) => /slow down/i.test(textOf(m)));
    expect(slowDowns).toHaveLength(1);
    // The 20 turns that ran post their replies (a few messages each), the rest post nothing.
    expect(flooded.length).toBeLessThanOrEqual(LIMIT * 3 + 1);
    expect(proc.logs().filter((l) => l.event === 'slack_turn' && l.outcome === 'quiet')).toHaveLength(
      FLOOD - LIMIT - 1,
    );

    // Everyone else was answered: the greeting and the first question, in one message.
    for (const o of OTHERS) {
      const theirs = messagesIn(fake.messages, o.channel);
      expect(theirs.length).toBeGreaterThanOrEqual(1);
      expect(textOf(theirs[0]!)).toMatch(/I help you think through sore/);
      expect(theirs.some((m) => /slow down/i.test(textOf(m)))).toBe(false);
    }

    // The process is still up and still answering new people.
    expect(proc.child.exitCode).toBeNull();
    expect((await send('D0LATE', 'U0LATE', 'my calves hurt')).status).toBe(200);
    await fake.waitFor(() => messagesIn(fake.messages, 'D0LATE').length >= 1);
    expect(textOf(messagesIn(fake.messages, 'D0LATE')[0]!)).toMatch(/I help you think through sore/);

    // Deleting your data is never rate-limited, even mid-flood.
    expect((await send(SPAM_DM, SPAMMER, 'forget')).status).toBe(200);
    await fake.waitFor(() => messagesIn(fake.messages, SPAM_DM).some((m) => /deleted/.test(textOf(m))));

    // Nothing the flooder typed reached the log.
    expect(proc.stderr()).not.toMatch(/calves hurt|magnesium/);
    expect(await proc.stop('SIGTERM')).toBe(0);
  });
});
