/**
 * Which conversation a Discord event belongs to: one per user per channel in a server, one per
 * user in DMs (a slash command in the DM and typed DM messages share it).
 */
export interface DiscordPlace {
  userId: string;
  channelId: string | null;
  guildId: string | null;
  /** True for the bot's own DM with the user (channel type 1). */
  isDm: boolean;
}

export function conversationKey(place: DiscordPlace): string {
  if (place.guildId)
    return `discord:guild:${place.guildId}:channel:${place.channelId ?? 'none'}:user:${place.userId}`;
  if (place.isDm || !place.channelId) return `discord:dm:${place.userId}`;
  // A group DM or another private channel the app was used in.
  return `discord:channel:${place.channelId}:user:${place.userId}`;
}

/** The user as the Bot knows them (for `forget`). */
export function botUser(userId: string): string {
  return `discord:${userId}`;
}
