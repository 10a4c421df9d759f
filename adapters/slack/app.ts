/**
 * Builds the Bolt App from configuration: Socket Mode when SLACK_APP_TOKEN is set, otherwise the
 * HTTP receiver with every request (events, slash commands, interactivity) at /slack/events,
 * verified with SLACK_SIGNING_SECRET. SLACK_API_URL points the Web API (and Socket Mode's
 * `apps.connections.open`) somewhere else, e.g. a fake Slack in tests.
 */
import { App } from '@slack/bolt';
import type { InstallationQuery, InstallProvider } from '@slack/oauth';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';
import { CalfbotHttpReceiver, type ExtraRoute, type HttpLimits } from './http-receiver.js';
import { oauthRoutes } from './oauth.js';
import type { SlackFetch } from './web-api-fetch.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Retry policy for Web API calls: a few quick retries (and Slack's Retry-After on 429), then give up. */
export interface RetryConfig {
  retries: number;
  factor?: number;
  minTimeout?: number;
  maxTimeout?: number;
  randomize?: boolean;
}
export const DEFAULT_RETRY: RetryConfig = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 5_000,
  randomize: true,
};
/** A Web API call never takes longer than this per attempt. */
export const API_TIMEOUT_MS = 10_000;

export type SlackMode = 'socket' | 'http';

export interface BuildAppOptions {
  config: Config;
  logger: Logger;
  retryConfig?: RetryConfig;
  /** HTTP mode: more routes beside /slack/events (calfbot's /healthz, /readyz, /metrics). */
  routes?: ExtraRoute[];
  /** HTTP mode: body, header, socket and clock limits (tests shorten them). */
  httpLimits?: Partial<HttpLimits>;
  /** OAuth install mode: the installer whose pages and `authorize` the app uses. */
  installer?: InstallProvider;
  /** The Web API's HTTP client (web-api-fetch.ts); it enforces API_TIMEOUT_MS itself. */
  http?: SlackFetch;
}

export function slackMode(config: Config): SlackMode {
  return config.SLACK_APP_TOKEN ? 'socket' : 'http';
}

/** A normalised Web API base URL ending in `/` (the WebClient appends method names). */
function apiUrl(config: Config): string | undefined {
  const url = config.SLACK_API_URL;
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export function buildApp({
  config,
  logger,
  retryConfig = DEFAULT_RETRY,
  routes,
  httpLimits,
  installer,
  http,
}: BuildAppOptions): App {
  if (!config.SLACK_BOT_TOKEN && !installer) {
    throw new CalfbotError(
      'CONFIG_INVALID',
      'SLACK_BOT_TOKEN is missing: the Slack adapter needs it. See .env.example.',
    );
  }
  const slackApiUrl = apiUrl(config);
  const clientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig,
    // The lean client's Agent enforces the limit; otherwise a signal per call does.
    ...(http ? { fetch: http.fetch, timeout: 0 } : { timeout: API_TIMEOUT_MS }),
  };
  const common = {
    // One workspace: its bot token. Any workspace: each event's token from its installation.
    ...(installer
      ? { authorize: (source: InstallationQuery<boolean>) => installer.authorize(source) }
      : { token: config.SLACK_BOT_TOKEN }),
    logger: boltLogger(logger),
    clientOptions,
    // auth.test runs in app.init(), where a failure is an error we can report, not a crash.
    deferInitialization: true,
    ignoreSelf: true,
    // Conversation state lives in calfbot's own store.
    convoStore: false as const,
  };
  if (slackMode(config) === 'socket') {
    return new App({ ...common, appToken: config.SLACK_APP_TOKEN, socketMode: true });
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new CalfbotError(
      'CONFIG_INVALID',
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs it, or set SLACK_APP_TOKEN for Socket Mode. See .env.example.',
    );
  }
  // Our receiver checks sizes, timestamps and signatures before a body is buffered, and that
  // the body is an object (see http-receiver.ts); ack() sends the HTTP 200 at once.
  const receiver = new CalfbotHttpReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    path: SLACK_EVENTS_PATH,
    logger,
    ...(httpLimits ? { limits: httpLimits } : {}),
    routes: [...(routes ?? []), ...(installer ? oauthRoutes(installer, logger) : [])],
  });
  return new App({ ...common, receiver });
}
