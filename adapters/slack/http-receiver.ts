/**
 * calfbot's own HTTP receiver for Bolt (HTTP mode), in place of Bolt's HTTPReceiver, which
 * buffers up to 4 MB before it checks a signature, never times out a slow socket, accepts
 * timestamps from the future and crashes the process on a signed `null` body. Here, in order:
 * 1. the server bounds headers, whole requests, idle keep-alive sockets and connections;
 * 2. anything but POST /slack/events is 404; a declared body over 64 KB is 413, unread;
 * 3. the signature headers are checked before the body is read: missing, malformed, or a
 *    timestamp more than 5 minutes from now (either way) is 401, unread (an unsigned form body
 *    of at most 1 KB is read only to answer Slack's `ssl_check`);
 * 4. the body is read up to 64 KB (more: 413, and the socket is closed), the HMAC is checked
 *    in constant time (401 otherwise), and it must be a JSON object (400 otherwise);
 * 5. Bolt gets it as a ReceiverEvent with Bolt's own HTTPResponseAck.
 * Refused requests are logged as one line a minute with a count (see forgery-log.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type App, type BufferedIncomingMessage, HTTPResponseAck, type Receiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { Refused, readBody } from '../shared/read-body.js';
import { ForgeryLog } from './forgery-log.js';

export interface HttpLimits {
  /** Largest body read (bytes); Slack's own payloads stay far below it. */
  bodyBytes: number;
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: number;
  /** Open sockets at most; more are refused at once. */
  maxConnections: number;
  /** Signed timestamps may differ from our clock by this much, past or future. */
  skewSeconds: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  bodyBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 1_000,
  skewSeconds: 300,
};

/** What an unsigned `ssl_check` may weigh. */
const SSL_CHECK_BYTES = 1024;

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  let parsed: unknown;
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parseQuery(text);
      parsed = typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
    } else parsed = JSON.parse(text);
  } catch {
    throw new Refused(400, 'malformed_body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Refused(400, 'body_not_an_object');
  }
  return parsed as Record<string, unknown>;
}

/** A plain GET route served beside Slack's events (no signature: it carries no Slack data). */
export interface ExtraRoute {
  path: string;
  method: string[];
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export class CalfbotHttpReceiver implements Receiver {
  private app: App | undefined;
  private server: http.Server | undefined;
  private readonly limits: HttpLimits;
  private readonly forgeries: ForgeryLog;

  constructor(
    private readonly opts: {
      signingSecret: string;
      path: string;
      logger: Logger;
      limits?: Partial<HttpLimits>;
      now?: () => number;
      /** More GET routes beside the events path (calfbot's /healthz, /readyz, /metrics). */
      routes?: ReadonlyArray<ExtraRoute>;
    },
  ) {
    this.limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
    this.forgeries = new ForgeryLog(opts.logger);
  }

  init(app: App): void {
    this.app = app;
  }

  start(listen: { port?: number; host?: string } = {}): Promise<http.Server> {
    const l = this.limits;
    const server = http.createServer({
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
      maxHeaderSize: 16 * 1024,
    });
    server.maxConnections = l.maxConnections;
    // A socket with nothing to say for a whole request's time is closed too.
    server.setTimeout(l.requestTimeoutMs, (socket) => socket.destroy());
    server.on('request', (req, res) => {
      this.handle(req, res).catch((error) => this.fail(res, error));
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port ?? 3000, listen.host, () => resolve(server));
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.forgeries.flush();
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    const extra = this.opts.routes?.find((r) => r.path === path && r.method.includes(req.method ?? ''));
    if (extra) return void extra.handler(req, res);
    if (req.method !== 'POST' || path !== this.opts.path) return this.refuse(req, res, 404);
    const declared = Number(header(req, 'content-length') ?? 0);
    if (declared > this.limits.bodyBytes) return this.refuse(req, res, 413);

    const signature = header(req, 'x-slack-signature');
    const stamp = header(req, 'x-slack-request-timestamp');
    if (signature === undefined || stamp === undefined) {
      if (!header(req, 'content-type')?.startsWith('application/x-www-form-urlencoded')) {
        throw new Refused(401, 'unsigned');
      }
      // Slack's ssl_check is not signed; it is tiny, and nothing but it is accepted unsigned.
      const raw = await readBody(req, SSL_CHECK_BYTES);
      if (parseQuery(raw.toString('utf8')).ssl_check !== '1') throw new Refused(401, 'unsigned');
      res.writeHead(200).end();
      return;
    }
    const seconds = /^\d{1,12}$/.test(stamp) ? Number(stamp) : Number.NaN;
    const nowSeconds = Math.floor((this.opts.now?.() ?? Date.now()) / 1000);
    if (!(Math.abs(nowSeconds - seconds) <= this.limits.skewSeconds)) throw new Refused(401, 'bad_timestamp');
    if (!/^v0=[0-9a-f]{64}$/.test(signature)) throw new Refused(401, 'bad_signature');

    const raw = await readBody(req, this.limits.bodyBytes);
    const expected = createHmac('sha256', this.opts.signingSecret)
      .update(`v0:${stamp}:`)
      .update(raw)
      .digest();
    if (!timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected)) {
      throw new Refused(401, 'bad_signature');
    }
    const body = parseBody(raw, header(req, 'content-type'));
    if (body.ssl_check === '1') {
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ challenge: typeof body.challenge === 'string' ? body.challenge : '' }));
      return;
    }
    await this.dispatch(Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage, res, body);
  }

  private async dispatch(
    req: BufferedIncomingMessage,
    res: http.ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    const ack = new HTTPResponseAck({
      logger: this.app!.logger,
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const retry = header(req, 'x-slack-retry-num');
    const retryReason = header(req, 'x-slack-retry-reason');
    await this.app!.processEvent({
      body,
      ack: ack.bind(),
      ...(retry !== undefined && /^\d{1,3}$/.test(retry) ? { retryNum: Number(retry) } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
      customProperties: {},
    });
  }

  /** Answer and close the socket, so an unread body is never read. */
  private refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number): void {
    if (!res.headersSent) {
      res.writeHead(status, { connection: 'close' });
      res.end();
    }
    // Whatever the client is still sending is dropped with the socket, unread.
    res.once('finish', () => req.socket.destroy());
  }

  private fail(res: http.ServerResponse, error: unknown): void {
    const req = res.req;
    if (error instanceof Refused) {
      if (error.status === 401) this.forgeries.record(error.reason);
      this.refuse(req, res, error.status);
      return;
    }
    this.opts.logger.error(
      { event: 'slack_request_failed', err: { name: (error as Error)?.name ?? typeof error } },
      'a Slack request failed',
    );
    this.refuse(req, res, 500);
  }
}
