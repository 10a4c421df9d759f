/**
 * calfbot's command line:
 *   calfbot [start]            run on Slack and/or Discord when their tokens are set, else a terminal chat
 *   calfbot converse           the JSON-lines door (../shared/eval/CONTRACT.md)
 *   calfbot register-commands  deploy the Discord slash commands (--clear-guild: delete the guild copy)
 * Arguments, --help, --version and the exit codes: ./cli/args.ts.
 * Platform adapters are imported only when configured, so the terminal and converse start fast.
 */
import { config as loadDotenv } from 'dotenv';
import { runConverse } from '../adapters/jsonl/run-converse.js';
import { runTerminal } from '../adapters/terminal/run-terminal.js';
import { createBot } from './app/create-bot.js';
import type { Bot } from './bot.js';
import { EXIT, exitCodeFor, parseArgs } from './cli/args.js';
import { type Config, loadConfig } from './config.js';
import { isCalfbotError } from './errors.js';
import { observe } from './health/observe.js';
import { observeSupervisor } from './health/observe-shards.js';
import { createLogger, type Logger } from './log.js';

interface Running {
  stop(): Promise<void>;
  connected?(): boolean;
}
type Starter = (opts: { bot: Bot; config: Config; logger: Logger; routes?: unknown }) => Promise<Running>;

async function importAdapter<T>(relative: string): Promise<T> {
  return (await import(new URL(relative, import.meta.url).href)) as T;
}

export async function main(argv: string[]): Promise<void> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'print') return void process.stdout.write(`${parsed.text}\n`);
  if (parsed.kind === 'usage-error') {
    process.stderr.write(`calfbot: ${parsed.message}\n`);
    process.exit(EXIT.USAGE);
  }
  const { command, args } = parsed;
  loadDotenv({ quiet: true }); // .env in the working directory (npm start: the calfbot folder)
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`calfbot: ${(error as Error).message}\n`);
    process.exit(EXIT.USAGE);
  }
  // In the terminal chat, routine logs would land between the lines of the conversation.
  const terminalChat = command === 'start' && !config.SLACK_BOT_TOKEN && !config.DISCORD_TOKEN;
  const logger = createLogger(terminalChat && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL);
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
          clearGuild: args.includes('--clear-guild'),
        });
        return;
      }
      case 'start': {
        const shards = shardsOption(args);
        if (shards !== null) return await startSharded(config, logger, shards);
        return await start(config, logger);
      }
    }
  } catch (error) {
    const message = isCalfbotError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    process.stderr.write(`calfbot: ${message}\n`);
    const exitCode = exitCodeFor(error);
    // A configuration mistake is the one line above; a runtime failure is also logged.
    if (exitCode === EXIT.RUNTIME)
      logger.fatal(
        { event: 'fatal', code: isCalfbotError(error) ? error.code : 'INTERNAL' },
        'calfbot stopped',
      );
    process.exit(exitCode);
  }
}

async function converse(config: Config, logger: Logger): Promise<void> {
  const bot = await createBot(config, logger);
  const health = observe(bot, logger);
  const close = async () => {
    await health.close();
    await bot.close();
  };
  const stop = onSignal(close);
  await health.serve(config.HEALTH_PORT);
  await runConverse({ bot, input: process.stdin, output: process.stdout, logger });
  await close();
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
    process.exit(EXIT.USAGE);
  }
  return n;
}

/** Discord under ShardingManager: this process only supervises; each shard runs its own Bot. */
async function startSharded(config: Config, logger: Logger, shards: 'auto' | number): Promise<void> {
  if (!config.DISCORD_TOKEN) {
    process.stderr.write(
      'calfbot: --shards needs DISCORD_TOKEN (sharding is for Discord). See docs/discord.md.\n',
    );
    process.exit(EXIT.USAGE);
  }
  if (config.STORE_URL === 'memory:') {
    process.stderr.write(
      'calfbot: --shards needs a store the shards can share: STORE_URL=redis://... or sqlite:PATH.\n',
    );
    process.exit(EXIT.USAGE);
  }
  const { startShards } = await importAdapter<{
    startShards: (o: { config: Config; logger: Logger; shards: 'auto' | number }) => Promise<Running>;
  }>('../adapters/discord/sharding.js');
  const running: Running[] = [];
  // Installed before the shards start, so a SIGTERM during a slow start still stops them.
  onSignal(async () => {
    for (const r of running) await r.stop().catch(() => undefined);
  });
  const sharded = await startShards({ config, logger, shards });
  running.push(sharded);
  let bot: Bot | null = null;
  if (config.SLACK_BOT_TOKEN) {
    // Slack needs no sharding: it runs here, beside the shard supervisor, on the same store.
    bot = await createBot(config, logger, { rateLimited: true });
    const { startSlack } = await importAdapter<{ startSlack: Starter }>('../adapters/slack/index.js');
    running.push(await startSlack({ bot, config, logger }), { stop: () => (bot as Bot).close() });
  }
  const health = await observeSupervisor(config, logger, sharded, bot);
  if (health) running.push(health);
}

async function start(config: Config, logger: Logger): Promise<void> {
  const terminal = !config.SLACK_BOT_TOKEN && !config.DISCORD_TOKEN;
  // The local terminal is one trusted person at a keyboard: no rate limit there.
  const bot = await createBot(config, logger, { rateLimited: !terminal });
  const health = observe(bot, logger);
  const running: Running[] = [];
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await importAdapter<{ startSlack: Starter }>('../adapters/slack/index.js');
    const slack = await startSlack({ bot, config, logger, routes: health.routes });
    running.push(slack);
    if (slack.connected) health.watchPlatform('slack', slack.connected);
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await importAdapter<{ startDiscord: Starter }>('../adapters/discord/index.js');
    const discord = await startDiscord({ bot, config, logger });
    running.push(discord);
    if (discord.connected) health.watchPlatform('discord', discord.connected);
  }
  await health.serve(config.HEALTH_PORT);
  const shutdown = async () => {
    for (const r of running) await r.stop().catch(() => undefined);
    await health.close();
    await bot.close();
  };
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
