/**
 * Discord's HTTP interactions side, for tests and the bench: an Ed25519 key pair made here, a
 * signer, and a harness running calfbot's real interactions endpoint (createInteractionsEndpoint
 * on serveRoutes) against the fake Discord, which then POSTs interactions, signed, instead of
 * dispatching them over a gateway.
 */
import {
  createInteractionsEndpoint,
  DISCORD_INTERACTIONS_PATH,
  type InteractionsEndpoint,
} from '../../adapters/discord/http/endpoint.js';
import { type RouteServer, serveRoutes } from '../../adapters/discord/http/server.js';
import type { TurnBot } from '../../adapters/discord/index.js';
import { Bot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { ConversationStore } from '../../src/store/types.js';
import { captureLogger, sharedKnowledge } from './discord-harness.js';
import { makeKeys, type SigningKeys, signedTransport } from './discord-signing.js';
import { FakeDiscord, type InteractionRef } from './fake-discord.js';

export {
  makeKeys,
  postSigned,
  type SignedRequest,
  type SigningKeys,
  signedTransport,
} from './discord-signing.js';

export interface HttpHarness {
  fake: FakeDiscord;
  keys: SigningKeys;
  url: string;
  endpoint: InteractionsEndpoint;
  bot: TurnBot;
  logs: string[];
  settle(ref: InteractionRef): Promise<void>;
  close(): Promise<void>;
}

/** One calfbot "process" serving HTTP interactions: its own Bot on `store`, its own endpoint. */
export async function startHttpProcess(
  fake: FakeDiscord,
  keys: SigningKeys,
  opts: { store?: ConversationStore; logger?: Logger; ackBudgetMs?: number } = {},
): Promise<{
  url: string;
  endpoint: InteractionsEndpoint;
  bot: Bot;
  server: RouteServer;
  close(): Promise<void>;
}> {
  const logger = opts.logger ?? captureLogger().logger;
  const bot = new Bot({
    knowledge: sharedKnowledge(),
    store: opts.store ?? new MemoryStore(),
    logger,
    region: 'US',
  });
  const config = loadConfig({
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_URL: fake.apiUrl,
    STORE_URL: 'memory:',
  });
  const endpoint = createInteractionsEndpoint({
    bot,
    config,
    logger,
    rest: { retries: 0, timeout: 5_000 },
    ...(opts.ackBudgetMs !== undefined && { ackBudgetMs: opts.ackBudgetMs }),
  });
  const server = await serveRoutes([endpoint.route], { port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${server.port}${DISCORD_INTERACTIONS_PATH}`;
  return {
    url,
    endpoint,
    bot,
    server,
    async close() {
      await endpoint.stop();
      await server.close();
    },
  };
}

export async function startHttpHarness(opts: { ackBudgetMs?: number } = {}): Promise<HttpHarness> {
  const fake = await FakeDiscord.start();
  const keys = makeKeys();
  const { logger, logs } = captureLogger();
  const proc = await startHttpProcess(fake, keys, { logger, ...opts });
  fake.http = signedTransport(proc.url, keys);
  return {
    fake,
    keys,
    url: proc.url,
    endpoint: proc.endpoint,
    bot: proc.bot,
    logs,
    async settle(ref) {
      await fake.answered(ref);
      await proc.endpoint.idle();
    },
    async close() {
      await proc.close();
      await fake.close();
    },
  };
}
