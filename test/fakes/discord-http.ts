/**
 * Discord's HTTP interactions side, for tests and the bench: an Ed25519 key pair made here, a
 * signer, and a harness running calfbot's real interactions endpoint (createInteractionsEndpoint
 * on serveRoutes) against the fake Discord, which then POSTs interactions, signed, instead of
 * dispatching them over a gateway.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
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
import { FakeDiscord, type InteractionRef, type InteractionsTransport } from './fake-discord.js';

type Json = any;

export interface SigningKeys {
  privateKey: KeyObject;
  /** The 64 hex digits DISCORD_PUBLIC_KEY takes. */
  publicKeyHex: string;
}

export function makeKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex') };
}

export interface SignedRequest {
  body: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  /** Sign with this key instead (a forger's). */
  signWith?: KeyObject;
  /** Send this signature header as it is. */
  signature?: string;
}

/** POST a body to the endpoint as Discord would: X-Signature-Ed25519 over timestamp + body. */
export async function postSigned(
  url: string,
  keys: SigningKeys,
  req: SignedRequest,
): Promise<{ status: number; body: Json }> {
  const timestamp = String(req.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    req.signature ??
    sign(
      null,
      Buffer.concat([Buffer.from(timestamp), Buffer.from(req.body)]),
      req.signWith ?? keys.privateKey,
    ).toString('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: req.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function signedTransport(url: string, keys: SigningKeys): InteractionsTransport {
  return { post: (payload) => postSigned(url, keys, { body: JSON.stringify(payload) }) };
}

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
