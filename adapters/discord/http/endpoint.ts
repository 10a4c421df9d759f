/**
 * `POST /discord/interactions`: Discord's HTTP interactions, in order:
 * 1. a declared body over the limit is 413, unread;
 * 2. the signature headers are checked before the body is read: missing, malformed, or a
 *    timestamp more than 5 minutes from our clock (either way: a replay of an old request) is 401;
 * 3. the body is read up to the limit, its Ed25519 signature checked (401 otherwise), and it must
 *    be an interaction (400 otherwise);
 * 4. PING is answered PONG; anything else becomes a discord.js interaction through the same
 *    handlers as the gateway (`routeInteraction`), whose first answer (reply, defer, update,
 *    modal) is the HTTP response, within Discord's 3 s; edits and follow-ups go through the
 *    interaction's webhook (see http-client.ts). A replayed interaction id reaches the Bot with
 *    the same event id, so its turn runs once (across processes too, through the store).
 * Nothing here keeps state between requests: several processes on one store serve one app.
 */
import type http from 'node:http';
// discord.js re-exports discord-api-types v10, the wire types (not a dependency of its own here).
import {
  type APIInteraction,
  type Client,
  Events,
  InteractionResponseType,
  InteractionType,
} from 'discord.js';
import { z } from 'zod';
import type { Config } from '../../../src/config.js';
import { CalfbotError } from '../../../src/errors.js';
import type { Logger } from '../../../src/log.js';
import { Refused, readBody } from '../../shared/read-body.js';
import type { RestTuning } from '../client.js';
import type { TurnBot } from '../handlers/deps.js';
import { routeInteraction } from '../handlers/route.js';
import { createHttpClient, interactionDispatcher, WaitingResponses } from './http-client.js';
import type { HttpRoute } from './server.js';
import { PUBLIC_KEY_PATTERN, publicKeyFromHex, signatureValid } from './verify.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

export interface EndpointLimits {
  /** Largest body read (a click carries its whole message: embeds and components). */
  bodyBytes: number;
  /** Signed timestamps may differ from our clock by this much, past or future. */
  skewSeconds: number;
  /** Answer 503 if a handler has not answered by then (Discord gives up at 3 s). */
  answerWithinMs: number;
}

export const DEFAULT_ENDPOINT_LIMITS: EndpointLimits = {
  bodyBytes: 256 * 1024,
  skewSeconds: 300,
  answerWithinMs: 2_800,
};

/** HTTP mode answers (or defers) sooner than the gateway: the response still has to travel back. */
export const HTTP_ACK_BUDGET_MS = 1_500;

export interface InteractionsEndpointOptions {
  bot: TurnBot;
  config: Pick<Config, 'DISCORD_PUBLIC_KEY' | 'DISCORD_API_URL'>;
  logger: Logger;
  ackBudgetMs?: number;
  limits?: Partial<EndpointLimits>;
  rest?: RestTuning;
  now?: () => number;
}

export interface InteractionsEndpoint {
  route: HttpRoute;
  client: Client;
  /** Resolves when no interaction is being handled. */
  idle(): Promise<void>;
  /** Refuse new interactions, let running ones finish (up to 10 s), close the client. */
  stop(): Promise<void>;
}

/** The part of an interaction calfbot reads before discord.js does (wire type: discord-api-types). */
const envelopeSchema = z
  .object({
    id: z.string().regex(/^\d{1,25}$/),
    application_id: z.string().regex(/^\d{1,25}$/),
    type: z.number().int(),
    token: z.string().min(1).max(500),
  })
  .passthrough();

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

const STOP_GRACE_MS = 10_000;

export function createInteractionsEndpoint(opts: InteractionsEndpointOptions): InteractionsEndpoint {
  const { bot, logger } = opts;
  const hex = opts.config.DISCORD_PUBLIC_KEY;
  if (!hex || !PUBLIC_KEY_PATTERN.test(hex))
    throw new CalfbotError(
      'CONFIG_INVALID',
      'DISCORD_PUBLIC_KEY must be the 64 hex digits of General Information → Public Key.',
    );
  const key = publicKeyFromHex(hex);
  const limits = { ...DEFAULT_ENDPOINT_LIMITS, ...opts.limits };
  const now = opts.now ?? Date.now;
  const waiting = new WaitingResponses();
  const client = createHttpClient(opts.config, waiting, opts.rest);
  const dispatch = interactionDispatcher(client);
  const deps = { bot, logger, ackBudgetMs: opts.ackBudgetMs ?? HTTP_ACK_BUDGET_MS };
  const inFlight = new Set<Promise<unknown>>();
  const handling = new Map<string, Promise<void>>();
  let stopped = false;
  // discord.js keeps the channels interactions name; no gateway event ever drops them.
  const sweep = setInterval(() => client.channels.cache.clear(), 60_000).unref();

  client.on(Events.InteractionCreate, (interaction) => {
    const work = routeInteraction(interaction, deps);
    handling.set(interaction.id, work);
  });

  const refusals = new Map<string, number>();
  const refusalLog = setInterval(() => flushRefusals(), 60_000).unref();
  const flushRefusals = () => {
    if (refusals.size === 0) return;
    logger.warn(
      { event: 'discord_http_refused', counts: Object.fromEntries(refusals) },
      'refused Discord HTTP requests',
    );
    refusals.clear();
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (stopped) throw new Refused(503, 'stopping');
    if (Number(header(req, 'content-length') ?? 0) > limits.bodyBytes)
      throw new Refused(413, 'body_too_large');
    const signature = header(req, 'x-signature-ed25519');
    const stamp = header(req, 'x-signature-timestamp');
    if (signature === undefined || stamp === undefined) throw new Refused(401, 'unsigned');
    const seconds = /^\d{1,12}$/.test(stamp) ? Number(stamp) : Number.NaN;
    if (!(Math.abs(Math.floor(now() / 1000) - seconds) <= limits.skewSeconds))
      throw new Refused(401, 'stale_timestamp');
    const raw = await readBody(req, limits.bodyBytes);
    if (!signatureValid(key, stamp, raw, signature)) throw new Refused(401, 'bad_signature');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Refused(400, 'malformed_body');
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success) throw new Refused(400, 'not_an_interaction');
    const payload = envelope.data as unknown as APIInteraction;
    if (payload.type === InteractionType.Ping)
      return sendJson(res, 200, { type: InteractionResponseType.Pong });
    await answer(payload, res);
  }

  /** Hand the interaction to the handlers; their first answer is the HTTP response. */
  async function answer(payload: APIInteraction, res: http.ServerResponse): Promise<void> {
    let settle!: (body: unknown) => void;
    const first = new Promise<unknown>((resolve) => {
      settle = resolve;
    });
    const cancel = waiting.expect(payload.id, (body) => {
      settle(body);
      // Edits and follow-ups wait until the response has left (Discord reads it first).
      return new Promise<void>((resolve) => {
        if (res.writableFinished || res.destroyed) resolve();
        else res.once('finish', resolve).once('close', resolve);
      });
    });
    const previous = handling.get(payload.id);
    try {
      dispatch(payload);
    } catch {
      // discord.js could not build an interaction from it (a signed but malformed payload).
      cancel();
      throw new Refused(400, 'malformed_interaction');
    }
    const work = handling.get(payload.id);
    if (!work || work === previous) {
      cancel();
      throw new Refused(400, 'unsupported_interaction');
    }
    const tracked = work.finally(() => {
      if (handling.get(payload.id) === work) handling.delete(payload.id);
    });
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), limits.answerWithinMs);
    });
    const result = await Promise.race([first, tracked.then(() => 'unanswered' as const), late]);
    clearTimeout(timer);
    if (result === 'late' || result === 'unanswered') {
      cancel();
      logger.error(
        { event: 'discord_http_unanswered', interaction: payload.id, why: result },
        'an interaction got no answer in time',
      );
      throw new Refused(503, result);
    }
    sendJson(res, 200, result);
  }

  const route: HttpRoute = {
    path: DISCORD_INTERACTIONS_PATH,
    method: ['POST'],
    handler(req, res) {
      handle(req, res).catch((error) => {
        const status = error instanceof Refused ? error.status : 500;
        const reason = error instanceof Refused ? error.reason : 'internal';
        if (status === 500)
          logger.error(
            { event: 'discord_http_failed', err: { name: (error as Error)?.name ?? typeof error } },
            'a Discord HTTP request failed',
          );
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        if (!res.headersSent) res.writeHead(status, { connection: 'close' }).end();
        // Whatever the client is still sending is dropped with the socket, unread.
        res.once('finish', () => req.socket.destroy());
      });
    },
  };

  return {
    route,
    client,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearInterval(sweep);
      clearInterval(refusalLog);
      flushRefusals();
      await client.destroy();
      logger.info({ event: 'discord_http_stopped' }, 'stopped serving Discord interactions');
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
