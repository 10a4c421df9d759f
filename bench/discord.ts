/**
 * The Discord path. calfbot runs as in production (`node bin/calfbot.js start`, the default
 * SQLite store, info logs) in its own process; beside it, in the same run, a bare discord.js client that
 * replies with a fixed text (discord-bare.ts). Each has its own fake Discord (the tests' fake:
 * gateway + REST) in this process, which sends `/calves question:<opening>` as INTERACTION_CREATE
 * (1 and 50 in flight, each sending the next once its callback arrived) and times each until its
 * interaction callback (`POST /interactions/:id/:token/callback`) reaches the fake REST.
 */
import { FakeDiscord, type RecordedCall, snowflake } from '../test/fakes/fake-discord.js';
import { appEnv, type ChildApp, startChild } from './child-app.js';
import { closedLoop, cpuSecondsOf } from './closed-loop.js';
import { BIN, benchScript } from './paths.js';
import { type Summary, summarize } from './stats.js';
import { loadVignettes } from './vignettes.js';

export const DISCORD_IN_FLIGHT = [1, 50];
const CALLBACK_TIMEOUT_MS = 15_000;

type AppName = 'calfbot' | 'bare';
export interface DiscordRun {
  app: AppName;
  inFlight: number;
  callback: Summary;
  perSec: number;
  errors: number;
  firstError?: string;
  /** Follow-up messages (POST /webhooks/:app/:token) per interaction, and how many arrived per second. */
  followUpsPerInteraction: number;
  followUpsPerSec: number;
  /** Callbacks that deferred (type 5) rather than answered (type 4). */
  deferred: number;
  appCores: number | null;
  driverCores: number;
}
export interface DiscordFigures {
  runs: DiscordRun[];
  /** calfbot interactions/s ÷ bare discord.js interactions/s, by interactions in flight. */
  ratio: Record<string, number>;
}

interface Watched {
  fake: FakeDiscord;
  waiters: Map<string, (type: number) => void>;
  counts: { followUps: number; deferred: number };
}

async function fakeFor(): Promise<Watched> {
  const fake = await FakeDiscord.start();
  const waiters = new Map<string, (type: number) => void>();
  const counts = { followUps: 0, deferred: 0 };
  // Learn of each REST call the moment the fake records it (the fake exposes its call list).
  const record = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: RecordedCall[]) => {
    for (const c of calls) {
      const callback = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(c.path);
      if (callback) {
        if (c.body?.type === 5) counts.deferred++;
        const wake = waiters.get(callback[1]!);
        if (wake) {
          waiters.delete(callback[1]!);
          wake(c.status);
        }
      } else if (c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path)) counts.followUps++;
    }
    return record(...calls);
  };
  return { fake, waiters, counts };
}

async function startApp(name: AppName, fake: FakeDiscord): Promise<ChildApp> {
  const env = appEnv({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
  if (name === 'calfbot') {
    return startChild({
      args: [BIN, 'start'],
      // The production default store: sqlite:./data/calfbot.db, in the app's scratch folder.
      env: { ...env, DISCORD_APPLICATION_ID: fake.applicationId, LOG_LEVEL: 'info' },
      stream: 'stderr',
      isReady: (l) => l.event === 'started',
    });
  }
  return startChild({
    args: [benchScript('discord-bare.js')],
    env,
    stream: 'stdout',
    isReady: (l) => l.ready === true,
  });
}

export async function benchDiscord(opts: { durationMs: number; warmupMs: number }): Promise<DiscordFigures> {
  const openings = loadVignettes().map((v) => v.opening);
  const runs: DiscordRun[] = [];
  for (const name of ['calfbot', 'bare'] as const) {
    const w = await fakeFor();
    const app = await startApp(name, w.fake);
    try {
      for (const inFlight of DISCORD_IN_FLIGHT) {
        const before = {
          ...w.counts,
          cpu: cpuSecondsOf(app.pid),
          own: process.cpuUsage(),
          t: process.hrtime.bigint(),
        };
        let sent = 0;
        const result = await closedLoop({
          lanes: inFlight,
          warmupMs: opts.warmupMs,
          durationMs: opts.durationMs,
          request: async (lane, n) => {
            let timer: NodeJS.Timeout | undefined;
            const user = { id: snowflake(), username: `bench${lane}n${n}` };
            const t0 = process.hrtime.bigint();
            // The callback can only arrive in a later turn of the event loop: registering the
            // waiter right after the (synchronous) dispatch is in time.
            const ref = w.fake.slashCommand({
              user,
              options: { question: openings[(lane + n) % openings.length]! },
            });
            sent++;
            try {
              const ms = await new Promise<number>((resolve, reject) => {
                timer = setTimeout(
                  () => reject(new Error(`no callback within ${CALLBACK_TIMEOUT_MS} ms`)),
                  CALLBACK_TIMEOUT_MS,
                );
                w.waiters.set(ref.token, (status) =>
                  status === 204
                    ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
                    : reject(new Error(`callback status ${status}`)),
                );
              });
              return { callback: ms };
            } finally {
              clearTimeout(timer);
              w.waiters.delete(ref.token);
            }
          },
        });
        const seconds = Number(process.hrtime.bigint() - before.t) / 1e9;
        const cpuAfter = cpuSecondsOf(app.pid);
        const own = process.cpuUsage(before.own);
        runs.push({
          app: name,
          inFlight,
          callback: summarize(result.samples.callback ?? []),
          perSec: (result.completed * 1000) / result.windowMs,
          errors: result.errors,
          ...(result.firstError ? { firstError: result.firstError } : {}),
          followUpsPerInteraction: sent ? (w.counts.followUps - before.followUps) / sent : 0,
          followUpsPerSec: (w.counts.followUps - before.followUps) / seconds,
          deferred: w.counts.deferred - before.deferred,
          appCores: cpuAfter !== null && before.cpu !== null ? (cpuAfter - before.cpu) / seconds : null,
          driverCores: (own.user + own.system) / 1e6 / seconds,
        });
        await new Promise((r) => setTimeout(r, 300));
        w.fake.calls.length = 0;
      }
    } finally {
      await app.stop();
      await w.fake.close();
    }
  }
  const ratio: Record<string, number> = {};
  for (const c of DISCORD_IN_FLIGHT) {
    const cal = runs.find((r) => r.app === 'calfbot' && r.inFlight === c);
    const bare = runs.find((r) => r.app === 'bare' && r.inFlight === c);
    if (cal && bare && bare.perSec > 0) ratio[String(c)] = cal.perSec / bare.perSec;
  }
  return { runs, ratio };
}
