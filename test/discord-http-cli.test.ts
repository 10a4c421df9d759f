/**
 * `calfbot start` with DISCORD_PUBLIC_KEY: HTTP interactions on PORT (no gateway, no bot token),
 * with the health routes beside it; beside Slack's /slack/events on the same port when Slack runs
 * in HTTP mode too. And, with REDIS_URL, two processes on one Redis serving one conversation.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { clickToAssessment } from './fakes/discord-drive.js';
import { makeKeys, postSigned, signedTransport } from './fakes/discord-http.js';
import { FakeDiscord, type FakeUser, type InteractionRef } from './fakes/fake-discord.js';
import { startFakeSlack } from './fakes/fake-slack.js';
import { startDiscordHttpProcess } from './helpers/discord-http-process.js';
import { startSlackProcess } from './helpers/slack-process.js';

const PING = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 't', version: 1 });
const REDIS_URL = process.env.REDIS_URL;

describe('calfbot start with DISCORD_PUBLIC_KEY', () => {
  let fake: FakeDiscord;
  const keys = makeKeys();
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('serves /discord/interactions and the health routes on PORT, never opens a gateway, stops on SIGTERM', async () => {
    const proc = await startDiscordHttpProcess({
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_API_URL: fake.apiUrl,
    });
    try {
      expect(await postSigned(proc.url, keys, { body: PING })).toEqual({ status: 200, body: { type: 1 } });
      expect((await postSigned(proc.url, makeKeys(), { body: PING })).status).toBe(401);
      const ready = await fetch(`http://127.0.0.1:${proc.port}/readyz`);
      expect(ready.status).toBe(200);
      expect(JSON.stringify(await ready.json())).toContain('discord');
      expect(fake.identifies).toHaveLength(0);
      expect(fake.calls.filter((c) => c.path.startsWith('/gateway'))).toHaveLength(0);
    } finally {
      expect(await proc.stop()).toBe(0);
    }
  });

  it('shares PORT with Slack HTTP mode: /discord/interactions beside /slack/events', async () => {
    const slack = await startFakeSlack();
    const proc = await startSlackProcess(slack.apiUrl, {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_API_URL: fake.apiUrl,
    });
    try {
      const url = `http://127.0.0.1:${proc.port}/discord/interactions`;
      expect(await postSigned(url, keys, { body: PING })).toEqual({ status: 200, body: { type: 1 } });
      expect((await fetch(proc.eventsUrl, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      expect(await proc.stop()).toBe(0);
      await slack.close();
    }
  });
});

describe.runIf(REDIS_URL)('two HTTP interactions processes on one Redis', () => {
  const u = new URL(REDIS_URL ?? 'redis://127.0.0.1:6379');
  u.pathname = '/15';
  const storeUrl = u.toString();
  const keyPrefix = `calfbot-test:discord-http:${randomUUID()}:`;
  const keys = makeKeys();
  let fake: FakeDiscord;
  let procs: Awaited<ReturnType<typeof startDiscordHttpProcess>>[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const env = {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_API_URL: fake.apiUrl,
      STORE_URL: storeUrl,
      STORE_KEY_PREFIX: keyPrefix,
    };
    procs = await Promise.all([startDiscordHttpProcess(env), startDiscordHttpProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await fake?.close();
    const redis = new Redis(storeUrl);
    const found = await redis.keys(`${keyPrefix}*`);
    if (found.length) await redis.del(...found);
    await redis.quit();
  });

  it('one conversation alternating between the processes, click by click, to an assessment; a replay on the other process runs once', async () => {
    // Like a load balancer: every interaction goes to the next process.
    let turn = 0;
    const transports = procs.map((p) => signedTransport(p.url, keys));
    fake.http = { post: (payload) => transports[turn++ % transports.length]!.post(payload) };
    const user: FakeUser = { id: '740000000000000001', username: 'scaled' };
    const settle = async (ref: InteractionRef) => {
      await fake.answered(ref);
      // The follow-ups come after the HTTP answer: wait for the interaction's last message.
      await fake.waitFor(
        () => fake.messagesOf(ref).some((m) => (m.components ?? []).length > 0 || m.embeds?.length),
        10_000,
        'the next question',
      );
    };
    const first = fake.slashCommand({ user, options: { question: 'my calves cramp at night' } });
    await settle(first);
    const drive = await clickToAssessment(fake, first, settle, { user });
    expect(drive.refs.length).toBeGreaterThan(2);
    // The same click twice more: one replay lands on each process; counted once all the same.
    const click = drive.refs[1]!;
    const again = await fake.replay(click);
    const other = await fake.replay(click);
    for (const r of [again, other])
      expect(r.body).toMatchObject({ type: 4, data: { content: discordCopy.alreadyAnswered } });
  });
});
