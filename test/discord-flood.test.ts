/**
 * A flood of DMs on Discord: 200 messages from one user in a moment with the rate limit at its
 * default 20 a minute. 20 turns run, the flooder is told to slow down once (not 180 times, which
 * Discord's own per-channel limit would also queue for minutes), and someone else is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHandle, startDiscord } from '../adapters/discord/index.js';
import { Bot } from '../src/bot.js';
import { silentLogger } from '../src/log.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { discordConfig } from './fakes/discord-harness.js';
import { FakeDiscord, type FakeUser } from './fakes/fake-discord.js';
import { knowledge } from './helpers/bot.js';

type Json = any;
const flooder: FakeUser = { id: '720000000000000001', username: 'flooder' };
const calm: FakeUser = { id: '720000000000000002', username: 'calm' };

describe('Discord: a DM flood from one user', () => {
  let fake: FakeDiscord;
  let discord: DiscordHandle;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(),
      region: 'US',
      rateLimit: { limiter: new MemoryRateLimiter(), perMinute: 20 },
    });
    discord = await startDiscord({
      bot,
      config: discordConfig(fake),
      logger: silentLogger,
      rest: { retries: 0 },
    });
  });
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('runs 20 turns, says "slow down" once, and still answers someone else', async () => {
    let channelId = '';
    for (let i = 0; i < 200; i++)
      channelId = fake.directMessage(flooder, i === 0 ? 'my calves hurt' : 'help').channelId;
    const other = fake.directMessage(calm, 'my calves hurt');
    await fake.waitFor(
      () => fake.channelMessages(other.channelId).length > 0,
      10_000,
      'the other user answered',
    );
    await discord.idle();
    const posted = fake.channelMessages(channelId);
    const slowDowns = posted.filter((m: Json) => /slow down/i.test(m.content));
    expect(slowDowns).toHaveLength(1);
    expect(posted.length).toBeLessThanOrEqual(20 * 2 + 1);
    expect(fake.channelMessages(other.channelId)[0].content).toMatch(/calfbot/);
  });
});
