/**
 * The Discord adapter: `startDiscord` connects to the gateway and answers `/calves`, component
 * clicks, modals and DMs through the Bot; `registerCommands` deploys the slash command.
 * A shard process (ShardingManager) can call `startDiscord` as is.
 */
import { once } from 'node:events';
import { type Client, Events } from 'discord.js';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
import { createDiscordClient, type RestTuning } from './client.js';
import { discordConnected } from './connection-state.js';
import type { TurnBot } from './handlers/deps.js';
import { onDirectMessage } from './handlers/direct-message.js';
import { routeInteraction } from './handlers/route.js';
import { ACK_BUDGET_MS_DEFAULT } from './limits.js';
import { discordToken, TOKEN_REJECTED } from './token.js';

export { inviteUrl, userInstallUrl } from './invite-url.js';
export { registerCommands } from './register-commands.js';
export type { TurnBot };

export interface StartDiscordOptions {
  bot: TurnBot;
  config: Config;
  logger: Logger;
  /** Answer directly when a turn takes less than this, else defer first (default 2 s). */
  ackBudgetMs?: number;
  rest?: RestTuning;
  /** How long to wait for the gateway's READY (default 30 s). */
  readyTimeoutMs?: number;
}

export interface DiscordHandle {
  client: Client;
  /** Resolves when no event is being handled (tests and the bench wait on it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the gateway connection is up (for /readyz). */
  connected(): boolean;
}

const STOP_GRACE_MS = 10_000;

/** Gateway close codes that end a connection for good, in words an operator can act on. */
const FATAL_CLOSE: Record<number, string> = {
  4004: TOKEN_REJECTED,
  4010: 'Discord refused the shard settings (invalid shard): check --shards',
  4011: 'Discord requires sharding for this bot (too many servers for one connection): start it with `calfbot start --shards auto`',
  4013: 'Discord refused the gateway intents calfbot asks for (Guilds, Direct Messages)',
  4014: 'Discord refused the gateway intents calfbot asks for (Guilds, Direct Messages)',
};

export async function startDiscord(opts: StartDiscordOptions): Promise<DiscordHandle> {
  const { bot, config, logger } = opts;
  const token = discordToken(config);
  const client = createDiscordClient(config, opts.rest);
  const deps = { bot, logger, ackBudgetMs: opts.ackBudgetMs ?? ACK_BUDGET_MS_DEFAULT };
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    work.finally(() => inFlight.delete(work)).catch(() => {});
  };

  client.on(Events.InteractionCreate, (interaction) => track(routeInteraction(interaction, deps)));
  client.on(Events.MessageCreate, (message) => track(onDirectMessage(message, deps)));
  client.on(Events.Error, (error) =>
    logger.error({ event: 'discord_client_error', err: describeError(error) }, 'Discord client error'),
  );
  client.on(Events.Warn, (warning) =>
    logger.warn({ event: 'discord_warning', warning: warning.slice(0, 200) }, 'Discord warning'),
  );
  let closeCode: number | undefined;
  const onDisconnect = (event: { code?: number }, shard: number) => {
    closeCode = event?.code;
    logger.warn({ event: 'discord_disconnect', shard, code: closeCode }, 'gateway disconnected');
  };
  const onReconnecting = (shard: number) =>
    logger.info({ event: 'discord_reconnecting', shard }, 'gateway reconnecting');
  client.on(Events.ShardDisconnect, onDisconnect);
  client.on(Events.ShardReconnecting, onReconnecting);

  const readyTimeout = AbortSignal.timeout(opts.readyTimeoutMs ?? 30_000);
  const ready = once(client, Events.ClientReady, { signal: readyTimeout });
  ready.catch(() => {});
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy().catch(() => {});
    const summary = describeError(error);
    logger.error({ event: 'discord_login_failed', err: summary, closeCode }, 'could not connect to Discord');
    const reason =
      summary.status === 401 || summary.code === 'TokenInvalid'
        ? TOKEN_REJECTED
        : closeCode !== undefined && FATAL_CLOSE[closeCode]
          ? FATAL_CLOSE[closeCode]
          : readyTimeout.aborted
            ? 'the Discord gateway did not get ready in time'
            : `could not connect to Discord (${summary.status ?? summary.code ?? summary.name})`;
    throw new CalfbotError('PLATFORM_ERROR', `${reason}.`, { cause: error });
  }
  logger.info(
    { event: 'discord_ready', user: client.user?.id, shards: client.ws.shards.map((s) => s.id) },
    'connected to Discord',
  );

  let stopped = false;
  return {
    client,
    connected: () => !stopped && discordConnected(client),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.MessageCreate);
      // Closing the connection ourselves is not a disconnect to warn about.
      client.off(Events.ShardDisconnect, onDisconnect);
      client.off(Events.ShardReconnecting, onReconnecting);
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      await client.destroy();
      logger.info({ event: 'discord_stopped' }, 'disconnected from Discord');
    },
  };
}
