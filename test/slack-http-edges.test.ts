/**
 * Slack HTTP mode at its edges: one bad request harms no one else.
 * - As a process (`calfbot start`): signed bodies that are `null`, arrays, numbers, strings or
 *   broken JSON get 400 and the process still answers a DM; 200 unsigned 4 MB bodies at once
 *   (and signed over-long ones) leave its RSS within 50 MB of where it started.
 * - In process: timestamps from the future are refused; forgeries are logged once a minute with
 *   a count; slow and idle sockets are closed; the connection cap holds.
 */

import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent, signedHeaders } from './fakes/slack-requests.js';
import { PROCESS_SIGNING_SECRET, type SlackProcess, startSlackProcess } from './helpers/slack-process.js';

const rssOf = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
};

/** POST raw bytes; resolves with the status, or 0 when the server closed the socket first. */
function postRaw(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  opts: { chunked?: boolean } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, ...(opts.chunked ? {} : { 'content-length': String(body.length) }) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    if (opts.chunked) req.write(body);
    req.end(opts.chunked ? undefined : body);
  });
}

describe('Slack HTTP as a process', () => {
  let fake: FakeSlack;
  let p: SlackProcess;
  beforeAll(async () => {
    fake = await startFakeSlack();
    p = await startSlackProcess(fake.apiUrl);
  });
  afterAll(async () => {
    expect(await p.stop()).toBe(0);
    await fake.close();
  });

  const dm = async (channel: string) => {
    const before = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    const envelope = eventEnvelope(
      fake,
      dmMessageEvent({ channel, user: 'U0EDGE', text: 'why do my calves hurt' }),
    );
    expect((await postEvent(p.eventsUrl, PROCESS_SIGNING_SECRET, envelope)).status).toBe(200);
    await fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= before + 1);
  };

  it('signed bodies that are not objects get 400, and the process still answers a DM', async () => {
    const json = [
      'null',
      '[]',
      '[{"type":"event_callback"}]',
      '1',
      '-0',
      '"event_callback"',
      'true',
      '{',
      '',
    ];
    for (const raw of json) {
      const status = await postRaw(
        p.eventsUrl,
        Buffer.from(raw),
        signedHeaders(PROCESS_SIGNING_SECRET, raw, 'application/json'),
      );
      expect(status, raw).toBe(400);
    }
    for (const raw of ['payload=null', 'payload=%5B%5D', 'payload=7', 'payload=%7B']) {
      const status = await postRaw(
        p.eventsUrl,
        Buffer.from(raw),
        signedHeaders(PROCESS_SIGNING_SECRET, raw, 'application/x-www-form-urlencoded'),
      );
      expect(status, raw).toBe(400);
    }
    expect(p.child.exitCode).toBeNull();
    await dm('D0EDGE1');
    expect(
      p.logs().filter((l) => l.event === 'unhandled_rejection' || l.event === 'uncaught_exception'),
    ).toEqual([]);
  });

  it('200 unsigned 4 MB bodies at once (and signed over-long ones) leave RSS within 50 MB', async () => {
    await dm('D0EDGE2'); // warm: every code path of a turn has run once
    const start = rssOf(p.child.pid!);
    const big = Buffer.alloc(4 * 1024 * 1024, 'a');
    const json = { 'content-type': 'application/json' };
    const statuses = await Promise.all([
      ...Array.from({ length: 100 }, () => postRaw(p.eventsUrl, big, json)),
      ...Array.from({ length: 100 }, () => postRaw(p.eventsUrl, big, json, { chunked: true })),
    ]);
    let peak = rssOf(p.child.pid!);
    // Signed, so only the size stops them: declared (413 unread) and chunked (cut at 64 KB).
    const signed = signedHeaders(PROCESS_SIGNING_SECRET, big.toString(), 'application/json');
    const signedStatuses = await Promise.all([
      ...Array.from({ length: 10 }, () => postRaw(p.eventsUrl, big, signed)),
      ...Array.from({ length: 10 }, () => postRaw(p.eventsUrl, big, signed, { chunked: true })),
    ]);
    peak = Math.max(peak, rssOf(p.child.pid!));
    // Unsigned: 401 before the body is read (or 413 for the declared size), or the socket closed.
    expect(
      statuses.every((s) => s === 401 || s === 413 || s === 0),
      String(statuses),
    ).toBe(true);
    expect(statuses.some((s) => s === 401)).toBe(true);
    expect(signedStatuses.every((s) => s === 413 || s === 0)).toBe(true);
    expect(peak - start).toBeLessThan(50 * 1024 * 1024);
    await dm('D0EDGE3');
    expect(p.child.exitCode).toBeNull();
  });
});

describe('Slack HTTP in process: clocks, forgeries, sockets', () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close().catch(() => undefined);
  });
  const envelope = (channel: string) =>
    eventEnvelope(h.fake, dmMessageEvent({ channel, user: 'U0CLOCK', text: 'why do my calves hurt' }));
  const now = () => Math.floor(Date.now() / 1000);

  it('a signed timestamp more than 5 minutes in the future is refused; a little skew is not', async () => {
    h = await startSlackHarness({ mode: 'http' });
    const future = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope('D0F1'), { timestamp: now() + 600 });
    expect(future.status).toBe(401);
    const ahead = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope('D0F2'), { timestamp: now() + 60 });
    expect(ahead.status).toBe(200);
    const behind = await postEvent(h.eventsUrl, SIGNING_SECRET, envelope('D0F3'), { timestamp: now() - 60 });
    expect(behind.status).toBe(200);
    await h.slack.idle();
    expect(h.fake.messages.filter((m) => m.channel === 'D0F1')).toEqual([]);
    expect(h.fake.messages.filter((m) => m.channel === 'D0F2').length).toBeGreaterThan(0);
  });

  it('50 forgeries make one log line now and one with the count later, not 50', async () => {
    h = await startSlackHarness({ mode: 'http' });
    for (let i = 0; i < 50; i++) {
      const bad = await postEvent(
        h.eventsUrl,
        'not-the-secret',
        envelope('D0X'),
        i % 2 ? {} : { timestamp: 1 },
      );
      expect(bad.status).toBe(401);
    }
    const refused = () => h.logs.filter((l) => l.event === 'slack_request_refused');
    expect(refused().map((l) => l.count)).toEqual([1]);
    await h.close();
    // Stopping flushes what the minute had gathered.
    expect(refused().map((l) => l.count)).toEqual([1, 49]);
    expect(refused()[1]!.reasons).toEqual({ bad_signature: 25, bad_timestamp: 24 });
  });

  /** A raw socket to the server, and a promise that settles when it is closed (by either side). */
  const connect = (port: number) =>
    new Promise<{ socket: net.Socket; closed: Promise<void> }>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.on('error', () => undefined);
      // Read whatever comes (a paused socket never sees the server's FIN).
      socket.resume();
      socket.once('connect', () => resolve({ socket, closed }));
    });

  it('slow and idle sockets are closed by the server', async () => {
    h = await startSlackHarness({
      mode: 'http',
      httpLimits: {
        headersTimeoutMs: 300,
        requestTimeoutMs: 600,
        keepAliveTimeoutMs: 300,
        checkIntervalMs: 100,
      },
    });
    const port = h.slack.port!;
    const silent = await connect(port);
    const slowHeaders = await connect(port);
    slowHeaders.socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    const slowBody = await connect(port);
    slowBody.socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nx-slack-request-timestamp: ${now()}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\ncontent-length: 1000\r\n\r\n{"a":`,
    );
    // A finished request on a keep-alive socket, then silence.
    const idle = await connect(port);
    const challenge = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'c' });
    const headers = signedHeaders(SIGNING_SECRET, challenge, 'application/json');
    idle.socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}content-length: ${Buffer.byteLength(challenge)}\r\n\r\n${challenge}`,
    );
    let answered = '';
    idle.socket.on('data', (d) => {
      answered += String(d);
    });
    const open = new Set(['silent', 'slowHeaders', 'slowBody', 'idle']);
    const all = Object.entries({ silent, slowHeaders, slowBody, idle }).map(([name, c]) =>
      c.closed.then(() => open.delete(name)),
    );
    // Not a timing assertion: a generous bound, so a socket left open fails with its name.
    await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, 15_000))]);
    expect([...open]).toEqual([]);
    expect(answered).toMatch(/^HTTP\/1.1 200/);
    // The server still answers a real request.
    expect((await postEvent(h.eventsUrl, SIGNING_SECRET, envelope('D0SLOW'))).status).toBe(200);
  });

  it('connections over the cap are refused while the others stay open', async () => {
    h = await startSlackHarness({ mode: 'http', httpLimits: { maxConnections: 3 } });
    const port = h.slack.port!;
    const held = [await connect(port), await connect(port), await connect(port)];
    await new Promise((r) => setTimeout(r, 50));
    const extra = await connect(port);
    await extra.closed;
    expect(held.every((c) => !c.socket.destroyed)).toBe(true);
    for (const c of held) c.socket.destroy();
  });
});
