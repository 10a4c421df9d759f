/**
 * The Discord HTTP interactions path, beside the gateway path (discord.ts): calfbot runs as in
 * production (`node bin/calfbot.js start` with DISCORD_PUBLIC_KEY, the default SQLite store, info
 * logs) in its own process; the fake Discord in this process POSTs `/calves question:<opening>`
 * to /discord/interactions, signed with an Ed25519 key made here (1 and 50 in flight, each
 * sending the next once its answer came back), and times each until calfbot's HTTP response
 * (the interaction response itself, which over the gateway is the callback REST call).
 */

import { makeKeys, signedTransport } from '../test/fakes/discord-signing.js';
import { FakeDiscord, type RecordedCall, snowflake } from '../test/fakes/fake-discord.js';
import { appEnv, startChild } from './child-app.js';
import { closedLoop, cpuSecondsOf } from './closed-loop.js';
import { DISCORD_IN_FLIGHT, type DiscordRun } from './discord.js';
import { BIN } from './paths.js';
import { summarize } from './stats.js';
import { loadVignettes } from './vignettes.js';

export async function benchDiscordHttp(opts: {
  durationMs: number;
  warmupMs: number;
}): Promise<DiscordRun[]> {
  const openings = loadVignettes().map((v) => v.opening);
  const fake = await FakeDiscord.start();
  const counts = { followUps: 0, deferred: 0 };
  const record = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: RecordedCall[]) => {
    for (const c of calls) {
      if (c.path.endsWith('/callback') && c.body?.type === 5) counts.deferred++;
      else if (c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path)) counts.followUps++;
    }
    return record(...calls);
  };
  const keys = makeKeys();
  const app = await startChild({
    args: [BIN, 'start'],
    env: {
      ...appEnv({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl }),
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stream: 'stderr',
    isReady: (l) => l.event === 'discord_http_started',
  });
  fake.http = signedTransport(`http://127.0.0.1:${Number(app.ready.port)}/discord/interactions`, keys);
  const runs: DiscordRun[] = [];
  try {
    for (const inFlight of DISCORD_IN_FLIGHT) {
      const before = {
        ...counts,
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
          const user = { id: snowflake(), username: `bench${lane}n${n}` };
          const t0 = process.hrtime.bigint();
          const ref = fake.slashCommand({
            user,
            options: { question: openings[(lane + n) % openings.length]! },
          });
          sent++;
          const answer = await fake.answered(ref);
          if (answer?.status !== 200) throw new Error(`HTTP status ${answer?.status}`);
          return { callback: Number(process.hrtime.bigint() - t0) / 1e6 };
        },
      });
      const seconds = Number(process.hrtime.bigint() - before.t) / 1e9;
      const cpuAfter = cpuSecondsOf(app.pid);
      const own = process.cpuUsage(before.own);
      runs.push({
        app: 'calfbot',
        inFlight,
        callback: summarize(result.samples.callback ?? []),
        perSec: (result.completed * 1000) / result.windowMs,
        errors: result.errors,
        ...(result.firstError ? { firstError: result.firstError } : {}),
        followUpsPerInteraction: sent ? (counts.followUps - before.followUps) / sent : 0,
        followUpsPerSec: (counts.followUps - before.followUps) / seconds,
        deferred: counts.deferred - before.deferred,
        appCores: cpuAfter !== null && before.cpu !== null ? (cpuAfter - before.cpu) / seconds : null,
        driverCores: (own.user + own.system) / 1e6 / seconds,
      });
      await new Promise((r) => setTimeout(r, 300));
      fake.calls.length = 0;
    }
  } finally {
    await app.stop();
    await fake.close();
  }
  return runs;
}
