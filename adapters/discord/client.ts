/**
 * The discord.js Client calfbot runs: only the intents it needs (Guilds, DirectMessages: no
 * privileged intent; DMs carry their text without Message Content), the Channel partial so DMs
 * arrive, `allowedMentions: { parse: [] }` on everything it sends, and the REST base from
 * DISCORD_API_URL (tests point it at a fake Discord on 127.0.0.1).
 *
 * Started by a ShardingManager, discord.js reads SHARDS / SHARD_COUNT from the environment
 * itself, so a shard process can call `startDiscord` unchanged.
 */
import { Client, GatewayIntentBits, Partials, REST, type RESTOptions } from 'discord.js';
import type { Config } from '../../src/config.js';

export interface RestTuning {
  /** How often @discordjs/rest retries a 5xx or a network error (default 3). */
  retries?: number;
  /** Per-request timeout in ms (default 15 s). */
  timeout?: number;
}

/** DISCORD_API_URL without a trailing slash or API version: discord.js appends `/v10`. */
export function apiBase(config: Pick<Config, 'DISCORD_API_URL'>): string | undefined {
  return config.DISCORD_API_URL?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function restOptions(
  config: Pick<Config, 'DISCORD_API_URL'>,
  tuning: RestTuning = {},
): Partial<RESTOptions> {
  const api = apiBase(config);
  return {
    ...(api && { api }),
    ...(tuning.retries !== undefined && { retries: tuning.retries }),
    ...(tuning.timeout !== undefined && { timeout: tuning.timeout }),
  };
}

export function createDiscordClient(
  config: Pick<Config, 'DISCORD_API_URL'>,
  tuning: RestTuning = {},
): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: restOptions(config, tuning),
  });
}

export function createRest(
  config: Pick<Config, 'DISCORD_API_URL'>,
  token: string,
  tuning: RestTuning = {},
): REST {
  return new REST(restOptions(config, tuning)).setToken(token);
}
