/**
 * The Slack HTTP path. calfbot runs as in production (`node bin/calfbot.js start`, HTTP mode,
 * memory store, info logs) in its own process; beside it, in the same run, a bare Bolt app that
 * acks and posts one fixed reply (slack-bare.ts). This process plays Slack: it signs DM events,
 * POSTs them over keep-alive connections (1, 50, 200 at once, each sending its next event once
 * the previous one was answered) and serves the Web API (the tests' fake Slack).
 * Timed per event: until the HTTP response (the ack) and until the first chat.postMessage for
 * that DM reaches the fake Web API.
 */
import http from 'node:http';
import { type FakeSlackCall, startFakeSlack } from '../test/fakes/fake-slack.js';
import { dmMessageEvent, eventEnvelope } from '../test/fakes/slack-payloads.js';
import { signedHeaders } from '../test/fakes/slack-requests.js';
import { appEnv, type ChildApp, startChild } from './child-app.js';
import { closedLoop, cpuSecondsOf } from './closed-loop.js';
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
      env: { ...env, PORT: '0', STORE_URL: 'memory:', LOG_LEVEL: 'info' },
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
  const runs: SlackRun[] = [];
  try {
    for (const connections of levels) {
      for (const name of APPS) {
        const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
        const tag = `${name.toUpperCase()}${connections}`;
        const sent0 = {
          posts,
          cpu: cpuSecondsOf(apps[name].pid),
          own: process.cpuUsage(),
          t: process.hrtime.bigint(),
        };
        let sent = 0;
        const result = await closedLoop({
          lanes: connections,
          warmupMs: opts.warmupMs,
          durationMs: opts.durationMs,
          request: async (lane, n) => {
            const channel = `D${tag}L${lane}N${n}`;
            const envelope = eventEnvelope(
              fake,
              dmMessageEvent({
                channel,
                user: `U${tag}L${lane}N${n}`,
                text: openings[(lane + n) % openings.length]!,
              }),
              `Ev${tag}L${lane}N${n}`,
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
            sent++;
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
          },
        });
        const seconds = Number(process.hrtime.bigint() - sent0.t) / 1e9;
        const cpuAfter = cpuSecondsOf(apps[name].pid);
        const own = process.cpuUsage(sent0.own);
        agent.destroy();
        runs.push({
          app: name,
          connections,
          ack: summarize(result.samples.ack ?? []),
          post: summarize(result.samples.post ?? []),
          perSec: (result.completed * 1000) / result.windowMs,
          errors: result.errors,
          ...(result.firstError ? { firstError: result.firstError } : {}),
          postsPerEvent: sent ? (posts - sent0.posts) / sent : 0,
          appCores: cpuAfter !== null && sent0.cpu !== null ? (cpuAfter - sent0.cpu) / seconds : null,
          driverCores: (own.user + own.system) / 1e6 / seconds,
        });
        // Let the app finish what is still in flight, and forget what the fake recorded.
        await new Promise((r) => setTimeout(r, 300));
        fake.calls.length = 0;
        fake.messages.length = 0;
      }
    }
  } finally {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await fake.close();
  }
  const perSec = (app: AppName, c: number) => runs.find((r) => r.app === app && r.connections === c)?.perSec;
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
