/** What every handler needs. `TurnBot` is the part of Bot the adapter uses (a Bot satisfies it). */
import { type BaseInteraction, ChannelType, InteractionContextType, MessageFlags } from 'discord.js';
import type { Logger } from '../../../src/log.js';
import type { TurnBot } from '../../shared/run-turn.js';
import type { Surface } from '../components.js';
import { botUser, conversationKey, type DiscordPlace } from '../conversation-key.js';

export type { TurnBot };

export interface HandlerDeps {
  bot: TurnBot;
  logger: Logger;
  /** Answer directly if the turn is done within this many ms, else defer first. */
  ackBudgetMs: number;
}

/** Where an interaction happened, as conversation key, user and surface. */
export interface InteractionWhere {
  key: string;
  user: string;
  surface: Surface;
  /** Flags for new messages: ephemeral in servers (health is private), plain in the bot's DM. */
  flags: MessageFlags.Ephemeral | undefined;
}

export function whereOf(i: BaseInteraction): InteractionWhere {
  const isDm = i.channel?.type === ChannelType.DM || i.context === InteractionContextType.BotDM;
  const place: DiscordPlace = { userId: i.user.id, channelId: i.channelId, guildId: i.guildId, isDm };
  const surface: Surface = i.guildId ? 'guild' : 'dm';
  return {
    key: conversationKey(place),
    user: botUser(i.user.id),
    surface,
    flags: isDm ? undefined : MessageFlags.Ephemeral,
  };
}
