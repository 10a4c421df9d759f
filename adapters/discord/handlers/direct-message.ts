/** Typed messages in the bot's DM: free text, no privileged intent needed. */
import { ChannelType, type Message } from 'discord.js';
import { botUser, conversationKey } from '../conversation-key.js';
import { tryConversationStatus } from '../conversation-status.js';
import { discordCopy } from '../copy.js';
import { describeError } from '../describe-error.js';
import { renderReplies } from '../render.js';
import type { HandlerDeps } from './deps.js';

export async function onDirectMessage(message: Message, deps: HandlerDeps): Promise<void> {
  if (message.author.bot || message.system || message.guildId) return;
  if (message.channel.type !== ChannelType.DM) return;
  const channel = message.channel;
  const text = message.content.trim();
  if (!text) return; // stickers, attachments only: nothing to read
  const key = conversationKey({
    userId: message.author.id,
    channelId: message.channelId,
    guildId: null,
    isDm: true,
  });
  try {
    const result = await deps.bot.handleDetailed(
      key,
      { kind: 'text', text },
      { eventId: message.id, user: botUser(message.author.id) },
    );
    if (result.duplicate) return; // the same message delivered twice: it was answered already
    // Already told to slow down in this window: a flood gets one notice, not one per message
    // (interactions still get theirs: Discord needs an answer to every interaction).
    if (result.quiet) return;
    const status = await tryConversationStatus(deps.bot.store, key);
    for (const out of renderReplies(result.replies, { epoch: status?.epoch ?? '0', surface: 'dm' })) {
      await channel.send(out);
    }
  } catch (error) {
    deps.logger.error(
      { event: 'discord_dm_failed', message: message.id, err: describeError(error) },
      'handling a Discord DM failed',
    );
    try {
      await channel.send({ content: discordCopy.somethingWentWrong });
    } catch (reportError) {
      deps.logger.error(
        { event: 'discord_failure_report_failed', message: message.id, err: describeError(reportError) },
        'could not tell the user about a failure',
      );
    }
  }
}
