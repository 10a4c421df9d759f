/**
 * One Discord shard, as a process forked by the ShardingManager (sharding.ts). It reads the
 * configuration like `calfbot start` does, runs its own Bot on the shared store and connects as
 * the shard named by SHARDS / SHARD_COUNT, which the manager sets and discord.js's Client reads by
 * itself. SIGTERM / SIGINT (or losing the manager) stop it gracefully: finish the turns in
 * progress, disconnect, close the store, exit 0.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { createBot } from '../../src/app/create-bot.js';
import { warmUp } from '../../src/app/warm-up.js';
import type { Bot } from '../../src/bot.js';
import { type Config, loadConfig } from '../../src/config.js';
import { installCrashPolicy } from '../../src/crash-policy.js';
import { isCalfbotError } from '../../src/errors.js';
import { createLogger, type Logger } from '../../src/log.js';
import { type DiscordHandle, startDiscord } from './index.js';

const shardEnvSchema = z.object({
  SHARDS: z.coerce.number().int().min(0),
  SHARD_COUNT: z.coerce.number().int().min(1),
});

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const shardEnv = shardEnvSchema.safeParse(process.env);
  if (!shardEnv.success) {
    process.stderr.write(
      'calfbot: this file runs one Discord shard; start shards with `calfbot start --shards auto|N`.\n',
    );
    process.exit(2);
  }
  const { SHARDS: shard, SHARD_COUNT: shardCount } = shardEnv.data;
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`calfbot shard ${shard}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL).child({ shard });

  let bot: Bot | undefined;
  let discord: DiscordHandle | undefined;
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', reason }, 'shard shutting down');
    (async () => {
      await discord?.stop().catch(() => undefined);
      await bot?.close().catch(() => undefined);
    })().finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  installCrashPolicy(logger).onFatal(async () => {
    await discord?.stop().catch(() => undefined);
    await bot?.close().catch(() => undefined);
  });
  // The manager went away (it crashed or was killed): do not linger as an orphan.
  process.on('disconnect', () => shutdown('manager gone'));
  // discord.js reports to the manager over IPC; once that channel is closed, sends fail.
  process.on('error', (error) => logger.debug({ event: 'shard_ipc_error', err: { name: error.name } }));

  try {
    bot = await createBot(config, logger, { rateLimited: true });
    warmUp(bot.knowledge, logger);
    if (stopping) return;
    discord = await startDiscord({ bot, config, logger });
  } catch (error) {
    if (stopping) return;
    fail(logger, shard, error);
    await bot?.close().catch(() => undefined);
    process.exit(1);
  }
  if (stopping) return; // a signal came while connecting: shutdown() is already under way
  logger.info(
    { event: 'discord_shard_started', shard, shardCount, pid: process.pid },
    `shard ${shard} of ${shardCount} is running`,
  );
}

function fail(logger: Logger, shard: number, error: unknown): void {
  const message = isCalfbotError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
  process.stderr.write(`calfbot shard ${shard}: ${message}\n`);
  logger.fatal(
    { event: 'fatal', code: isCalfbotError(error) ? error.code : 'INTERNAL' },
    'shard could not start',
  );
}

await main();
