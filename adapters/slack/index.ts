/**
 * The Slack adapter: `startSlack({ bot, config, logger })` builds the Bolt app (Socket Mode or
 * HTTP), wires DMs, mentions, `/calves` and button clicks to the Bot, and starts it.
 * `stop()` lets running turns finish, then disconnects.
 */

import type { InstallationQuery, InstallationStore, InstallProvider } from '@slack/oauth';
import type { Bot } from '../../src/bot.js';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import { FeedbackCounts } from '../../src/feedback.js';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
import { QuestionMessages } from '../shared/question-messages.js';
import { API_TIMEOUT_MS, buildApp, type RetryConfig, SLACK_EVENTS_PATH, slackMode } from './app.js';
import { trackSlackConnection } from './connection-state.js';
import { registerFeedback } from './feedback.js';
import { registerActions } from './handlers/actions.js';
import { registerAssistant } from './handlers/assistant.js';
import { careRegion, registerHome } from './handlers/home.js';
import { registerMessageHandlers } from './handlers/messages.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import { registerUninstall } from './handlers/uninstall.js';
import type { ExtraRoute, HttpLimits } from './http-receiver.js';
import { InFlight } from './in-flight.js';
import { SlackLocales } from './locale.js';
import { installProvider, type SecretRecordsLike, sealedInstallationStore } from './oauth.js';
import type { SlackContext, TurnBot } from './turn.js';
import { slackFetch } from './web-api-fetch.js';

export interface StartSlackOptions {
  bot: TurnBot;
  config: Config;
  logger: Logger;
  /** Web API retry policy (tests use a quick one). */
  retryConfig?: RetryConfig;
  /** HTTP mode: the interface to listen on (default: all). */
  host?: string;
  /** HTTP mode: more routes on PORT (/healthz, /readyz, /metrics). */
  routes?: ExtraRoute[];
  /** HTTP mode: body, header, socket and clock limits (tests shorten them). */
  httpLimits?: Partial<HttpLimits>;
  /** OAuth install mode (SLACK_CLIENT_ID): where installations are kept, sealed (the core's store). */
  installations?: SecretRecordsLike;
  /** Where "was this helpful?" answers are counted (calfbot's Metrics.feedback; default: a new one). */
  feedback?: FeedbackCounts;
}

export interface SlackHandle {
  /** The anonymous feedback counts (advice level × verdict). */
  feedback: FeedbackCounts;
  stop(): Promise<void>;
  /** HTTP mode: the port actually listened on (useful with PORT=0). */
  port?: number;
  mode: 'socket' | 'http';
  /** Resolves when every request received so far has been fully handled. */
  idle(): Promise<void>;
  /** Whether the connection to Slack is up (Socket Mode can drop and reconnect). */
  connected(): boolean;
}

/** How long stop() waits for running turns before disconnecting anyway. */
const STOP_GRACE_MS = 10_000;

export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { bot, config, logger } = options;
  const mode = slackMode(config);
  let installer: InstallProvider | undefined;
  let installationStore: InstallationStore | undefined;
  if (config.SLACK_CLIENT_ID) {
    if (!options.installations)
      throw new CalfbotError('CONFIG_INVALID', 'OAuth install mode needs an installation store (STORE_URL).');
    installationStore = sealedInstallationStore(options.installations);
    installer = installProvider(config, installationStore, logger);
  }
  const http = slackFetch({ timeoutMs: API_TIMEOUT_MS });
  const app = buildApp({
    ...(installer ? { installer } : {}),
    http,
    config,
    logger,
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
  });
  const connected = trackSlackConnection(app, mode);
  const inFlight = new InFlight();
  const ctx: SlackContext = {
    bot,
    logger,
    inFlight,
    questions: new QuestionMessages(),
    locales: new SlackLocales(logger),
  };

  // Track every request from the moment a receiver hands it over (before ack), so idle() and
  // stop() also cover the turn that runs after the acknowledgement.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inFlight.track(() => processEvent(event));

  app.error(async (error) => {
    logger.error({ event: 'slack_listener_error', ...describeError(error) }, 'slack listener failed');
  });
  registerAssistant(app, ctx);
  registerMessageHandlers(app, ctx);
  registerSlashCommand(app, ctx);
  registerActions(app, ctx);
  const feedback = options.feedback ?? new FeedbackCounts();
  registerFeedback(app, ctx, feedback);
  const store = installationStore;
  registerUninstall(
    app,
    ctx,
    store?.deleteInstallation
      ? {
          deleteInstallation: (q) =>
            store.deleteInstallation!({
              isEnterpriseInstall: false,
              teamId: q.teamId,
              ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
            } as InstallationQuery<boolean>),
        }
      : {},
  );
  const care = (bot as Partial<Pick<Bot, 'knowledge'>>).knowledge?.care;
  const defaultRegion = careRegion(care, config.EMERGENCY_REGION);
  registerHome(app, ctx, {
    ...(care ? { care } : {}),
    ...(defaultRegion ? { defaultRegion } : {}),
    ttlHours: config.CONVERSATION_TTL_HOURS,
  });

  try {
    await app.init();
  } catch (error) {
    await http.close();
    throw new CalfbotError('PLATFORM_ERROR', authFailure(describeError(error), config), {
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
    await http.close();
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `Could not start the Slack app in ${mode} mode (${describeError(error).code ?? describeError(error).name}).`,
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
    feedback,
    ...(port !== undefined ? { port } : {}),
    idle: () => inFlight.idle(),
    connected: () => !stopped && connected(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.race([inFlight.idle(), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      await app.stop();
      await http.close();
      logger.info({ event: 'slack_stopped', mode }, 'slack adapter stopped');
    },
  };
}

/** Why auth.test failed, in words an operator can act on (a refused token is not a network error). */
function authFailure(failure: ReturnType<typeof describeError>, config: Config): string {
  const code = String(failure.code ?? failure.name);
  const where = config.SLACK_API_URL ? 'SLACK_API_URL' : 'slack.com';
  if (code === 'slack_webapi_request_error')
    return `Could not reach Slack (${where}) to check SLACK_BOT_TOKEN: check the network or SLACK_API_URL.`;
  if (code === 'slack_webapi_http_error' || code === 'slack_webapi_rate_limited_error')
    return `Slack (${where}) answered auth.test with HTTP ${failure.status ?? 'error'}${code.includes('rate') ? ' (rate limited)' : ''}; try again in a minute.`;
  return `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${failure.apiError ?? code}). Check the token and that the app is installed.`;
}
