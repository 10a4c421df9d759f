/** What every handler needs. `TurnBot` is the part of Bot the adapter uses (a Bot satisfies it). */
import { type BaseInteraction, ChannelType, InteractionContextType, MessageFlags } from 'discord.js';
import type { Logger } from '../../../src/log.js';
import type { EventMeta } from '../../../src/vocabulary.js';
import type { TurnBot } from '../../shared/run-turn.js';
import type { Surface } from '../components.js';
import { botUser, conversationKey, type DiscordPlace } from '../conversation-key.js';
import { regionHint } from '../locale.js';

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
  /**
   * Flags for new messages: ephemeral wherever others can read (servers, group DMs, a DM with a
   * friend through a user install); plain only in the bot's own DM.
   */
  flags: MessageFlags.Ephemeral | undefined;
  /** The region the user's (or server's) language suggests, tentative. */
  region: EventMeta['region'];
}

/**
 * The bot's own DM with this user. `context` says so (a DM channel in context 2 is a DM between
 * two people, the app used through a user install); old payloads without `context` fall back on
 * the channel type.
 */
function inBotDm(i: BaseInteraction): boolean {
  if (i.context !== null && i.context !== undefined) return i.context === InteractionContextType.BotDM;
  return i.channel?.type === ChannelType.DM && !i.guildId;
}

export function whereOf(i: BaseInteraction): InteractionWhere {
  const isDm = inBotDm(i);
  const place: DiscordPlace = { userId: i.user.id, channelId: i.channelId, guildId: i.guildId, isDm };
  const surface: Surface = i.guildId ? 'guild' : 'dm';
  return {
    key: conversationKey(place),
    user: botUser(i.user.id),
    surface,
    flags: isDm ? undefined : MessageFlags.Ephemeral,
    region: regionHint(i.locale, i.guildLocale),
  };
}
