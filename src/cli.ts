/**
 * calfbot's command line:
 *   calfbot [start]            run on Slack and/or Discord when their tokens are set, else a terminal chat
 *   calfbot converse           the JSON-lines door (../shared/eval/CONTRACT.md)
 *   calfbot register-commands  deploy the Discord slash commands (--clear-guild: delete the guild copy)
 * Arguments, --help, --version and the exit codes: ./cli/args.ts. Platform adapters are imported
 * (typed, dynamically) only when configured, so the terminal and converse start fast. Only `main`
 * exits the process: everything else returns or throws.
 */
import { config as loadDotenv } from 'dotenv';
import { runConverse } from '../adapters/jsonl/run-converse.js';
import { runTerminal } from '../adapters/terminal/run-terminal.js';
import { createBot } from './app/create-bot.js';
import { warmUp } from './app/warm-up.js';
import type { Bot } from './bot.js';
import { EXIT, exitCodeFor, parseArgs } from './cli/args.js';
import { type Config, loadConfig, slackEnabled, slackOAuth } from './config.js';
import { type CrashPolicy, installCrashPolicy } from './crash-policy.js';
import { isCalfbotError } from './errors.js';
import { observe } from './health/observe.js';
import { observeSupervisor } from './health/observe-shards.js';
import { createLogger, type Logger } from './log.js';

interface Running {
  stop(): Promise<void>;
  connected?(): boolean;
}

/** A mistake in how calfbot was started: one line, exit code 2. */
class UsageError extends Error {}

/** Set once the logger exists: uncaught errors are logged and handled (src/crash-policy.ts). */
let crash: CrashPolicy | undefined;

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
  const terminalChat = command === 'start' && !platformConfigured(config);
  const logger = createLogger(terminalChat && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL);
  crash = installCrashPolicy(logger);
  const signal = signalled(logger);
  try {
    const outcome = await run(command, args, config, logger, signal.received);
    signal.dispose();
    // A signal stopped us (everything is closed by now): exit, even with handles still open.
    if (outcome === 'signalled') process.exit(EXIT.OK);
  } catch (error) {
    signal.dispose();
    if (error instanceof UsageError) {
      process.stderr.write(`calfbot: ${error.message}\n`);
      process.exit(EXIT.USAGE);
    }
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

type Stopped = 'done' | 'signalled';

async function run(
  command: 'start' | 'converse' | 'register-commands',
  args: string[],
  config: Config,
  logger: Logger,
  signal: Promise<unknown>,
): Promise<Stopped> {
  switch (command) {
    case 'converse': {
      const bot = await createBot(config, logger);
      crash?.onFatal(() => bot.close());
      const health = observe(bot, logger);
      await health.serve(config.HEALTH_PORT);
      // Warmed after the first answer, not before it: spawn → first reply stays what it was
      // (and not at all when that was the only line).
      let answering = true;
      const done = runConverse({
        bot,
        input: process.stdin,
        output: process.stdout,
        logger,
        afterFirstLine: () => setImmediate(() => answering && warmUp(bot.knowledge, logger)),
      });
      const over = () => {
        answering = false;
      };
      done.then(over, over);
      const stopped = await untilEither(done, signal);
      await health.close();
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
      crash?.onFatal(async () => {
        for (const r of running.parts) await r.stop().catch(() => undefined);
      });
      // No platform configured: a chat in this terminal, until it ends or a signal comes.
      const stopped = running.terminal
        ? await untilEither(running.terminal, signal)
        : await signal.then(() => 'signalled' as const);
      for (const r of running.parts) await r.stop().catch(() => undefined);
      return stopped;
    }
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
  if (config.DISCORD_PUBLIC_KEY)
    throw new UsageError(
      '--shards is for the gateway; with DISCORD_PUBLIC_KEY (HTTP interactions) run several plain `calfbot start` processes on one store instead. See docs/discord.md.',
    );
  if (config.STORE_URL === 'memory:')
    throw new UsageError(
      '--shards needs a store the shards can share: STORE_URL=redis://... or sqlite:PATH.',
    );
  const { startShards } = await import('../adapters/discord/sharding.js');
  const sharded = await startShards({ config, logger, shards });
  const parts: Running[] = [sharded];
  let bot: Bot | null = null;
  if (slackEnabled(config)) {
    // Slack needs no sharding: it runs here, beside the shard supervisor, on the same store.
    const slackBot = await createBot(config, logger, { rateLimited: true });
    warmUp(slackBot.knowledge, logger);
    bot = slackBot;
    const { startSlack } = await import('../adapters/slack/index.js');
    const installations = await slackInstallations(config, logger);
    parts.push(
      await startSlack({ bot: slackBot, config, logger, ...(installations ? { installations } : {}) }),
      { stop: () => slackBot.close() },
      ...(installations ? [{ stop: () => installations.close() }] : []),
    );
  }
  const health = await observeSupervisor(config, logger, sharded, bot);
  if (health) parts.push(health);
  return { parts };
}

/** Slack (one bot token, or OAuth install mode) or Discord (gateway token, or HTTP interactions public key). */
const platformConfigured = (config: Config): boolean =>
  slackEnabled(config) || !!(config.DISCORD_TOKEN || config.DISCORD_PUBLIC_KEY);

/** OAuth install mode: the sealed installation records on the configured store. */
async function slackInstallations(config: Config, logger: Logger) {
  if (!slackOAuth(config) || !config.SLACK_INSTALLATION_KEY) return undefined;
  const { createSecretRecords, parseSealKey } = await import('./store/installation-store.js');
  return createSecretRecords(config.STORE_URL, parseSealKey(config.SLACK_INSTALLATION_KEY), {
    keyPrefix: config.STORE_KEY_PREFIX,
    logger,
  });
}

async function start(config: Config, logger: Logger): Promise<Started> {
  const terminal = !platformConfigured(config);
  // The local terminal is one trusted person at a keyboard: no rate limit there.
  const bot = await createBot(config, logger, { rateLimited: !terminal });
  // Before any event can arrive, so no one's first typo waits for the dictionary.
  if (!terminal) warmUp(bot.knowledge, logger);
  const health = observe(bot, logger);
  const parts: Running[] = [];
  // Discord over HTTP (DISCORD_PUBLIC_KEY): no gateway; on PORT beside Slack's /slack/events when
  // Slack runs in HTTP mode too, else on a server of its own on PORT.
  const discordHttp = config.DISCORD_PUBLIC_KEY
    ? (await import('../adapters/discord/http/start.js')).createDiscordHttp({ bot, config, logger })
    : undefined;
  const slackHttp = slackEnabled(config) && !config.SLACK_APP_TOKEN;
  if (slackEnabled(config)) {
    const { startSlack } = await import('../adapters/slack/index.js');
    const installations = await slackInstallations(config, logger);
    if (installations) parts.push({ stop: () => installations.close() });
    const routes = discordHttp ? [...health.routes, discordHttp.route] : health.routes;
    const slack = await startSlack({
      ...(installations ? { installations } : {}),
      bot,
      config,
      logger,
      routes,
      feedback: health.metrics.feedback,
    });
    parts.push(slack);
    if (slack.connected) health.watchPlatform('slack', slack.connected);
  }
  if (discordHttp) {
    if (!slackHttp) await discordHttp.listen(config.PORT, health.routes);
    parts.push(discordHttp);
    health.watchPlatform('discord', discordHttp.connected);
  } else if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    const discord = await startDiscord({ bot, config, logger });
    parts.push(discord);
    if (discord.connected) health.watchPlatform('discord', discord.connected);
  }
  await health.serve(config.HEALTH_PORT);
  parts.push({ stop: () => health.close() }, { stop: () => bot.close() });
  if (!terminal) {
    logger.info(
      {
        event: 'started',
        slack: slackEnabled(config),
        discord: discordHttp ? 'http' : !!config.DISCORD_TOKEN,
      },
      'calfbot is running',
    );
    return { parts };
  }
  const chat = runTerminal({
    bot,
    logger,
    input: process.stdin,
    output: process.stdout,
    colour: process.stdout.isTTY === true,
  });
  // The greeting is on screen: warm up while the person reads it and types.
  setImmediate(() => warmUp(bot.knowledge, logger));
  return { parts, terminal: chat };
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
