/**
 * The Slack adapter: `startSlack({ bot, config, logger })` builds the Bolt app (Socket Mode or
 * HTTP), wires DMs, mentions, `/calves` and button clicks to the Bot, and starts it.
 * `stop()` lets running turns finish, then disconnects.
 */
import type { Bot } from '../../src/bot.js';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { buildApp, type RetryConfig, SLACK_EVENTS_PATH, slackMode } from './app.js';
import { registerActions } from './handlers/actions.js';
import { registerMessageHandlers } from './handlers/messages.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import type { HttpLimits } from './http-receiver.js';
import { InFlight } from './in-flight.js';
import { OpenQuestions } from './open-questions.js';
import { RecentEvents } from './recent-events.js';
import { describeSlackError } from './slack-errors.js';
import type { ConversationBot, SlackContext } from './turn.js';

export interface StartSlackOptions {
  bot: Bot | ConversationBot;
  config: Config;
  logger: Logger;
  /** Web API retry policy (tests use a quick one). */
  retryConfig?: RetryConfig;
  /** HTTP mode: the interface to listen on (default: all). */
  host?: string;
  /** HTTP mode: body, header, socket and clock limits (tests shorten them). */
  httpLimits?: Partial<HttpLimits>;
}

export interface SlackHandle {
  stop(): Promise<void>;
  /** HTTP mode: the port actually listened on (useful with PORT=0). */
  port?: number;
  mode: 'socket' | 'http';
  /** Resolves when every request received so far has been fully handled. */
  idle(): Promise<void>;
}

/** How long stop() waits for running turns before disconnecting anyway. */
const STOP_GRACE_MS = 10_000;

export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { bot, config, logger } = options;
  const mode = slackMode(config);
  const app = buildApp({
    config,
    logger,
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
  });
  const inFlight = new InFlight();
  const ctx: SlackContext = {
    bot,
    logger,
    inFlight,
    recent: new RecentEvents(),
    openQuestions: new OpenQuestions(),
    render: { findingLabel: (id) => bot.knowledge?.findings.get(id)?.label ?? id.replace(/_/g, ' ') },
  };

  // Track every request from the moment a receiver hands it over (before ack), so idle() and
  // stop() also cover the turn that runs after the acknowledgement.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inFlight.track(() => processEvent(event));

  app.error(async (error) => {
    logger.error({ event: 'slack_listener_error', ...describeSlackError(error) }, 'slack listener failed');
  });
  registerMessageHandlers(app, ctx);
  registerSlashCommand(app, ctx);
  registerActions(app, ctx);

  try {
    await app.init();
  } catch (error) {
    throw new CalfbotError('PLATFORM_ERROR', authFailure(describeSlackError(error), config), {
      cause: error,
    });
  }

  let port: number | undefined;
  try {
    if (mode === 'socket') {
      await app.start();
    } else {
      const server = (await app.start({
        port: config.PORT,
        ...(options.host ? { host: options.host } : {}),
      })) as unknown as {
        address(): { port: number } | string | null;
      };
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : config.PORT;
    }
  } catch (error) {
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `Could not start the Slack app in ${mode} mode (${describeSlackError(error).code}).`,
      {
        cause: error,
      },
    );
  }
  logger.info(
    { event: 'slack_started', mode, ...(port !== undefined ? { port, path: SLACK_EVENTS_PATH } : {}) },
    'slack adapter started',
  );

  let stopped = false;
  return {
    mode,
    ...(port !== undefined ? { port } : {}),
    idle: () => inFlight.idle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.race([inFlight.idle(), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      await app.stop();
      logger.info({ event: 'slack_stopped', mode }, 'slack adapter stopped');
    },
  };
}

/** Why auth.test failed, in words an operator can act on (a refused token is not a network error). */
function authFailure(failure: ReturnType<typeof describeSlackError>, config: Config): string {
  const where = config.SLACK_API_URL ? 'SLACK_API_URL' : 'slack.com';
  if (failure.code === 'slack_webapi_request_error')
    return `Could not reach Slack (${where}) to check SLACK_BOT_TOKEN: check the network or SLACK_API_URL.`;
  if (failure.code === 'slack_webapi_http_error' || failure.code === 'slack_webapi_rate_limited_error')
    return `Slack (${where}) answered auth.test with HTTP ${failure.status ?? 'error'}${failure.code.includes('rate') ? ' (rate limited)' : ''}; try again in a minute.`;
  return `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${failure.apiError ?? failure.code}). Check the token and that the app is installed.`;
}
