/**
 * Health for `calfbot start --shards`: the supervising process serves HEALTH_PORT (when set).
 * /readyz checks the store (a connection of its own unless Slack runs here beside the shards)
 * and that every shard process is up with its gateway connection ready. The shards' turns are
 * counted inside the shard processes and are not on this /metrics (Slack's turns are, when
 * Slack runs here).
 */
import type { Bot } from '../bot.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createStore } from '../store/create-store.js';
import { observe } from './observe.js';

export async function observeSupervisor(
  config: Config,
  logger: Logger,
  shards: { connected?: () => boolean },
  bot: Bot | null,
): Promise<{ stop(): Promise<void> } | null> {
  if (config.HEALTH_PORT === undefined) return null;
  const ownStore = bot
    ? null
    : await createStore(config.STORE_URL, { logger, keyPrefix: config.STORE_KEY_PREFIX, sweepIntervalMs: 0 });
  const health = observe(bot, logger, bot?.store ?? ownStore ?? undefined);
  if (shards.connected) health.watchPlatform('discord', shards.connected);
  await health.serve(config.HEALTH_PORT);
  return {
    async stop() {
      await health.close();
      await ownStore?.close();
    },
  };
}
