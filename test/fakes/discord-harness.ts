/**
 * Real Bot (MemoryStore, the shipped knowledge) + real discord.js via startDiscord, against the
 * fake Discord on 127.0.0.1. Logs are captured so tests can check what was (not) logged.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type DiscordHandle, startDiscord, type TurnBot } from '../../adapters/discord/index.js';
import { Bot } from '../../src/bot.js';
import { type Config, loadConfig } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import type { Logger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakeDiscord, type InteractionRef } from './fake-discord.js';

let knowledge: Knowledge | undefined;
export const sharedKnowledge = (): Knowledge => {
  knowledge ??= loadKnowledge();
  return knowledge;
};

export interface DiscordHarness {
  fake: FakeDiscord;
  store: MemoryStore;
  bot: TurnBot;
  config: Config;
  logger: Logger;
  logs: string[];
  discord: DiscordHandle;
  /** Wait until the interaction was answered and the adapter has finished handling it. */
  settle(ref: InteractionRef): Promise<void>;
  close(): Promise<void>;
}

export function captureLogger(): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  return { logger, logs };
}

export function discordConfig(fake: FakeDiscord, extra: Record<string, string> = {}): Config {
  return loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    STORE_URL: 'memory:',
    ...extra,
  });
}

/** The built CLI (`npm run build` first). */
const CLI = path.resolve(import.meta.dirname, '../../bin/calfbot.js');

/**
 * `calfbot start ...args` as a child process against the fake Discord: its environment is only
 * PATH, the fake's token, application id and API URL, then `env`; stderr is piped, the rest ignored.
 */
export function spawnCalfbotStart(
  fake: FakeDiscord,
  cwd: string,
  env: Record<string, string>,
  args: string[] = [],
) {
  return spawn(process.execPath, [CLI, 'start', ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export async function startHarness(
  opts: { wrapBot?: (bot: Bot) => TurnBot; ackBudgetMs?: number; store?: MemoryStore } = {},
): Promise<DiscordHarness> {
  const fake = await FakeDiscord.start();
  const { logger, logs } = captureLogger();
  const store = opts.store ?? new MemoryStore();
  const realBot = new Bot({ knowledge: sharedKnowledge(), store, logger, region: 'US' });
  const bot = opts.wrapBot ? opts.wrapBot(realBot) : realBot;
  const config = discordConfig(fake);
  const discord = await startDiscord({
    bot,
    config,
    logger,
    rest: { retries: 0, timeout: 5_000 },
    ...(opts.ackBudgetMs !== undefined && { ackBudgetMs: opts.ackBudgetMs }),
  });
  return {
    fake,
    store,
    bot,
    config,
    logger,
    logs,
    discord,
    async settle(ref) {
      await fake.waitFor(() => fake.callsFor(ref).length > 0, 5_000, 'the interaction callback');
      await discord.idle();
    },
    async close() {
      await discord.stop();
      await fake.close();
    },
  };
}

/** Starts a harness before the enclosing suite's tests (handing it to `use`) and closes it after them. */
export function harnessForSuite(use: (h: DiscordHarness) => void): void {
  let h: DiscordHarness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    use(h);
  });
  afterAll(async () => {
    await h?.close();
  });
}

/** The EPHEMERAL message flag as it goes over the wire. */
export const EPHEMERAL = 64;

type Json = any;

/** All components of a message, flattened (rows, and the component inside a label). */
export function componentsOf(message: Json): Json[] {
  return (message.components ?? []).flatMap(
    (row: Json) => row.components ?? (row.component ? [row.component] : []),
  );
}

export function buttonByLabel(message: Json, label: string): Json {
  const button = componentsOf(message).find((c) => c.type === 2 && c.label === label);
  if (!button) throw new Error(`no button "${label}" on message: ${JSON.stringify(message.components)}`);
  return button;
}

export function selectMenuOf(message: Json): Json | undefined {
  return componentsOf(message).find((c) => c.type === 3);
}
