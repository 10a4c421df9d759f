/**
 * HTTP interactions mode: Discord POSTs signed interactions to /discord/interactions, calfbot
 * verifies the Ed25519 signature (keys made here), answers in the HTTP response and follows up
 * through the interaction's webhook. The same handlers, custom ids and renderer as the gateway.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { labels as ui } from '../adapters/shared/labels.js';
import { clickToAssessment } from './fakes/discord-drive.js';
import { buttonByLabel, EPHEMERAL, selectMenuOf } from './fakes/discord-harness.js';
import { type HttpHarness, postSigned, startHttpHarness } from './fakes/discord-http.js';
import type { FakeUser } from './fakes/fake-discord.js';

type Json = any;

const runner: FakeUser = { id: '730000000000000001', username: 'runner' };
const PING_BODY = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 't', version: 1 });

describe('Discord HTTP interactions', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers PING with PONG', async () => {
    const res = await postSigned(h.url, h.keys, {
      body: JSON.stringify({ id: '1', application_id: '2', type: 1, token: 't', version: 1 }),
    });
    expect(res).toEqual({ status: 200, body: { type: 1 } });
  });

  it('runs a signed /calves conversation by clicks to an assessment, all through the interaction', async () => {
    const from = h.fake.calls.length;
    const first = h.fake.slashCommand({
      user: runner,
      options: { question: 'my calves hurt after running' },
    });
    await h.settle(first);
    const answer = await h.fake.answered(first);
    // The first answer is the HTTP response itself: an ephemeral message with the question.
    expect(answer?.status).toBe(200);
    expect(answer?.body.type).toBe(4);
    expect(answer?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer?.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(selectMenuOf(answer?.body.data)).toBeDefined();
    const drive = await clickToAssessment(h.fake, first, (r) => h.settle(r), { user: runner });
    // Every click got its update (type 7) as the HTTP response; the next question followed up.
    for (const ref of drive.refs.slice(1)) expect((await h.fake.answered(ref))?.body.type).toBe(7);
    const assessment = drive.messages.find((m: Json) => m.embeds?.length > 0);
    expect(assessment.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(assessment.embeds)).toContain('911 (or your local emergency number)');
    const rest = h.fake.calls.slice(from).filter((c) => c.query.transport !== 'http');
    expect(rest.length).toBeGreaterThan(0);
    for (const call of rest) {
      expect(call.path).toMatch(/^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/);
      expect(call.authorization).toBeUndefined();
    }
    expect(h.logs.join('\n')).not.toContain('my calves hurt');
  });

  it('serves a user install in a server the bot is not in, in French: ephemeral, and 112', async () => {
    const user: FakeUser = { id: '730000000000000004', username: 'voyageur' };
    const place = { locale: 'fr', userInstall: true } as const;
    const first = h.fake.slashCommand({
      user,
      guildId: '391000000000000001',
      channelId: '491000000000000001',
      options: { question: 'my calves hurt after a long walk' },
      ...place,
    });
    await h.settle(first);
    const drive = await clickToAssessment(h.fake, first, (r) => h.settle(r), { user, ...place });
    const assessment = drive.messages.find((m: Json) => m.embeds?.length > 0);
    expect(assessment.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(assessment.embeds)).toContain('112 (or your local emergency number)');
  });

  it('opens the "describe it" modal as the HTTP response, and runs its submission', async () => {
    const user: FakeUser = { id: '730000000000000002', username: 'writer' };
    const first = h.fake.slashCommand({ user });
    await h.settle(first);
    const question = h.fake.messagesOf(first)[0];
    const click = h.fake.click(question, buttonByLabel(question, discordCopy.describe).custom_id, { user });
    await h.settle(click);
    expect((await h.fake.answered(click))?.body.type).toBe(9);
    const submit = h.fake.submitModal(click, { text: 'my calf is swollen and I am suddenly breathless' });
    await h.settle(submit);
    expect(JSON.stringify(h.fake.messagesOf(submit))).toContain(
      'Call 911 (or your local emergency number) now',
    );
  });

  it('rejects a forged signature, a tampered body, no signature and stale or future timestamps with 401', async () => {
    const body = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 't', version: 1 });
    const forger = generateKeyPairSync('ed25519').privateKey;
    expect((await postSigned(h.url, h.keys, { body, signWith: forger })).status).toBe(401);
    expect((await postSigned(h.url, h.keys, { body, signature: 'ab'.repeat(64) })).status).toBe(401);
    expect((await postSigned(h.url, h.keys, { body, signature: 'not hex' })).status).toBe(401);
    expect((await postSigned(h.url, h.keys, { body })).status).toBe(200);
    // Signed, then changed on the way.
    const now = Math.floor(Date.now() / 1000);
    const signature = sign(null, Buffer.from(`${now}${body}`), h.keys.privateKey).toString('hex');
    expect((await postSigned(h.url, h.keys, { body, timestamp: now, signature })).status).toBe(200);
    const tampered = body.replace('"type":1', '"type":2');
    expect((await postSigned(h.url, h.keys, { body: tampered, timestamp: now, signature })).status).toBe(401);
    expect((await postSigned(h.url, h.keys, { body, timestamp: now - 600 })).status).toBe(401);
    expect((await postSigned(h.url, h.keys, { body, timestamp: now + 600 })).status).toBe(401);
    const unsigned = await fetch(h.url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    // A forged /calves never reaches the Bot: nothing is sent to Discord for it.
    const real = h.fake.slashCommand({ user: runner });
    await h.settle(real);
    const forged = JSON.stringify({ ...h.fake.payloadOf(real), id: '1577000000000000001' });
    const before = h.fake.calls.length;
    expect((await postSigned(h.url, h.keys, { body: forged, signWith: forger })).status).toBe(401);
    await h.endpoint.idle();
    expect(h.fake.calls.length).toBe(before);
  });

  it('rejects a body over the limit (413) and a signed body that is not an interaction (400)', async () => {
    const big = JSON.stringify({ type: 1, pad: 'x'.repeat(300 * 1024) });
    expect((await postSigned(h.url, h.keys, { body: big })).status).toBe(413);
    expect((await postSigned(h.url, h.keys, { body: '[1,2]' })).status).toBe(400);
    expect((await postSigned(h.url, h.keys, { body: 'not json' })).status).toBe(400);
    // Signed, shaped like an interaction, but nothing discord.js can build one from.
    const hollow = JSON.stringify({
      id: '1577000000000000002',
      application_id: '2',
      type: 2,
      token: 't',
      version: 1,
    });
    expect((await postSigned(h.url, h.keys, { body: hollow })).status).toBe(400);
    expect((await postSigned(h.url, h.keys, { body: PING_BODY })).status).toBe(200);
  });

  it('answers a replayed interaction id once: the turn runs once, the replay is told so', async () => {
    const user: FakeUser = { id: '730000000000000003', username: 'replayer' };
    const first = h.fake.slashCommand({ user, options: { question: 'my calves cramp at night' } });
    await h.settle(first);
    const question = h.fake.messagesOf(first)[0];
    const answer = selectMenuOf(question) ? ui.none : ui.no;
    const click = h.fake.click(question, buttonByLabel(question, answer).custom_id, { user });
    await h.settle(click);
    const next = h.fake.messagesOf(click).at(-1);
    const followUps = h.fake.calls.filter((c) => c.method === 'POST' && c.path.includes(click.token)).length;
    // The same signed click again (the same interaction id and token).
    const replay = await h.fake.replay(click);
    await h.endpoint.idle();
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ type: 4, data: { content: discordCopy.alreadyAnswered } });
    // The replay asked nothing new and the next question is still the open one.
    expect(h.fake.calls.filter((c) => c.method === 'POST' && c.path.includes(click.token)).length).toBe(
      followUps,
    );
    const slashAgain = await h.fake.replay(first);
    expect(slashAgain.body).toMatchObject({ type: 4, data: { content: discordCopy.alreadyHandled } });
    const nextAnswer = selectMenuOf(next) ? ui.none : ui.no;
    const carryOn = h.fake.click(next, buttonByLabel(next, nextAnswer).custom_id, { user });
    await h.settle(carryOn);
    expect((await h.fake.answered(carryOn))?.body.type).toBe(7);
    expect(h.fake.messages.get(next.id).content).toContain(discordCopy.answered(nextAnswer));
  });
});
