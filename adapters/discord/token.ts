/** The Discord bot token, or one error that says where to get it; and the words for a refused one. */
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';

export const TOKEN_REJECTED =
  'Discord rejected DISCORD_TOKEN: copy a fresh bot token from the Developer Portal (Bot → Reset Token)';

export function discordToken(config: Pick<Config, 'DISCORD_TOKEN'>): string {
  if (config.DISCORD_TOKEN) return config.DISCORD_TOKEN;
  throw new CalfbotError(
    'CONFIG_INVALID',
    'DISCORD_TOKEN is missing: copy the bot token from the Discord Developer Portal (Bot → Reset Token). See docs/discord.md.',
  );
}
