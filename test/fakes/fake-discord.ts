/**
 * A fake Discord on 127.0.0.1 for running the real discord.js Client in tests (and the bench):
 * REST under /api/v10 (gateway info, interaction callbacks, webhook edits and follow-ups, channel
 * messages, command registration) and a gateway WebSocket (HELLO, IDENTIFY → READY, heartbeat
 * ACKs, RESUME → RESUMED, dispatches). It records every REST call, keeps the messages the bot
 * created so a test can click their buttons, and can be told to fail chosen calls.
 *
 * Several gateway sessions (shards) can connect at once. Like Discord, a dispatch goes to the
 * shard that owns its guild (`(guild_id >> 22) % shard_count`, DMs to shard 0) unless a test
 * names the shard; with one unsharded session everything goes to it.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = any;

export interface RecordedCall {
  method: string;
  /** Path after /api/v10, percent-decoded (so `@original` reads as such). */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: Json;
  status: number;
}

export interface FakeUser {
  id: string;
  username: string;
}

/** Which gateway session a dispatch goes to (default: the one Discord would pick). */
export interface Route {
  shard?: number;
}

/** Where and how an interaction happens (defaults: a guild channel, en-US, a guild install). */
export interface InteractionPlace {
  guildId?: string | null;
  channelId?: string;
  /** The user's client language (default en-US). */
  locale?: string;
  /** The server's preferred language (default en-US). */
  guildLocale?: string;
  /** Installed to the user's account, not the server: `authorizing_integration_owners` has only the user. */
  userInstall?: boolean;
  /** Outside servers: 1 the bot's DM (default), 2 a DM or group DM between people. */
  context?: 1 | 2;
}

export interface InteractionRef {
  id: string;
  token: string;
  channelId: string;
  guildId: string | null;
  user: FakeUser;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: Json;
  remaining: number;
}

interface InteractionRecord {
  ref: InteractionRef;
  /** The message a component interaction came from. */
  sourceMessageId?: string;
  /** The interaction's original response message. */
  originalId?: string;
  followUps: string[];
  modal?: Json;
  /** HTTP mode: the POST to the app's endpoint, until its response is applied. */
  answering?: Promise<void>;
  /** HTTP mode: the payload as delivered (for a replay). */
  payload?: Json;
}

/**
 * Deliver interactions as signed HTTP POSTs instead of gateway dispatches (see discord-http.ts).
 * `post` returns the app's HTTP status and, for a 200, its JSON body: the interaction response.
 */
export interface InteractionsTransport {
  post(payload: Json): Promise<{ status: number; body: Json }>;
}

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
/** A snowflake for "now", so discord.js computes sensible creation times. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

const MESSAGE_FLAG_LOADING = 128;

export interface FakeDiscordOptions {
  applicationId?: string;
  token?: string;
  /** `shards` in GET /gateway/bot (Discord's recommended shard count; default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency` in GET /gateway/bot (default 1). */
  maxConcurrency?: number;
}

/** One gateway connection: its shard ([id, count], from IDENTIFY) and its own sequence numbers. */
interface Session {
  shard: [number, number] | null;
  seq: number;
}

/** The shard Discord sends a guild's events to; DMs go to shard 0. */
export function shardOf(guildId: string | null | undefined, shardCount: number): number {
  if (!guildId || shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export class FakeDiscord {
  readonly applicationId: string;
  readonly botUser: Json;
  readonly token: string;
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, Json>();
  /** IDENTIFY payloads received (to check intents). */
  readonly identifies: Json[] = [];
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly failures: Failure[] = [];
  private readonly events = new EventEmitter();
  private readonly sockets = new Map<WebSocket, Session>();
  /** READY session ids → shard, so a RESUMEd connection keeps its shard. */
  private readonly sessionShards = new Map<string, [number, number] | null>();
  private readonly recommendedShards: number;
  /** Close codes to answer the next IDENTIFYs with, instead of READY. */
  private readonly identifyRefusals: number[] = [];
  private readonly maxConcurrency: number;
  private port = 0;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;

  private constructor(opts: FakeDiscordOptions) {
    this.applicationId = opts.applicationId ?? '100000000000000001';
    this.token = opts.token ?? 'fake-bot-token';
    this.recommendedShards = opts.recommendedShards ?? 1;
    this.maxConcurrency = opts.maxConcurrency ?? 1;
    this.botUser = {
      id: this.applicationId,
      username: 'calfbot',
      discriminator: '0',
      global_name: 'calfbot',
      avatar: null,
      bot: true,
    };
    this.events.setMaxListeners(100);
    this.server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onSocket(socket));
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- failure injection and waiting ----

  /** The next `times` calls matching method and path get `status` with `body`. */
  fail(
    method: string,
    path: RegExp,
    status = 500,
    body: Json = { message: 'Internal Server Error', code: 0 },
    times = 1,
  ) {
    this.failures.push({ method: method.toUpperCase(), path, status, body, remaining: times });
  }

  /** Resolves once `check()` returns a truthy value (checked now and after every REST call). */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const test = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Discord: timed out waiting for ${what}; calls: ${this.describeCalls()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('call', test);
      };
      this.events.on('call', test);
      test();
    });
  }

  /** Resolves with the first recorded call (from index `from` on) matching. */
  waitForCall(match: (call: RecordedCall) => boolean, from = 0, timeoutMs = 5_000): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.slice(from).find(match), timeoutMs, 'a REST call');
  }

  /** Calls made with this interaction's token (callback, webhook edits and follow-ups). */
  callsFor(ref: InteractionRef): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(`/${ref.token}`));
  }

  /** The interaction's response messages as they are now: original first, then follow-ups. */
  messagesOf(ref: InteractionRef): Json[] {
    const rec = this.interactions.get(ref.token);
    if (!rec) return [];
    const ids = [
      ...(rec.originalId && rec.originalId !== rec.sourceMessageId ? [rec.originalId] : []),
      ...rec.followUps,
    ];
    return ids.map((id) => this.messages.get(id)).filter(Boolean);
  }

  /** The modal shown in response to this interaction, if any. */
  modalOf(ref: InteractionRef): Json | undefined {
    return this.interactions.get(ref.token)?.modal;
  }

  describeCalls(): string {
    return this.calls
      .map((c) => `${c.method} ${c.path.replace(/\/[\w.-]{40,}/g, '/<token>')} ${c.status}`)
      .join('; ');
  }

  // ---- gateway ----

  /** Resolves when a client has identified and received READY. */
  ready(timeoutMs = 5_000): Promise<void> {
    if (this.identifies.length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Discord: no IDENTIFY')), timeoutMs);
      this.events.once('identify', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves once `count` IDENTIFYs have arrived (in total, over every connection). */
  identified(count: number, timeoutMs = 5_000): Promise<Json[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.identifies.length < count) return;
        cleanup();
        resolve(this.identifies.slice());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Discord: ${this.identifies.length} of ${count} IDENTIFYs`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('identify', check);
      };
      this.events.on('identify', check);
      check();
    });
  }

  /** Answer the next `times` IDENTIFYs by closing the connection with `code` (4004: authentication failed). */
  refuseIdentify(times = 1, code = 4004): void {
    for (let i = 0; i < times; i++) this.identifyRefusals.push(code);
  }

  /** The shards ([id, count]) of the open, identified gateway connections. */
  connectedShards(): Array<[number, number]> {
    return [...this.sockets]
      .filter(([socket, session]) => socket.readyState === socket.OPEN && session.shard)
      .map(([, session]) => session.shard!);
  }

  /** Send a dispatch to the shard that owns it (see the file comment), or to `route.shard`. */
  dispatch(t: string, d: Json, route: Route = {}): void {
    for (const [socket, session] of this.targets(d, route)) {
      socket.send(JSON.stringify({ op: 0, t, s: ++session.seq, d }));
    }
  }

  private targets(d: Json, route: Route): Array<[WebSocket, Session]> {
    const open = [...this.sockets].filter(([socket]) => socket.readyState === socket.OPEN);
    const count = Math.max(1, ...open.map(([, session]) => session.shard?.[1] ?? 1));
    if (route.shard === undefined && count === 1) return open;
    const wanted = route.shard ?? shardOf(d?.guild_id, count);
    const targets = open.filter(([, session]) => (session.shard?.[0] ?? 0) === wanted);
    if (targets.length === 0) throw new Error(`fake Discord: no gateway connection for shard ${wanted}`);
    return targets;
  }

  private onSocket(socket: WebSocket): void {
    const session: Session = { shard: null, seq: 0 };
    this.sockets.set(socket, session);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { op: number; d: Json };
      if (msg.op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      else if (msg.op === 2 && this.identifyRefusals.length > 0) {
        socket.close(this.identifyRefusals.shift(), 'Refused by the fake Discord.');
      } else if (msg.op === 2) {
        this.identifies.push(msg.d);
        session.shard = Array.isArray(msg.d.shard) ? [msg.d.shard[0], msg.d.shard[1]] : null;
        const sessionId = `session-${snowflake()}`;
        this.sessionShards.set(sessionId, session.shard);
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++session.seq,
            d: {
              v: 10,
              user: this.botUser,
              guilds: [],
              private_channels: [],
              session_id: sessionId,
              resume_gateway_url: this.gatewayUrl,
              shard: msg.d.shard ?? [0, 1],
              application: { id: this.applicationId, flags: 0 },
            },
          }),
        );
        this.events.emit('identify');
      } else if (msg.op === 6) {
        session.shard = this.sessionShards.get(msg.d?.session_id) ?? null;
        session.seq = Number(msg.d?.seq) || 0;
        socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++session.seq, d: {} }));
      }
    });
  }

  // ---- building and dispatching events ----

  private interactionBase(type: number, opts: { user: FakeUser } & InteractionPlace) {
    const guildId = opts.guildId === undefined ? '300000000000000001' : opts.guildId;
    const user = {
      id: opts.user.id,
      username: opts.user.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
    };
    const channelId = opts.channelId ?? (guildId ? '400000000000000001' : `5${opts.user.id.slice(1)}`);
    const ref: InteractionRef = {
      id: snowflake(),
      token: `tok_${snowflake()}_${'x'.repeat(40)}`,
      channelId,
      guildId,
      user: opts.user,
    };
    const payload: Json = {
      id: ref.id,
      application_id: this.applicationId,
      type,
      token: ref.token,
      version: 1,
      channel_id: channelId,
      app_permissions: '0',
      locale: opts.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 8_388_608,
      ...(guildId
        ? {
            guild_id: guildId,
            guild_locale: opts.guildLocale ?? 'en-US',
            channel: { id: channelId, type: 0, guild_id: guildId, name: 'running', position: 0, flags: 0 },
            member: {
              user,
              roles: [],
              permissions: '0',
              joined_at: new Date(0).toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
              pending: false,
              nick: null,
              avatar: null,
            },
            // A user install in a server the bot is not in: only the user authorised it.
            authorizing_integration_owners: opts.userInstall ? { '1': user.id } : { '0': guildId },
            context: 0,
          }
        : {
            user,
            channel: { id: channelId, type: 1, flags: 0, recipients: [user] },
            authorizing_integration_owners: opts.userInstall ? { '1': user.id } : { '0': '0' },
            context: opts.context ?? 1,
          }),
    };
    return { ref, payload };
  }

  /** `/calves` with options, in a guild channel (default) or, with guildId null, in the bot's DM. */
  slashCommand(
    opts: {
      user: FakeUser;
      name?: string;
      options?: Record<string, string>;
      /** Deliver on this shard's connection instead of the guild's own. */
      shard?: number;
    } & InteractionPlace,
  ): InteractionRef {
    const { ref, payload } = this.interactionBase(2, opts);
    payload.data = {
      id: '200000000000000001',
      name: opts.name ?? 'calves',
      type: 1,
      ...(ref.guildId && { guild_id: ref.guildId }),
      options: Object.entries(opts.options ?? {}).map(([name, value]) => ({ name, type: 3, value })),
    };
    this.interactions.set(ref.token, { ref, followUps: [] });
    this.deliver(payload, { shard: opts.shard });
    return ref;
  }

  /** Click a button (or, with `values`, submit a string select) on a message the bot sent. */
  click(
    message: Json,
    customId: string,
    opts: { user: FakeUser; values?: string[]; shard?: number } & Omit<
      InteractionPlace,
      'guildId' | 'channelId'
    >,
  ): InteractionRef {
    const where = this.whereOf(message);
    const { ref, payload } = this.interactionBase(3, {
      ...opts,
      guildId: where.guildId,
      channelId: where.channelId,
    });
    payload.message = structuredClone(message);
    payload.data = opts.values
      ? { custom_id: customId, component_type: 3, values: opts.values }
      : { custom_id: customId, component_type: 2 };
    this.interactions.set(ref.token, { ref, sourceMessageId: message.id, followUps: [] });
    this.deliver(payload, { shard: opts.shard });
    return ref;
  }

  /** Submit the modal the bot showed in response to `shownBy`, with text input values by custom id. */
  submitModal(
    shownBy: InteractionRef,
    values: Record<string, string | string[]>,
    route: Route = {},
  ): InteractionRef {
    const shown = this.interactions.get(shownBy.token);
    if (!shown?.modal) throw new Error('fake Discord: no modal was shown for that interaction');
    const { ref, payload } = this.interactionBase(5, {
      user: shownBy.user,
      guildId: shownBy.guildId,
      channelId: shownBy.channelId,
    });
    let id = 1;
    payload.data = {
      custom_id: shown.modal.custom_id,
      components: (shown.modal.components as Json[]).map((c) =>
        c.type === 18
          ? {
              type: 18,
              id: id++,
              // A text input (4) carries its value; a checkbox group (22) the values ticked.
              component:
                c.component.type === 22
                  ? {
                      type: 22,
                      id: id++,
                      custom_id: c.component.custom_id,
                      values: [values[c.component.custom_id] ?? []].flat(),
                    }
                  : {
                      type: 4,
                      id: id++,
                      custom_id: c.component.custom_id,
                      value: String(values[c.component.custom_id] ?? ''),
                    },
            }
          : {
              type: 1,
              id: id++,
              components: c.components.map((t: Json) => ({
                type: 4,
                id: id++,
                custom_id: t.custom_id,
                value: values[t.custom_id] ?? '',
              })),
            },
      ),
    };
    const source = shown.sourceMessageId ? this.messages.get(shown.sourceMessageId) : undefined;
    if (source) payload.message = structuredClone(source);
    this.interactions.set(ref.token, { ref, ...(source && { sourceMessageId: source.id }), followUps: [] });
    this.deliver(payload, route);
    return ref;
  }

  /** HTTP mode: interactions go to this endpoint, signed; unset: over the gateway. */
  http: InteractionsTransport | undefined;

  /** The app's HTTP answers, by interaction token (HTTP mode). */
  readonly httpAnswers = new Map<string, { status: number; body: Json }>();

  private deliver(payload: Json, route: Route): void {
    if (!this.http) {
      this.dispatch('INTERACTION_CREATE', payload, route);
      return;
    }
    const rec = this.interactions.get(payload.token)!;
    rec.payload = payload;
    rec.answering = this.http.post(payload).then(({ status, body }) => {
      this.httpAnswers.set(payload.token, { status, body });
      // The response is the interaction callback: recorded like the REST one.
      const applied = status === 200 ? this.applyCallback(rec, body) : { status };
      this.record({
        method: 'POST',
        path: `/interactions/${rec.ref.id}/${rec.ref.token}/callback`,
        query: { transport: 'http' },
        authorization: undefined,
        body,
        status: status === 200 ? applied.status : status,
      });
    });
  }

  /** Deliver a raw payload once more (a replay: same id, same token). */
  replay(ref: InteractionRef): Promise<{ status: number; body: Json }> {
    const payload = this.interactions.get(ref.token)?.payload;
    if (!this.http || !payload)
      throw new Error('fake Discord: replay needs HTTP mode and a delivered interaction');
    return this.http.post(payload);
  }

  /** The payload an interaction was delivered with (HTTP mode). */
  payloadOf(ref: InteractionRef): Json {
    return structuredClone(this.interactions.get(ref.token)?.payload);
  }

  /** Resolves once the app answered this interaction's HTTP request (HTTP mode). */
  async answered(ref: InteractionRef): Promise<{ status: number; body: Json } | undefined> {
    await this.interactions.get(ref.token)?.answering;
    return this.httpAnswers.get(ref.token);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.events.emit('call', call);
  }

  /** Apply an interaction response (REST callback or HTTP answer) to the interaction's messages. */
  private applyCallback(rec: InteractionRecord, body: Json): { status: number; payload?: Json } {
    if (rec.originalId || rec.modal)
      return { status: 400, payload: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    const { type, data } = body ?? {};
    if (type === 4)
      rec.originalId = this.createMessage(rec.ref.channelId, rec.ref.guildId, data, rec.ref.token).id;
    else if (type === 5) {
      rec.originalId = this.createMessage(
        rec.ref.channelId,
        rec.ref.guildId,
        { flags: (data?.flags ?? 0) | MESSAGE_FLAG_LOADING },
        rec.ref.token,
      ).id;
    } else if (type === 6 || type === 7) {
      if (!rec.sourceMessageId)
        return { status: 400, payload: { message: 'Invalid interaction type for update', code: 50035 } };
      rec.originalId = rec.sourceMessageId;
      if (type === 7) this.editMessage(rec.sourceMessageId, data);
    } else if (type === 9) rec.modal = data;
    else return { status: 400, payload: { message: `unsupported callback type ${type}`, code: 50035 } };
    return { status: 204 };
  }

  /** A message typed in the bot's DM. Returns the message id. */
  directMessage(
    user: FakeUser,
    content: string,
    opts: { id?: string; shard?: number } = {},
  ): { id: string; channelId: string } {
    const channelId = `5${user.id.slice(1)}`;
    const id = opts.id ?? snowflake();
    this.dispatch(
      'MESSAGE_CREATE',
      {
        id,
        type: 0,
        channel_id: channelId,
        channel_type: 1,
        author: { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null },
        content,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: [],
        components: [],
        pinned: false,
        flags: 0,
      },
      { shard: opts.shard },
    );
    return { id, channelId };
  }

  /** Messages the bot posted in a channel (DMs), oldest first. */
  channelMessages(channelId: string): Json[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.interaction_token);
  }

  private whereOf(message: Json): { guildId: string | null; channelId: string } {
    return { guildId: message.guild_id ?? null, channelId: message.channel_id };
  }

  // ---- REST ----

  private createMessage(channelId: string, guildId: string | null, body: Json, token?: string): Json {
    const message = {
      id: snowflake(),
      type: token ? 20 : 0,
      channel_id: channelId,
      ...(guildId && { guild_id: guildId }),
      author: this.botUser,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body?.flags ?? 0,
      ...(token && {
        application_id: this.applicationId,
        webhook_id: this.applicationId,
        interaction_token: token,
      }),
    };
    this.messages.set(message.id, message);
    return message;
  }

  private editMessage(id: string, body: Json): Json {
    const message = this.messages.get(id);
    for (const field of ['content', 'embeds', 'components'] as const) {
      if (body && field in body) message[field] = body[field];
    }
    message.flags &= ~MESSAGE_FLAG_LOADING;
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  /** The message JSON as the REST API returns it (without our bookkeeping). */
  private static wire(message: Json): Json {
    const { interaction_token: _t, ...rest } = message;
    return rest;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Json = null;
    if (raw && (req.headers['content-type'] ?? '').includes('application/json')) body = JSON.parse(raw);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
      status: 0,
    };
    const send = (status: number, payload?: Json) => {
      call.status = status;
      this.calls.push(call);
      if (payload === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      this.events.emit('call', call);
    };

    const failure = this.failures.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.remaining--;
      return send(failure.status, failure.body);
    }

    const needsBotAuth = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (needsBotAuth && req.headers.authorization !== `Bot ${this.token}`) {
      return send(401, { message: '401: Unauthorized', code: 0 });
    }

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return send(200, {
        url: this.gatewayUrl,
        shards: this.recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 0,
          max_concurrency: this.maxConcurrency,
        },
      });
    }
    const callback = method === 'POST' ? path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/) : null;
    if (callback) {
      const m = callback;
      const rec = this.interactions.get(m[2]!);
      if (!rec || rec.ref.id !== m[1]) return send(404, { message: 'Unknown interaction', code: 10062 });
      const applied = this.applyCallback(rec, body);
      return send(applied.status, applied.payload);
    }
    // Over HTTP, Discord has the interaction's response before its webhook can be used.
    const hook = path.match(/^\/webhooks\/\d+\/([^/]+)/);
    if (hook) await this.interactions.get(hook[1]!)?.answering;
    const webhookMessage = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/);
    if (webhookMessage) {
      const m = webhookMessage;
      const rec = this.interactions.get(m[2]!);
      if (!rec || m[1] !== this.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      const id = m[3] === '@original' ? rec.originalId : m[3];
      if (!id || !this.messages.has(id)) return send(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'PATCH') return send(200, FakeDiscord.wire(this.editMessage(id, body)));
      if (method === 'GET') return send(200, FakeDiscord.wire(this.messages.get(id)));
      if (method === 'DELETE') {
        this.messages.delete(id);
        return send(204);
      }
    }
    const followUp = method === 'POST' ? path.match(/^\/webhooks\/(\d+)\/([^/]+)$/) : null;
    if (followUp) {
      const m = followUp;
      const rec = this.interactions.get(m[2]!);
      if (!rec || m[1] !== this.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (!rec.originalId)
        return send(400, { message: 'Interaction has not been acknowledged.', code: 40060 });
      const message = this.createMessage(rec.ref.channelId, rec.ref.guildId, body, rec.ref.token);
      rec.followUps.push(message.id);
      return send(200, FakeDiscord.wire(message));
    }
    const channelPost = method === 'POST' ? path.match(/^\/channels\/(\d+)\/messages$/) : null;
    if (channelPost) {
      const m = channelPost;
      return send(200, FakeDiscord.wire(this.createMessage(m[1]!, null, body)));
    }
    const commands =
      method === 'PUT' ? path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/) : null;
    if (commands) {
      const m = commands;
      const list = Array.isArray(body) ? body : [];
      return send(
        200,
        list.map((c: Json) => ({
          id: snowflake(),
          application_id: m[1],
          ...(m[2] && { guild_id: m[2] }),
          version: snowflake(),
          default_member_permissions: null,
          ...c,
        })),
      );
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }
}
