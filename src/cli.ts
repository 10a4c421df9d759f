/**
 * calfbot's command line:
 *   calfbot [start]            run on Slack and/or Discord when their tokens are set, else a terminal chat
 *   calfbot converse           the JSON-lines door (../shared/eval/CONTRACT.md)
 *   calfbot register-commands  deploy the Discord slash commands (--clear-guild: delete the guild copy)
 * Platform adapters are imported (typed, dynamically) only when configured, so the terminal and
 * converse start fast. Only `main` exits the process: everything else returns or throws.
 */
import { config as loadDotenv } from 'dotenv';
import { runConverse } from '../adapters/jsonl/run-converse.js';
import { runTerminal } from '../adapters/terminal/run-terminal.js';
import { createBot } from './app/create-bot.js';
import { type Config, loadConfig } from './config.js';
import { isCalfbotError } from './errors.js';
import { createLogger, type Logger } from './log.js';

interface Running {
  stop(): Promise<void>;
}

/** A mistake in how calfbot was started: one line, exit code 2. */
class UsageError extends Error {}

const USAGE = `usage: calfbot [start [--shards auto|N] | converse | register-commands [--clear-guild] | help]
  start              Slack and/or Discord when their tokens are set; otherwise a chat in this terminal
    --shards auto|N  run Discord under discord.js's ShardingManager, one process per shard
                     (share one store between them: STORE_URL=redis://... or one SQLite file)
  converse           JSON lines on stdin/stdout (see README)
  register-commands  deploy /calves to DISCORD_GUILD_ID (or globally without it)
    --clear-guild    delete calfbot's commands from DISCORD_GUILD_ID (the global ones stay)`;

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
  const signal = signalled(logger);
  try {
    const outcome = await run(command, argv.slice(1), config, logger, signal.received);
    signal.dispose();
    // A signal stopped us (everything is closed by now): exit, even with handles still open.
    if (outcome === 'signalled') process.exit(0);
  } catch (error) {
    signal.dispose();
    if (error instanceof UsageError) {
      process.stderr.write(`calfbot: ${error.message}\n`);
      process.exit(2);
    }
    const message = isCalfbotError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    process.stderr.write(`calfbot: ${message}\n`);
    logger.fatal(
      { event: 'fatal', code: isCalfbotError(error) ? error.code : 'INTERNAL' },
      'calfbot stopped',
    );
    process.exit(1);
  }
}

type Stopped = 'done' | 'signalled';

async function run(
  command: string,
  args: string[],
  config: Config,
  logger: Logger,
  signal: Promise<unknown>,
): Promise<Stopped> {
  switch (command) {
    case 'converse': {
      const bot = await createBot(config, logger);
      const done = runConverse({ bot, input: process.stdin, output: process.stdout, logger });
      const stopped = await untilEither(done, signal);
      await bot.close();
      return stopped;
    }
    case 'register-commands': {
      const discord = await import('../adapters/discord/index.js');
      await discord.registerCommands({
        config,
        logger,
        print: (l) => process.stdout.write(`${l}\n`),
        clearGuild: args.includes('--clear-guild'),
      });
      return 'done';
    }
    case 'start': {
      const shards = shardsOption(args);
      const running =
        shards !== null ? await startSharded(config, logger, shards) : await start(config, logger);
      // No platform configured: a chat in this terminal, until it ends or a signal comes.
      const stopped = running.terminal
        ? await untilEither(running.terminal, signal)
        : await signal.then(() => 'signalled' as const);
      for (const r of running.parts) await r.stop().catch(() => undefined);
      return stopped;
    }
    default:
      throw new UsageError(`unknown command "${command}".\n${USAGE}`);
  }
}

const untilEither = (work: Promise<unknown>, signal: Promise<unknown>): Promise<Stopped> =>
  Promise.race([work.then(() => 'done' as const), signal.then(() => 'signalled' as const)]);

function shardsOption(args: string[]): 'auto' | number | null {
  const i = args.findIndex((a) => a === '--shards' || a.startsWith('--shards='));
  if (i < 0) return null;
  const value = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new UsageError('--shards takes "auto" or a whole number of shards, e.g. --shards 2');
  return n;
}

interface Started {
  /** What to stop, in order, on the way out. */
  parts: Running[];
  /** The terminal chat, when no platform is configured: resolves when the person leaves. */
  terminal?: Promise<void>;
}

/** Discord under ShardingManager: this process only supervises; each shard runs its own Bot. */
async function startSharded(config: Config, logger: Logger, shards: 'auto' | number): Promise<Started> {
  if (!config.DISCORD_TOKEN)
    throw new UsageError('--shards needs DISCORD_TOKEN (sharding is for Discord). See docs/discord.md.');
  if (config.STORE_URL === 'memory:')
    throw new UsageError(
      '--shards needs a store the shards can share: STORE_URL=redis://... or sqlite:PATH.',
    );
  const { startShards } = await import('../adapters/discord/sharding.js');
  const parts: Running[] = [await startShards({ config, logger, shards })];
  if (config.SLACK_BOT_TOKEN) {
    // Slack needs no sharding: it runs here, beside the shard supervisor, on the same store.
    const bot = await createBot(config, logger, { rateLimited: true });
    const { startSlack } = await import('../adapters/slack/index.js');
    parts.push(await startSlack({ bot, config, logger }), { stop: () => bot.close() });
  }
  return { parts };
}

async function start(config: Config, logger: Logger): Promise<Started> {
  const bot = await createBot(config, logger, { rateLimited: true });
  const parts: Running[] = [];
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('../adapters/slack/index.js');
    parts.push(await startSlack({ bot, config, logger }));
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    parts.push(await startDiscord({ bot, config, logger }));
  }
  const platforms = parts.length > 0;
  parts.push({ stop: () => bot.close() });
  if (platforms) {
    logger.info(
      { event: 'started', slack: !!config.SLACK_BOT_TOKEN, discord: !!config.DISCORD_TOKEN },
      'calfbot is running',
    );
    return { parts };
  }
  const terminal = runTerminal({
    bot,
    logger,
    input: process.stdin,
    output: process.stdout,
    colour: process.stdout.isTTY === true,
  });
  return { parts, terminal };
}

/** SIGTERM / SIGINT: `received` resolves with the first one (then in-flight turns finish and all closes). */
function signalled(logger: Logger): { received: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    let stopping = false;
    handler = (signal) => {
      if (stopping) return; // a second Ctrl-C while closing changes nothing
      stopping = true;
      logger.info({ event: 'shutdown', signal }, 'shutting down');
      resolve(signal);
    };
  });
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return {
    received,
    dispose() {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
    },
  };
}
