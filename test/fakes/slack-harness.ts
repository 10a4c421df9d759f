/**
 * Runs the real Slack adapter (real Bolt, real Bot on the real knowledge, in-memory store)
 * against the fake Slack, in HTTP mode or Socket Mode, and records the logs it writes.
 */
import type { TurnBot } from '../../adapters/shared/run-turn.js';
import type { HttpLimits } from '../../adapters/slack/http-receiver.js';
import { type SlackHandle, startSlack } from '../../adapters/slack/index.js';
import { Bot } from '../../src/bot.js';
import { configSchema } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { createLogger } from '../../src/log.js';
import { createSecretRecords, parseSealKey } from '../../src/store/installation-store.js';
import { MemoryRateLimiter } from '../../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { ConversationStore } from '../../src/store/types.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';

let knowledgeCache: Knowledge | undefined;
const knowledge = (): Knowledge => {
  knowledgeCache ??= loadKnowledge();
  return knowledgeCache;
};

export interface SlackHarness {
  fake: FakeSlack;
  bot: Bot;
  store: ConversationStore;
  slack: SlackHandle;
  /** HTTP mode: where Slack would POST (http://127.0.0.1:PORT/slack/events). */
  eventsUrl: string;
  /** Every log line the adapter (and Bolt through it) wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log output, to check that no message text leaks into it. */
  rawLog(): string;
  /** Move the clock (store expiry and the Bot both read it). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface SlackHarnessOptions {
  mode: 'http' | 'socket';
  /** Level of the captured logger (default debug). */
  logLevel?: string;
  /** Let the Bot log into the same captured stream (default: only the adapter logs). */
  botLogs?: boolean;
  /** Turn on the per-user rate limit (in memory) at this many messages a minute. */
  rateLimitPerMinute?: number;
  /** What the adapter talks to instead of the Bot itself (e.g. one that scripts TurnOutcomes). */
  wrapBot?: (bot: Bot) => TurnBot;
  /** HTTP mode: shorter socket timeouts, a smaller connection cap. */
  httpLimits?: Partial<HttpLimits>;
  /** Another store than the in-memory one (SQLite, Redis), on the harness's clock. */
  makeStore?: (now: () => number) => ConversationStore;
  /** OAuth install mode (HTTP): no bot token; installations sealed in memory. */
  oauth?: boolean;
}

export const OAUTH = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'test-client-secret',
  SLACK_STATE_SECRET: 'test-state-secret-0123456789',
  SLACK_INSTALLATION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

export async function startSlackHarness(opts: SlackHarnessOptions = { mode: 'http' }): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  let offset = 0;
  const now = () => Date.now() + offset;
  const store = opts.makeStore?.(now) ?? new MemoryStore(now);
  const lines: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  // calfbot's own logger (levels, redaction), writing into memory.
  const logger = createLogger(opts.logLevel ?? 'debug', {
    write(line: string) {
      lines.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const bot = new Bot({
    knowledge: knowledge(),
    store,
    region: 'US',
    now,
    ...(opts.botLogs ? { logger } : {}),
    ...(opts.rateLimitPerMinute
      ? { rateLimit: { limiter: new MemoryRateLimiter(now), perMinute: opts.rateLimitPerMinute } }
      : {}),
  });
  const config = configSchema.parse({
    ...(opts.oauth ? OAUTH : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    STORE_URL: 'memory:',
    ...(opts.mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
  });
  const slack = await startSlack({
    bot: opts.wrapBot ? opts.wrapBot(bot) : bot,
    config,
    logger,
    retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 10 },
    host: '127.0.0.1',
    ...(opts.httpLimits ? { httpLimits: opts.httpLimits } : {}),
    ...(opts.oauth
      ? {
          installations: await createSecretRecords('memory:', parseSealKey(OAUTH.SLACK_INSTALLATION_KEY)),
        }
      : {}),
  });
  return {
    fake,
    bot,
    store,
    slack,
    eventsUrl: `http://127.0.0.1:${slack.port ?? 0}/slack/events`,
    logs,
    rawLog: () => lines.join(''),
    advance: (ms) => {
      offset += ms;
    },
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}
