/**
 * Runs the real Slack adapter (real Bolt, real Bot on the real knowledge, in-memory store)
 * against the fake Slack, in HTTP mode or Socket Mode, and records the logs it writes.
 */
import pino from 'pino';
import { type SlackHandle, startSlack } from '../../adapters/slack/index.js';
import { Bot } from '../../src/bot.js';
import { configSchema } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { MemoryStore } from '../../src/store/memory-store.js';
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
  store: MemoryStore;
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

export async function startSlackHarness(
  opts: { mode: 'http' | 'socket' } = { mode: 'http' },
): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  let offset = 0;
  const now = () => Date.now() + offset;
  const store = new MemoryStore(now);
  const bot = new Bot({ knowledge: knowledge(), store, region: 'US', now });
  const lines: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        lines.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const config = configSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    STORE_URL: 'memory:',
    ...(opts.mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
  });
  const slack = await startSlack({
    bot,
    config,
    logger,
    retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 10 },
    host: '127.0.0.1',
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
