/**
 * The Slack Web API's fetch (adapters/slack/web-api-fetch.ts) behind a real WebClient: posts,
 * Slack's Retry-After, HTTP errors as the WebClient's typed errors, the per-attempt time limit,
 * file uploads handed to the global fetch, and closing the Agent. Everything on 127.0.0.1.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SlackFetch, slackFetch } from '../adapters/slack/web-api-fetch.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';

const TOKEN = 'xoxb-test-token';
/** No waiting between attempts other than Slack's Retry-After. */
const QUICK_RETRY = { retries: 1, minTimeout: 0, maxTimeout: 0 };

let fake: FakeSlack;
let http: SlackFetch;
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  http = slackFetch({ timeoutMs: 5_000 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await http.close();
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

function client(
  options: { fetch?: SlackFetch; apiUrl?: string; retryConfig?: typeof QUICK_RETRY } = {},
): webApi.WebClient {
  return new webApi.WebClient(TOKEN, {
    slackApiUrl: options.apiUrl ?? fake.apiUrl,
    fetch: (options.fetch ?? http).fetch,
    timeout: 0,
    retryConfig: options.retryConfig ?? QUICK_RETRY,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** A raw TCP server on 127.0.0.1 that accepts connections; `onSocket` decides what it sends. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ url: string; server: TcpServer }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, server };
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('a Web API call through the lean fetch', () => {
  it('posts a Block Kit message and returns its ts', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Sore calves*: a few questions' } }];
    const result = await client().chat.postMessage({ channel: 'D0ALICE', text: 'Sore calves', blocks });
    expect(result.ok).toBe(true);
    expect(result.ts).toBe(fake.messages[0]!.ts);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call).toMatchObject({ token: TOKEN, status: 200, body: { channel: 'D0ALICE', blocks } });
  });

  it('reuses its open sockets across calls (keep-alive)', async () => {
    let connections = 0;
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, ts: '1.000001' }));
      });
    });
    server.on('connection', () => connections++);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const web = client({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` });
    // undici's pool still counts the first socket busy as the second call starts, so two open.
    for (let i = 0; i < 2; i++) await web.chat.postMessage({ channel: 'D0ALICE', text: `warm ${i}` });
    const opened = connections;
    expect(opened).toBeLessThanOrEqual(2);
    for (let i = 0; i < 5; i++) await web.chat.postMessage({ channel: 'D0ALICE', text: `hello ${i}` });
    expect(connections).toBe(opened);
  });

  it("waits out a 429's Retry-After, then retries and succeeds", async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const web = client();
    const waits: number[] = [];
    web.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => waits.push(seconds));
    const result = await web.chat.postMessage({ channel: 'D0ALICE', text: 'hello' });
    expect(result.ok).toBe(true);
    expect(waits).toEqual([1]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it("a 500 on every attempt is the WebClient's HTTP error, with status and body", async () => {
    fake.failNext('chat.postMessage', { status: 500, times: 2 });
    const error = await rejection(client().chat.postMessage({ channel: 'D0ALICE', text: 'hello' }));
    expect(error).toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(error).toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
      statusMessage: 'Internal Server Error',
      body: 'fake failure',
    });
    expect((error as unknown as webApi.WebAPIHTTPError).headers['content-type']).toBe('text/plain');
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 500]);
  });

  it('a 500 then a 200 is retried and succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    const result = await client().chat.postMessage({ channel: 'D0ALICE', text: 'hello' });
    expect(result.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
  });

  it("a Slack error answer (ok: false) is the WebClient's platform error", async () => {
    const error = await rejection(client().chat.update({ channel: 'D0ALICE', ts: '1.000009', text: 'x' }));
    expect(error).toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'message_not_found' },
    });
  });
});

// undici runs headers and body timeouts on its coarse timers (about a second's resolution), so
// a 150 ms limit fires after roughly a second; the error's code says which limit it was.
describe('the per-attempt time limit', () => {
  it('a server that accepts and never answers fails the attempt (headers timeout)', async () => {
    const silent = await tcpServer(() => {});
    const lean = slackFetch({ timeoutMs: 150 });
    closers.push(() => lean.close());
    const error = await rejection(
      client({
        fetch: lean,
        apiUrl: silent.url,
        retryConfig: { ...QUICK_RETRY, retries: 0 },
      }).chat.postMessage({
        channel: 'D0ALICE',
        text: 'hello',
      }),
    );
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect((error as unknown as webApi.WebAPIRequestError).original).toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
  });

  it('a server that sends headers and then stalls the body fails the attempt (body timeout)', async () => {
    const stalling = await tcpServer((socket) => {
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"ok":',
        ),
      );
    });
    const lean = slackFetch({ timeoutMs: 150 });
    closers.push(() => lean.close());
    const error = await rejection(
      client({
        fetch: lean,
        apiUrl: stalling.url,
        retryConfig: { ...QUICK_RETRY, retries: 0 },
      }).chat.postMessage({ channel: 'D0ALICE', text: 'hello' }),
    );
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect((error as unknown as webApi.WebAPIRequestError).original).toMatchObject({
      code: 'UND_ERR_BODY_TIMEOUT',
    });
  });

  it("a caller's signal still aborts the call", async () => {
    const silent = await tcpServer(() => {});
    const controller = new AbortController();
    const call = http.fetch(`${silent.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=D0ALICE&text=hello',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(call)).name).toBe('AbortError');
  });
});

describe('what the lean fetch hands on or gives up', () => {
  it('a body that is not a string (a file upload as FormData) goes to the global fetch', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    // A Buffer argument makes the WebClient send multipart FormData.
    const result = await client().apiCall('chat.postMessage', {
      channel: 'D0ALICE',
      text: 'hello',
      file: Buffer.from('a file'),
    });
    expect(result.ok).toBe(true);
    expect(global).toHaveBeenCalledTimes(1);
    expect(global.mock.calls[0]![1]!.body).toBeInstanceOf(FormData);

    // A string body stays on the Agent.
    await client().chat.postMessage({ channel: 'D0ALICE', text: 'hello again' });
    expect(global).toHaveBeenCalledTimes(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('close() closes the Agent: its sockets end and later calls fail', async () => {
    let serverSockets = 0;
    let closedSockets = 0;
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, ts: '1.000001' }));
      });
    });
    server.on('connection', (socket: Socket) => {
      serverSockets++;
      socket.on('close', () => closedSockets++);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const lean = slackFetch({ timeoutMs: 5_000 });
    const web = client({
      fetch: lean,
      apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
      retryConfig: { ...QUICK_RETRY, retries: 0 },
    });
    await web.chat.postMessage({ channel: 'D0ALICE', text: 'hello' });
    expect(serverSockets).toBe(1);
    expect(closedSockets).toBe(0);

    await lean.close();
    await vi.waitFor(() => expect(closedSockets).toBe(1));
    const error = await rejection(web.chat.postMessage({ channel: 'D0ALICE', text: 'after close' }));
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect((error as unknown as webApi.WebAPIRequestError).original).toMatchObject({
      code: expect.stringMatching(/^UND_ERR_(CLOSED|DESTROYED)$/),
    });
  });
});
