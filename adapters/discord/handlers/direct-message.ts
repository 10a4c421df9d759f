/** Typed messages in the bot's DM: free text, no privileged intent needed. */
import { ChannelType, type Message } from 'discord.js';
import { quietOrRender, runTurn } from '../../shared/run-turn.js';
import { botUser, conversationKey } from '../conversation-key.js';
import { discordCopy } from '../copy.js';
import { epochOf } from '../custom-id.js';
import { type OutgoingMessage, renderReplies } from '../render.js';
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
  await runTurn<OutgoingMessage[]>(
    deps,
    {
      platform: 'discord',
      surface: 'dm',
      key,
      event: { kind: 'text', text },
      meta: { eventId: message.id, user: botUser(message.author.id) },
    },
    {
      // A duplicate was answered already; a flood gets one "slow down", not one per message
      // (interactions still get theirs: Discord needs an answer to every interaction).
      render: quietOrRender((outcome) =>
        renderReplies(outcome.replies, {
          epoch: outcome.conversation ? epochOf(outcome.conversation.startedAt) : '0',
          surface: 'dm',
        }),
      ),
      async post(plan) {
        for (const out of (await plan) ?? []) await channel.send(out);
      },
      apologise: () => channel.send({ content: discordCopy.somethingWentWrong }).then(() => undefined),
    },
  );
}
