/**
 * /calves installed to a person's own account and used where the bot is not a member: a server
 * whose admin never added calfbot, a DM between two friends. Only the interaction's own webhook
 * is used (no bot-token call), and every reply is ephemeral, because others read these channels.
 */
import { describe, expect, it } from 'vitest';
import { clickToAssessment } from './fakes/discord-drive.js';
import { type DiscordHarness, EPHEMERAL, harnessForSuite } from './fakes/discord-harness.js';
import type { FakeUser } from './fakes/fake-discord.js';

const FOREIGN_GUILD = '390000000000000009';

describe('Discord: a user install, where the bot is not a member', () => {
  let h: DiscordHarness;
  harnessForSuite((started) => {
    h = started;
  });

  it('runs /calves in a foreign server to an ephemeral assessment, through the interaction webhook only', async () => {
    const user: FakeUser = { id: '720000000000000001', username: 'traveller' };
    const from = h.fake.calls.length;
    const first = h.fake.slashCommand({
      user,
      guildId: FOREIGN_GUILD,
      channelId: '490000000000000009',
      userInstall: true,
      options: { question: 'my calves ache after a long walk' },
    });
    await h.settle(first);
    const drive = await clickToAssessment(h.fake, first, (r) => h.settle(r), { user, userInstall: true });
    expect(drive.refs.length).toBeGreaterThan(1);
    // The slash command's reply and every new message after a click: ephemeral.
    const fresh = h.fake.calls
      .slice(from)
      .filter((c) => (c.path.endsWith('/callback') ? [4, 5].includes(c.body?.type) : c.method === 'POST'));
    expect(fresh.length).toBeGreaterThan(1);
    for (const call of fresh) {
      const flags = call.path.endsWith('/callback') ? call.body.data?.flags : call.body?.flags;
      expect(flags & EPHEMERAL, `${call.method} ${call.path}`).toBe(EPHEMERAL);
    }
    // Nothing but interaction callbacks and webhook calls, none with the bot token.
    for (const call of h.fake.calls.slice(from)) {
      expect(call.path).toMatch(/^\/(interactions|webhooks)\//);
      expect(call.authorization).toBeUndefined();
    }
  });

  it('keeps a DM between two friends (context PRIVATE_CHANNEL) ephemeral, and its own conversation', async () => {
    const user: FakeUser = { id: '720000000000000002', username: 'friend' };
    const dmWithFriend = '590000000000000002';
    const ref = h.fake.slashCommand({
      user,
      guildId: null,
      channelId: dmWithFriend,
      context: 2,
      userInstall: true,
    });
    await h.settle(ref);
    const [reply] = h.fake.messagesOf(ref);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    // The bot's own DM with the same person is a different conversation, and not ephemeral.
    const own = h.fake.slashCommand({ user, guildId: null, options: { question: 'my calves ache' } });
    await h.settle(own);
    const [ownReply] = h.fake.messagesOf(own);
    expect(ownReply.flags & EPHEMERAL).toBe(0);
    expect(ownReply.content).not.toContain('You have a check in progress');
  });
});
