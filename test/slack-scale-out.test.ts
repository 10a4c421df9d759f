/**
 * Slack HTTP mode scaled out: two `calfbot start` processes (as behind a load balancer) on one
 * Redis. One DM conversation alternates between them turn by turn (typed answers and button
 * clicks) and goes on as if it were one process; the same event delivered to both at once (a
 * Slack retry landing on the other process) is answered exactly once.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, type FakeSlackMessage, startFakeSlack } from './fakes/fake-slack.js';
import { isAssessment, isOpenQuestion, messagesIn, scriptedAnswer, textOf } from './fakes/slack-drive.js';
import { blockActionsPayload, dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent, postInteraction } from './fakes/slack-requests.js';
import { PROCESS_SIGNING_SECRET, type SlackProcess, startSlackProcess } from './helpers/slack-process.js';

const REDIS_URL = process.env.REDIS_URL;

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The same Redis as REDIS_URL, database 15 (tests keep to it). */
function db15(url: string): string {
  const u = new URL(url);
  u.pathname = '/15';
  return u.toString();
}

describe.runIf(REDIS_URL)('two calfbot start processes (Slack HTTP mode) on one Redis', () => {
  const storeUrl = db15(REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `calfbot-test:scale:${randomUUID()}:`;
  const DM = 'D0SCALE';
  const USER = 'U0SCALE';
  let fake: FakeSlack;
  let a: SlackProcess;
  let b: SlackProcess;

  beforeAll(async () => {
    fake = await startFakeSlack();
    const env = { STORE_URL: storeUrl, STORE_KEY_PREFIX: keyPrefix };
    [a, b] = await Promise.all([startSlackProcess(fake.apiUrl, env), startSlackProcess(fake.apiUrl, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
    await fake?.close();
    const redis = new Redis(storeUrl);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === DM);
  const dmEnvelope = (text: string) => eventEnvelope(fake, dmMessageEvent({ channel: DM, user: USER, text }));
  /** Deliver (to one process) and wait until `n` more messages were posted. */
  async function send(deliver: () => Promise<{ status: number }>, n = 1): Promise<FakeSlackMessage[]> {
    const before = messagesIn(fake.messages, DM).length;
    expect((await deliver()).status).toBe(200);
    await fake.waitFor(() => messagesIn(fake.messages, DM).length >= before + n);
    return messagesIn(fake.messages, DM).slice(before);
  }
  const typed = (p: SlackProcess, text: string, n?: number) =>
    send(() => postEvent(p.eventsUrl, PROCESS_SIGNING_SECRET, dmEnvelope(text)), n);
  const clicked = (p: SlackProcess, q: FakeSlackMessage, present: string[]) => {
    const { actionId, tick } = scriptedAnswer(q, present);
    const payload = blockActionsPayload(q, actionId, {
      team: fake.teamId,
      user: USER,
      responseUrl: fake.responseUrl(q.ts),
      ...(tick ? { tick } : {}),
    });
    return send(() => postInteraction(p.eventsUrl, PROCESS_SIGNING_SECRET, payload));
  };

  it('a DM conversation alternating between the processes goes on as one', async () => {
    // Turn 1 on A: greeting and the red-flag checklist, in one message.
    const opening = await typed(a, 'why do my calves hurt', 1);
    expect(textOf(opening[0]!)).toMatch(/I help you think through sore/);
    expect(isOpenQuestion(opening[0]!)).toBe(true);
    // Turn 2 on B, in words: B knows which question A asked.
    const second = await typed(b, 'none of these');
    expect(second.some(isOpenQuestion)).toBe(true);
    expect(second.map(textOf).join('\n')).not.toMatch(/earlier point|calfbot\. I help/);
    // Then button clicks, alternating A, B, A... until the assessment.
    const present = ['night_cramps', 'few_greens_nuts_grains', 'heavy_sweating'];
    for (let turn = 0; turn < 12 && !messagesIn(fake.messages, DM).some(isAssessment); turn++) {
      const q = messagesIn(fake.messages, DM).filter(isOpenQuestion).at(-1)!;
      const out = await clicked(turn % 2 === 0 ? a : b, q, present);
      expect(out.map(textOf).join('\n')).not.toMatch(/no longer open|earlier point|expired/);
    }
    expect(messagesIn(fake.messages, DM).some(isAssessment)).toBe(true);
    // Both processes served this conversation.
    for (const p of [a, b])
      expect(p.logs().filter((l) => l.event === 'slack_turn').length).toBeGreaterThan(0);
  });

  it('the same event delivered to both at once is answered exactly once', async () => {
    const envelope = dmEnvelope('what foods have magnesium?');
    const before = posts().length;
    const handledBefore = [...a.logs(), ...b.logs()].filter(
      (l) => (l.event === 'slack_turn' || l.event === 'slack_duplicate') && l.surface === 'dm',
    ).length;
    const [ra, rb] = await Promise.all([
      postEvent(a.eventsUrl, PROCESS_SIGNING_SECRET, envelope),
      postEvent(b.eventsUrl, PROCESS_SIGNING_SECRET, envelope, { retryNum: 1, retryReason: 'http_timeout' }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    // Wait until both processes are done with it: one answered, the other saw a duplicate.
    const handled = () =>
      [...a.logs(), ...b.logs()].filter(
        (l) => (l.event === 'slack_turn' || l.event === 'slack_duplicate') && l.surface === 'dm',
      ).length;
    await until(() => handled() >= handledBefore + 2);
    expect(posts().length - before).toBe(1);
    expect(textOf(messagesIn(fake.messages, DM).at(-1)!)).toMatch(/magnesium/i);
    const duplicates = [...a.logs(), ...b.logs()].filter((l) => l.event === 'slack_duplicate');
    expect(duplicates.length).toBeGreaterThanOrEqual(1);
    // Both still up; both shut down cleanly.
    expect(await a.stop('SIGTERM')).toBe(0);
    expect(await b.stop('SIGTERM')).toBe(0);
  });
});
