/**
 * GET /gateway/bot: how many shards Discord recommends and how many gateway sessions the bot may
 * still start. Asked directly (not through discord.js's fetchRecommendedShardCount, which always
 * goes to discord.com) so DISCORD_API_URL is honoured and a bad token fails with one clear line.
 */
import { z } from 'zod';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import { apiBase } from './client.js';
import { TOKEN_REJECTED } from './token.js';

export interface GatewayInfo {
  /** Discord's recommended number of shards. */
  shards: number;
  /** How many shards may identify in the same 5-second window. */
  maxConcurrency: number;
  /** Session starts left before the limit resets. */
  remaining: number;
  /** When the session start limit resets, in ms from now. */
  resetAfterMs: number;
}

const gatewayBotSchema = z.object({
  shards: z.number().int().min(1),
  session_start_limit: z.object({
    remaining: z.number().int().min(0),
    reset_after: z.number().min(0),
    max_concurrency: z.number().int().min(1),
  }),
});

const DEFAULT_API = 'https://discord.com/api';

export async function fetchGatewayInfo(
  config: Pick<Config, 'DISCORD_API_URL'>,
  token: string,
  opts: { timeoutMs?: number } = {},
): Promise<GatewayInfo> {
  const url = `${apiBase(config) ?? DEFAULT_API}/v10/gateway/bot`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bot ${token}` },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `could not reach Discord to ask how many shards to run (${(error as Error).name}).`,
      { cause: error },
    );
  }
  if (response.status === 401) {
    throw new CalfbotError('PLATFORM_ERROR', `${TOKEN_REJECTED}.`);
  }
  if (!response.ok) {
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `Discord answered ${response.status} when asked how many shards to run; try again in a minute.`,
    );
  }
  const parsed = gatewayBotSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    throw new CalfbotError('PLATFORM_ERROR', 'Discord sent gateway information calfbot does not understand.');
  }
  const { shards, session_start_limit: limit } = parsed.data;
  return {
    shards,
    maxConcurrency: limit.max_concurrency,
    remaining: limit.remaining,
    resetAfterMs: limit.reset_after,
  };
}
