/**
 * The discord.js Client of HTTP interactions mode: it never logs in (no gateway, no bot token);
 * it only turns signed payloads into discord.js interactions and sends what they answer. Over
 * HTTP the first answer to an interaction (reply, defer, update, modal) is the HTTP response, not
 * a REST call: `makeRequest` hands a callback for an interaction that is waiting for its
 * response to that response, and sends everything else (webhook edits and follow-ups, with the
 * interaction token, no bot token) to Discord (DISCORD_API_URL) as usual.
 */
import { Client, Options, Partials, type RESTOptions } from 'discord.js';
import type { Config } from '../../../src/config.js';
import { type RestTuning, restOptions } from '../client.js';

type MakeRequest = RESTOptions['makeRequest'];

/** /api/v10/interactions/{id}/{token}/callback */
const CALLBACK = /\/interactions\/(\d{1,25})\/[^/]+\/callback$/;

/** Interactions waiting for their HTTP response, by interaction id (a replay queues behind). */
export class WaitingResponses {
  private readonly waiting = new Map<string, Array<(body: unknown) => Promise<void>>>();

  expect(id: string, answer: (body: unknown) => Promise<void>): () => void {
    const queue = this.waiting.get(id) ?? [];
    queue.push(answer);
    this.waiting.set(id, queue);
    return () => {
      const i = queue.indexOf(answer);
      if (i >= 0) queue.splice(i, 1);
      if (queue.length === 0 && this.waiting.get(id) === queue) this.waiting.delete(id);
    };
  }

  take(id: string): ((body: unknown) => Promise<void>) | undefined {
    const queue = this.waiting.get(id);
    const answer = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(id);
    return answer;
  }
}

export function createHttpClient(
  config: Pick<Config, 'DISCORD_API_URL'>,
  waiting: WaitingResponses,
  tuning: RestTuning = {},
): Client {
  const makeRequest: MakeRequest = async (url, init) => {
    const id = CALLBACK.exec(new URL(url).pathname)?.[1];
    const answer = id ? waiting.take(id) : undefined;
    if (answer) {
      await answer(typeof init.body === 'string' ? JSON.parse(init.body) : null);
      return new Response(null, { status: 204 }) as unknown as Awaited<ReturnType<MakeRequest>>;
    }
    return (await fetch(url, init as RequestInit)) as unknown as Awaited<ReturnType<MakeRequest>>;
  };
  return new Client({
    intents: [],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { ...restOptions(config, tuning), makeRequest },
    // No gateway tells this client when to forget: keep no users, members or messages.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: 0,
      GuildMemberManager: 0,
    }),
  });
}

/**
 * discord.js builds the right interaction class from a raw payload in its InteractionCreate
 * action (the gateway path uses the same one) and emits `interactionCreate`. It is internal, so
 * its presence is checked once at start-up rather than trusted.
 */
export function interactionDispatcher(client: Client): (payload: unknown) => void {
  const actions = (client as unknown as { actions?: { InteractionCreate?: { handle?: unknown } } }).actions;
  const handle = actions?.InteractionCreate?.handle;
  if (typeof handle !== 'function')
    throw new Error('this discord.js version has no InteractionCreate action (HTTP interactions need 14.x)');
  return (payload) => (handle as (data: unknown) => void).call(actions!.InteractionCreate, payload);
}
