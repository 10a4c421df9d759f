/**
 * The Slack HTTP path. calfbot runs as in production (`node bin/calfbot.js start`, HTTP mode,
 * the default SQLite store, info logs) in its own process; beside it, in the same run, a bare
 * Bolt app that acks and posts one fixed reply, and the same app posting two (slack-bare.ts). This process
 * plays Slack: it signs DM events (each the first message of a new DM), POSTs them over
 * keep-alive connections and serves the Web API (the tests' fake Slack).
 *  - Flat out: 1, 50 and 200 connections, each sending its next event once the previous one was
 *    answered (acked and posted).
 *  - Steady: events at half of calfbot's flat-out rate over 200 connections, as Slack sends them
 *    whatever the app is doing.
 * Timed per event: until the HTTP response (the ack) and until the first chat.postMessage for
 * that DM reaches the fake Web API.
 */
import http from 'node:http';
import { type FakeSlackCall, startFakeSlack } from '../test/fakes/fake-slack.js';
import { dmMessageEvent, eventEnvelope } from '../test/fakes/slack-payloads.js';
import { signedHeaders } from '../test/fakes/slack-requests.js';
import { appEnv, type ChildApp, startChild } from './child-app.js';
import { closedLoop, cpuSecondsOf, openLoop, type Timed } from './closed-loop.js';
import { BIN, benchScript } from './paths.js';
import { type Summary, summarize } from './stats.js';
import { loadVignettes } from './vignettes.js';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-bench-token';
export const SLACK_CONNECTIONS = [1, 50, 200];
const POST_TIMEOUT_MS = 15_000;

/** calfbot; the bare Bolt baseline; the same bare app posting two messages, as calfbot does. */
type AppName = 'calfbot' | 'bare' | 'bare2';
const APPS: AppName[] = ['calfbot', 'bare', 'bare2'];
export interface SlackRun {
  app: AppName;
  connections: number;
  /** Open loop: events sent at this steady rate (else each connection sends when answered). */
  offeredPerSec?: number;
  ack: Summary;
  post: Summary;
  perSec: number;
  errors: number;
  firstError?: string;
  /** chat.postMessage calls per event. */
  postsPerEvent: number;
  /** CPU used by the app process and by this (driver + fake Slack) process, in cores. */
  appCores: number | null;
  driverCores: number;
}
export interface SlackFigures {
  runs: SlackRun[];
  /** calfbot events/s ÷ bare Bolt events/s, by connections. */
  ratio: Record<string, number>;
  /** calfbot events/s ÷ events/s of the bare app posting two messages, by connections. */
  ratioTwoPosts: Record<string, number>;
}

function postEvent(
  agent: http.Agent,
  port: number,
  raw: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(raw) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(raw);
  });
}

async function startApp(name: AppName, apiUrl: string): Promise<ChildApp> {
  const env = appEnv({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl });
  if (name === 'calfbot') {
    return startChild({
      args: [BIN, 'start'],
      // The production default store: sqlite:./data/calfbot.db, in the app's scratch folder.
      env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
      stream: 'stderr',
      isReady: (l) => l.event === 'slack_started',
    });
  }
  return startChild({
    args: [benchScript('slack-bare.js')],
    env: { ...env, BARE_POSTS: name === 'bare2' ? '2' : '1' },
    stream: 'stdout',
    isReady: (l) => typeof l.port === 'number',
  });
}

export async function benchSlack(opts: {
  durationMs: number;
  warmupMs: number;
  connections?: number[];
}): Promise<SlackFigures> {
  const levels = opts.connections ?? SLACK_CONNECTIONS;
  const fake = await startFakeSlack({ teamId: 'T0BENCH' });
  // Learn of each chat.postMessage the moment the fake records it (the fake exposes its call list).
  const waiters = new Map<string, () => void>();
  let posts = 0;
  const record = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: FakeSlackCall[]) => {
    for (const c of calls) {
      if (c.method !== 'chat.postMessage') continue;
      posts++;
      const channel = String(c.body.channel);
      const wake = waiters.get(channel);
      if (wake) {
        waiters.delete(channel);
        wake();
      }
    }
    return record(...calls);
  };
  const openings = loadVignettes().map((v) => v.opening);
  const apps = {} as Record<AppName, ChildApp>;
  for (const name of APPS) apps[name] = await startApp(name, fake.apiUrl);
  const port = (name: AppName) => Number(apps[name].ready.port);

  /** One DM (a first message in a new DM channel), timed to its ack and its first post. */
  const sendOne = async (name: AppName, agent: http.Agent, id: string, n: number): Promise<Timed> => {
    const channel = `D${id}`;
    const envelope = eventEnvelope(
      fake,
      dmMessageEvent({ channel, user: `U${id}`, text: openings[n % openings.length]! }),
      `Ev${id}`,
    );
    const raw = JSON.stringify(envelope);
    const headers = signedHeaders(SECRET, raw, 'application/json');
    let timer: NodeJS.Timeout | undefined;
    const t0 = process.hrtime.bigint();
    const posted = new Promise<bigint>((resolve, reject) => {
      waiters.set(channel, () => resolve(process.hrtime.bigint()));
      timer = setTimeout(
        () => reject(new Error(`no chat.postMessage within ${POST_TIMEOUT_MS} ms`)),
        POST_TIMEOUT_MS,
      );
    });
    posted.catch(() => undefined);
    try {
      const status = await postEvent(agent, port(name), raw, headers);
      const acked = process.hrtime.bigint();
      if (status !== 200) throw new Error(`ack status ${status}`);
      const post = await posted;
      return { ack: Number(acked - t0) / 1e6, post: Number(post - t0) / 1e6 };
    } finally {
      clearTimeout(timer);
      waiters.delete(channel);
    }
  };

  /** Run one load against one app and measure it (and the CPU it took). */
  const measure = async (
    name: AppName,
    connections: number,
    offered: number | undefined,
  ): Promise<SlackRun> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const tag = `${name.toUpperCase()}${connections}${offered ? 'OPEN' : ''}`;
    const before = {
      posts,
      cpu: cpuSecondsOf(apps[name].pid),
      own: process.cpuUsage(),
      t: process.hrtime.bigint(),
    };
    let sent = 0;
    const loop = { warmupMs: opts.warmupMs, durationMs: opts.durationMs };
    const result = offered
      ? await openLoop({
          ...loop,
          ratePerSec: offered,
          request: (n) => {
            sent++;
            return sendOne(name, agent, `${tag}N${n}`, n);
          },
        })
      : await closedLoop({
          ...loop,
          lanes: connections,
          request: (lane, n) => {
            sent++;
            return sendOne(name, agent, `${tag}L${lane}N${n}`, lane + n);
          },
        });
    const seconds = Number(process.hrtime.bigint() - before.t) / 1e9;
    const cpuAfter = cpuSecondsOf(apps[name].pid);
    const own = process.cpuUsage(before.own);
    agent.destroy();
    // Let the app finish what is still in flight, and forget what the fake recorded.
    await new Promise((r) => setTimeout(r, 300));
    fake.calls.length = 0;
    fake.messages.length = 0;
    return {
      app: name,
      connections,
      ...(offered ? { offeredPerSec: offered } : {}),
      ack: summarize(result.samples.ack ?? []),
      post: summarize(result.samples.post ?? []),
      perSec: (result.completed * 1000) / result.windowMs,
      errors: result.errors,
      ...(result.firstError ? { firstError: result.firstError } : {}),
      postsPerEvent: sent ? (posts - before.posts) / sent : 0,
      appCores: cpuAfter !== null && before.cpu !== null ? (cpuAfter - before.cpu) / seconds : null,
      driverCores: (own.user + own.system) / 1e6 / seconds,
    };
  };

  const runs: SlackRun[] = [];
  try {
    for (const connections of levels) {
      for (const name of APPS) runs.push(await measure(name, connections, undefined));
    }
    // Events at a steady rate, half of what calfbot managed flat out over the most connections:
    // the ack time of an app that is busy but not saturated.
    const most = Math.max(...levels);
    const capacity = runs.find((r) => r.app === 'calfbot' && r.connections === most)?.perSec ?? 0;
    const offered = Math.max(5, Math.round(capacity / 2));
    for (const name of ['calfbot', 'bare'] as const) runs.push(await measure(name, most, offered));
  } finally {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await fake.close();
  }
  const perSec = (app: AppName, c: number) =>
    runs.find((r) => r.app === app && r.connections === c && r.offeredPerSec === undefined)?.perSec;
  const ratio: Record<string, number> = {};
  const ratioTwoPosts: Record<string, number> = {};
  for (const c of levels) {
    const cal = perSec('calfbot', c);
    const bare = perSec('bare', c);
    const bare2 = perSec('bare2', c);
    if (cal !== undefined && bare) ratio[String(c)] = cal / bare;
    if (cal !== undefined && bare2) ratioTwoPosts[String(c)] = cal / bare2;
  }
  return { runs, ratio, ratioTwoPosts };
}
