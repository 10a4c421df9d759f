/**
 * calfbot's command line:
 *   calfbot [start]            run on Slack and/or Discord when their tokens are set, else a terminal chat
 *   calfbot converse           the JSON-lines door (../shared/eval/CONTRACT.md)
 *   calfbot register-commands  deploy the Discord slash commands (--clear-guild: delete the guild copy)
 * Platform adapters are imported only when configured, so the terminal and converse start fast.
 */
import { config as loadDotenv } from 'dotenv';
import { runConverse } from '../adapters/jsonl/run-converse.js';
import { runTerminal } from '../adapters/terminal/run-terminal.js';
import { createBot } from './app/create-bot.js';
import type { Bot } from './bot.js';
import { type Config, loadConfig } from './config.js';
import { type CrashPolicy, installCrashPolicy } from './crash-policy.js';
import { isCalfbotError } from './errors.js';
import { createLogger, type Logger } from './log.js';

interface Running {
  stop(): Promise<void>;
}
type Starter = (opts: { bot: Bot; config: Config; logger: Logger }) => Promise<Running>;

const USAGE = `usage: calfbot [start [--shards auto|N] | converse | register-commands [--clear-guild] | help]
  start              Slack and/or Discord when their tokens are set; otherwise a chat in this terminal
    --shards auto|N  run Discord under discord.js's ShardingManager, one process per shard
                     (share one store between them: STORE_URL=redis://... or one SQLite file)
  converse           JSON lines on stdin/stdout (see README)
  register-commands  deploy /calves to DISCORD_GUILD_ID (or globally without it)
    --clear-guild    delete calfbot's commands from DISCORD_GUILD_ID (the global ones stay)`;

/** Set once the logger exists: uncaught errors are logged and handled (src/crash-policy.ts). */
let crash: CrashPolicy | undefined;

async function importAdapter<T>(relative: string): Promise<T> {
  return (await import(new URL(relative, import.meta.url).href)) as T;
}

export async function main(argv: string[]): Promise<void> {
  loadDotenv({ quiet: true });
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`calfbot: ${(error as Error).message}\n`);
    process.exit(2);
  }
  // In the terminal chat, routine logs would land between the lines of the conversation.
  const terminalChat = command === 'start' && !config.SLACK_BOT_TOKEN && !config.DISCORD_TOKEN;
  const logger = createLogger(terminalChat && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL);
  crash = installCrashPolicy(logger);
  try {
    switch (command) {
      case 'converse':
        return await converse(config, logger);
      case 'register-commands': {
        const discord = await importAdapter<{
          registerCommands: (o: {
            config: Config;
            logger: Logger;
            print: (l: string) => void;
            clearGuild?: boolean;
          }) => Promise<void>;
        }>('../adapters/discord/index.js');
        await discord.registerCommands({
          config,
          logger,
          print: (l) => process.stdout.write(`${l}\n`),
          clearGuild: argv.slice(1).includes('--clear-guild'),
        });
        return;
      }
      case 'start': {
        const shards = shardsOption(argv.slice(1));
        if (shards !== null) return await startSharded(config, logger, shards);
        return await start(config, logger);
      }
      default:
        process.stderr.write(`calfbot: unknown command "${command}".\n${USAGE}\n`);
        process.exit(2);
    }
  } catch (error) {
    const message = isCalfbotError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    process.stderr.write(`calfbot: ${message}\n`);
    logger.fatal(
      { event: 'fatal', code: isCalfbotError(error) ? error.code : 'INTERNAL' },
      'calfbot stopped',
    );
    process.exit(1);
  }
}

async function converse(config: Config, logger: Logger): Promise<void> {
  const bot = await createBot(config, logger);
  crash?.onFatal(() => bot.close());
  const stop = onSignal(() => bot.close());
  await runConverse({ bot, input: process.stdin, output: process.stdout, logger });
  await bot.close();
  stop();
}

function shardsOption(args: string[]): 'auto' | number | null {
  const i = args.findIndex((a) => a === '--shards' || a.startsWith('--shards='));
  if (i < 0) return null;
  const value = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    process.stderr.write('calfbot: --shards takes "auto" or a whole number of shards, e.g. --shards 2\n');
    process.exit(2);
  }
  return n;
}

/** Discord under ShardingManager: this process only supervises; each shard runs its own Bot. */
async function startSharded(config: Config, logger: Logger, shards: 'auto' | number): Promise<void> {
  if (!config.DISCORD_TOKEN) {
    process.stderr.write(
      'calfbot: --shards needs DISCORD_TOKEN (sharding is for Discord). See docs/discord.md.\n',
    );
    process.exit(2);
  }
  if (config.STORE_URL === 'memory:') {
    process.stderr.write(
      'calfbot: --shards needs a store the shards can share: STORE_URL=redis://... or sqlite:PATH.\n',
    );
    process.exit(2);
  }
  const { startShards } = await importAdapter<{
    startShards: (o: { config: Config; logger: Logger; shards: 'auto' | number }) => Promise<Running>;
  }>('../adapters/discord/sharding.js');
  const running: Running[] = [];
  // Installed before the shards start, so a SIGTERM during a slow start still stops them.
  const stopAll = async () => {
    for (const r of running) await r.stop().catch(() => undefined);
  };
  crash?.onFatal(stopAll);
  onSignal(stopAll);
  running.push(await startShards({ config, logger, shards }));
  if (config.SLACK_BOT_TOKEN) {
    // Slack needs no sharding: it runs here, beside the shard supervisor, on the same store.
    const bot = await createBot(config, logger, { rateLimited: true });
    const { startSlack } = await importAdapter<{ startSlack: Starter }>('../adapters/slack/index.js');
    running.push(await startSlack({ bot, config, logger }), { stop: () => bot.close() });
  }
}

async function start(config: Config, logger: Logger): Promise<void> {
  const bot = await createBot(config, logger, { rateLimited: true });
  const running: Running[] = [];
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await importAdapter<{ startSlack: Starter }>('../adapters/slack/index.js');
    running.push(await startSlack({ bot, config, logger }));
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await importAdapter<{ startDiscord: Starter }>('../adapters/discord/index.js');
    running.push(await startDiscord({ bot, config, logger }));
  }
  const shutdown = async () => {
    for (const r of running) await r.stop().catch(() => undefined);
    await bot.close();
  };
  crash?.onFatal(shutdown);
  if (running.length > 0) {
    logger.info(
      { event: 'started', slack: !!config.SLACK_BOT_TOKEN, discord: !!config.DISCORD_TOKEN },
      'calfbot is running',
    );
    onSignal(shutdown);
    return;
  }
  const stop = onSignal(shutdown);
  await runTerminal({
    bot,
    input: process.stdin,
    output: process.stdout,
    colour: process.stdout.isTTY === true,
  });
  await shutdown();
  stop();
}

/** SIGTERM / SIGINT: finish in-flight turns, close connections and the store, exit 0. */
function onSignal(cleanup: () => Promise<void>): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    createLogger().info({ event: 'shutdown', signal }, 'shutting down');
    cleanup()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
