/**
 * A fake Slack on 127.0.0.1 for integration tests and the bench: the Web API methods calfbot
 * uses (`auth.test` per token, `chat.postMessage`, `chat.update`, `chat.postEphemeral`,
 * `apps.connections.open`, `users.info` with locales, `conversations.open`, `views.publish`,
 * `assistant.threads.*`, `oauth.v2.access` for scripted install codes), `response_url`
 * endpoints, and a Socket Mode WebSocket endpoint.
 * Every call is recorded; failures (429 with Retry-After, 500) can be scripted per method.
 * No vitest imports: anything can use it.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` for a POST to a response URL. */
  method: string;
  /** Bearer token the call carried (Web API only). */
  token?: string;
  /** Form fields (JSON-looking values such as `blocks` parsed) or the JSON body. */
  body: Record<string, unknown>;
  /** For `response_url`: which response URL (`/response/<id>`). */
  responseUrlId?: string;
  /** HTTP status the fake answered. */
  status: number;
}

/** A message as the fake holds it (after posts and updates). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks: Array<Record<string, unknown>>;
  /** Where it came from: a Web API post, an ephemeral post, or a response_url. */
  via: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url';
  /** response_url messages: the response URL id that created it. */
  responseUrlId?: string;
  user?: string;
}

export interface FakeFailure {
  status: number;
  /** Seconds, sent as Retry-After (use with 429). */
  retryAfter?: number;
  /** How many calls in a row fail (default 1). */
  times?: number;
}

export interface SocketEnvelopeOptions {
  retryAttempt?: number;
  retryReason?: string;
}

export interface FakeSlackSocket {
  /** Resolves when a Socket Mode client is connected (and was sent `hello`). */
  connected(): Promise<void>;
  /** Send an envelope; resolves with the client's acknowledgement (`{ envelope_id, payload? }`). */
  send(
    type: 'events_api' | 'interactive' | 'slash_commands',
    payload: unknown,
    options?: SocketEnvelopeOptions,
  ): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Every acknowledgement received, in order. */
  acks: Array<{ envelope_id: string; payload?: unknown }>;
  /** Every envelope id sent, in order. */
  sent: string[];
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
}

/** A workspace the fake knows a bot token for (auth.test answers with it). */
export interface FakeWorkspace {
  teamId: string;
  botUserId: string;
  botId: string;
}

/** What an OAuth code exchanges for at `oauth.v2.access`. */
export interface FakeInstall extends FakeWorkspace {
  botToken: string;
  /** The installing user. */
  userId: string;
  scope?: string;
}

export interface FakeSlack {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Web API base for SLACK_API_URL / slackApiUrl: http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  teamId: string;
  botUserId: string;
  botId: string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Messages in post order (updates applied in place). */
  messages: FakeSlackMessage[];
  /**
   * A fresh response URL on this fake. For a click on an ephemeral message pass that message's
   * ts: a `replace_original` through this URL then replaces it.
   */
  responseUrl(forMessageTs?: string): string;
  /** Make the next call(s) to `method` fail. */
  failNext(method: string, failure: FakeFailure): void;
  /** Wait until `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: FakeSlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  socket: FakeSlackSocket;
  /** users.info answers with this locale for the user (none set: no locale in the answer). */
  setLocale(user: string, locale: string): void;
  /** Another bot token, for another workspace (auth.test with it answers with that team). */
  addWorkspace(token: string, workspace: FakeWorkspace): void;
  /** An OAuth code that oauth.v2.access exchanges for this installation (once). */
  addInstallCode(code: string, install: FakeInstall): void;
  /** The last view published to each user's Home tab (views.publish), by user id. */
  homeViews: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // keep the raw string
      }
    }
    out[k] = v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0FAKE';
  const botUserId = options.botUserId ?? 'U0CALFBOT';
  const botId = options.botId ?? 'B0CALFBOT';
  const calls: FakeSlackCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const failures = new Map<string, FakeFailure & { left: number }>();
  const locales = new Map<string, string>();
  const workspaces = new Map<string, FakeWorkspace>();
  const installCodes = new Map<string, FakeInstall>();
  const homeViews = new Map<string, Record<string, unknown>>();
  /** response URL id → ts of the ephemeral message whose click it came with. */
  const clickedTs = new Map<string, string>();
  let tsCounter = 0;
  let responseUrlCounter = 0;
  let envelopeCounter = 0;
  const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

  const wss = new WebSocketServer({ noServer: true });
  let activeSocket: WebSocket | undefined;
  let connectedResolvers: Array<() => void> = [];
  const pendingAcks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  const acks: Array<{ envelope_id: string; payload?: unknown }> = [];
  const sent: string[] = [];

  wss.on('connection', (ws) => {
    activeSocket = ws;
    ws.on('message', (data) => {
      let msg: { envelope_id?: string; payload?: unknown };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (!msg.envelope_id) return;
      const ack = {
        envelope_id: msg.envelope_id,
        ...(msg.payload !== undefined ? { payload: msg.payload } : {}),
      };
      acks.push(ack);
      pendingAcks.get(msg.envelope_id)?.(ack);
      pendingAcks.delete(msg.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0CALFBOT' },
      }),
    );
    const resolvers = connectedResolvers;
    connectedResolvers = [];
    for (const r of resolvers) r();
  });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');

    const responseMatch = /^\/response\/([\w-]+)$/.exec(url.pathname);
    if (responseMatch && req.method === 'POST') {
      const body = isJson && raw ? (JSON.parse(raw) as Record<string, unknown>) : parseForm(raw);
      const failure = takeFailure('response_url');
      const status = failure?.status ?? 200;
      calls.push({ method: 'response_url', body, responseUrlId: responseMatch[1]!, status });
      if (failure) return json(res, status, { ok: false }, retryHeader(failure));
      recordResponseUrl(responseMatch[1]!, body);
      return json(res, 200, { ok: true });
    }

    const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!apiMatch || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const method = apiMatch[1]!;
    const body = isJson && raw ? (JSON.parse(raw) as Record<string, unknown>) : parseForm(raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof body.token === 'string'
        ? body.token
        : undefined;
    const failure = takeFailure(method);
    if (failure) {
      calls.push({ method, ...(token ? { token } : {}), body, status: failure.status });
      if (failure.status === 429)
        return json(res, 429, { ok: false, error: 'ratelimited' }, retryHeader(failure));
      res.writeHead(failure.status, { 'content-type': 'text/plain', ...retryHeader(failure) });
      res.end('fake failure');
      return;
    }
    calls.push({ method, ...(token ? { token } : {}), body, status: 200 });
    json(res, 200, answer(method, body, token));
  });

  function retryHeader(f: FakeFailure): Record<string, string> {
    return f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
  }

  function takeFailure(method: string): FakeFailure | undefined {
    const f = failures.get(method);
    if (!f) return undefined;
    f.left--;
    if (f.left <= 0) failures.delete(method);
    return f;
  }

  function recordResponseUrl(id: string, body: Record<string, unknown>): void {
    const blocks = (body.blocks as FakeSlackMessage['blocks'] | undefined) ?? [];
    const text = typeof body.text === 'string' ? body.text : undefined;
    if (body.replace_original === true) {
      // Replace the ephemeral message this response URL belongs to (the one that was clicked).
      const target = [...messages]
        .reverse()
        .find((m) => m.via === 'response_url' && m.ts === clickedTs.get(id));
      if (target) {
        target.blocks = blocks;
        if (text !== undefined) target.text = text;
        return;
      }
    }
    messages.push({
      channel: 'ephemeral',
      ts: nextTs(),
      ...(text !== undefined ? { text } : {}),
      blocks,
      via: 'response_url',
      responseUrlId: id,
    });
  }

  function answer(method: string, body: Record<string, unknown>, token?: string): Record<string, unknown> {
    const channel = String(body.channel ?? '');
    const blocks = (body.blocks as FakeSlackMessage['blocks'] | undefined) ?? [];
    const text = typeof body.text === 'string' ? body.text : undefined;
    switch (method) {
      case 'auth.test': {
        const w = (token && workspaces.get(token)) || { teamId, botUserId, botId };
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'calfbot',
          team_id: w.teamId,
          user_id: w.botUserId,
          bot_id: w.botId,
        };
      }
      case 'users.info': {
        const user = String(body.user ?? '');
        const locale =
          body.include_locale === 'true' || body.include_locale === true ? locales.get(user) : undefined;
        return { ok: true, user: { id: user, ...(locale ? { locale } : {}) } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').replace(/^U/, '')}` } };
      case 'views.publish': {
        const view = (body.view as Record<string, unknown> | undefined) ?? {};
        homeViews.set(String(body.user_id ?? ''), view);
        return { ok: true, view: { id: `V${++tsCounter}`, ...view } };
      }
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setTitle':
        return { ok: true };
      case 'oauth.v2.access': {
        const install = installCodes.get(String(body.code ?? ''));
        if (!install) return { ok: false, error: 'invalid_code' };
        installCodes.delete(String(body.code));
        workspaces.set(install.botToken, install);
        return {
          ok: true,
          app_id: 'A0CALFBOT',
          authed_user: { id: install.userId },
          scope: install.scope ?? 'chat:write,im:history',
          token_type: 'bot',
          access_token: install.botToken,
          bot_user_id: install.botUserId,
          team: { id: install.teamId, name: `Team ${install.teamId}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/socket` };
      case 'chat.postMessage': {
        const ts = nextTs();
        const thread_ts = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
        messages.push({
          channel,
          ts,
          ...(thread_ts ? { thread_ts } : {}),
          ...(text !== undefined ? { text } : {}),
          blocks,
          via: 'chat.postMessage',
        });
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', text, blocks, ts, bot_id: botId, user: botUserId },
        };
      }
      case 'chat.update': {
        const target = messages.find((m) => m.channel === channel && m.ts === body.ts);
        if (!target) return { ok: false, error: 'message_not_found' };
        target.blocks = blocks;
        if (text !== undefined) target.text = text;
        return { ok: true, channel, ts: target.ts, text };
      }
      case 'chat.postEphemeral': {
        const ts = nextTs();
        const thread_ts = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
        messages.push({
          channel,
          ts,
          ...(thread_ts ? { thread_ts } : {}),
          ...(text !== undefined ? { text } : {}),
          blocks,
          via: 'chat.postEphemeral',
          user: String(body.user ?? ''),
        });
        return { ok: true, message_ts: ts };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/socket')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    url: base,
    apiUrl: `${base}/api/`,
    teamId,
    botUserId,
    botId,
    calls,
    messages,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (forMessageTs) => {
      const id = `r${++responseUrlCounter}`;
      if (forMessageTs) clickedTs.set(id, forMessageTs);
      return `${base}/response/${id}`;
    },
    setLocale: (user, locale) => {
      locales.set(user, locale);
    },
    addWorkspace: (token, workspace) => {
      workspaces.set(token, workspace);
    },
    addInstallCode: (code, install) => {
      installCodes.set(code, install);
    },
    homeViews,
    failNext: (method, failure) => failures.set(method, { ...failure, left: failure.times ?? 1 }),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error('fake Slack: timed out waiting for the expected calls');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    socket: {
      acks,
      sent,
      connected: () =>
        activeSocket && activeSocket.readyState === activeSocket.OPEN
          ? Promise.resolve()
          : new Promise((resolve) => connectedResolvers.push(resolve)),
      send(type, payload, opts = {}) {
        const ws = activeSocket;
        if (!ws || ws.readyState !== ws.OPEN)
          return Promise.reject(new Error('fake Slack: no Socket Mode client'));
        const envelope_id = `env-${++envelopeCounter}`;
        sent.push(envelope_id);
        const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) =>
          pendingAcks.set(envelope_id, resolve),
        );
        ws.send(
          JSON.stringify({
            envelope_id,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api'
              ? { retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryReason ?? '' }
              : {}),
          }),
        );
        return acked;
      },
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
