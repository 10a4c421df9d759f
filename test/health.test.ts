/**
 * Health and metrics an operator can trust: /healthz while the process runs, /readyz 200 only
 * while the store (and the platform connection) answers, flipping to 503 when Redis goes away and
 * back to 200 when it returns; /metrics scraped after real turns carries turn counts by outcome and
 * advice level, latency, store errors and rate-limited turns, and never a user id, typed text or
 * finding. Served on HEALTH_PORT (converse here) and beside /slack/events on PORT in Slack HTTP mode.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { observe } from '../src/health/observe.js';
import { silentLogger } from '../src/log.js';
import { MemoryRateLimiter } from '../src/store/memory-rate-limiter.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';
import { knowledge } from './helpers/bot.js';
import { hasRedisServer, RedisServerFixture } from './redis-server-fixture.js';

const REPO = path.resolve(import.meta.dirname, '..');
const USER = 'U0PRIVATE42';
const WORDS = 'zanzibar';
const FINDINGS = ['one_leg_swollen', 'breathless_or_chest_pain', 'clot_risk_factor', 'night_cramps'];

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
};

/** Poll `url` until it answers `status` (the store's reconnect takes a moment), then return the body. */
async function until(url: string, status: number, deadlineMs = 15_000): Promise<string> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const r = await get(url).catch(() => ({ status: 0, body: '' }));
    if (r.status === status) return r.body;
    if (Date.now() > end) throw new Error(`${url} still answers ${r.status}, not ${status}: ${r.body}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

function spawnCalfbot(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logged = (pattern: RegExp) =>
    new Promise<number>((resolve, reject) => {
      const look = () => {
        const m = pattern.exec(stderr);
        if (m) resolve(Number(m[1]));
      };
      child.stderr.on('data', (d) => {
        stderr += String(d);
        look();
      });
      look();
      void exited.then(() => reject(new Error(`calfbot exited early:\n${stderr}`)));
    });
  return { child, exited, logged, stderr: () => stderr };
}

function expectNothingPrivate(metrics: string) {
  expect(metrics).not.toContain(USER);
  expect(metrics.toLowerCase()).not.toContain(WORDS);
  for (const f of FINDINGS) expect(metrics).not.toContain(f);
}

if (!hasRedisServer)
  console.log('health.test: redis-server is not installed; the Redis /readyz flip did not run');

describe.runIf(hasRedisServer)('HEALTH_PORT with calfbot converse on Redis', () => {
  let redis: RedisServerFixture;
  let calfbot: ReturnType<typeof spawnCalfbot> & { child: ChildProcessWithoutNullStreams };
  let base: string;

  beforeAll(async () => {
    redis = await RedisServerFixture.start();
    calfbot = spawnCalfbot(['converse'], {
      STORE_URL: `redis://127.0.0.1:${redis.port}/0`,
      STORE_KEY_PREFIX: `calfbot-health-${process.pid}:`,
      HEALTH_PORT: '0',
    });
    base = `http://127.0.0.1:${await calfbot.logged(/"event":"health_started"[^\n]*"port":(\d+)/)}`;
  });
  afterAll(async () => {
    calfbot.child.stdin.end();
    await calfbot.exited;
    await redis.stop();
  });

  const say = (line: object) =>
    new Promise<void>((resolve) => {
      calfbot.child.stdout.once('data', () => resolve());
      calfbot.child.stdin.write(`${JSON.stringify(line)}\n`);
    });

  it('/healthz is up and /readyz is ready while Redis answers', async () => {
    expect((await get(`${base}/healthz`)).status).toBe(200);
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', checks: { store: true } });
  });

  it('/metrics counts turns by outcome and advice level, with no user id, text or finding', async () => {
    await say({ conversation: 'c1', user: USER, text: `my calf hurts near ${WORDS}` });
    await say({
      conversation: 'c2',
      user: USER,
      text: `sudden chest pain and I am breathless, one calf is swollen, ${WORDS}`,
    });
    const metrics = (await get(`${base}/metrics`)).body;
    expect(metrics).toMatch(/calfbot_turns_total\{outcome="question",advice="none"\} 1/);
    expect(metrics).toMatch(/calfbot_turns_total\{outcome="assessment",advice="emergency"\} 1/);
    expect(metrics).toMatch(/calfbot_turn_duration_seconds_count 2/);
    expectNothingPrivate(metrics);
  });

  it('/readyz turns 503 when Redis goes away, and 200 again when it is back', async () => {
    await redis.stop();
    const down = JSON.parse(await until(`${base}/readyz`, 503));
    expect(down).toEqual({ status: 'not ready', checks: { store: false } });
    expect((await get(`${base}/healthz`)).status).toBe(200); // the process itself is fine
    await say({ conversation: 'c3', user: USER, text: 'my calves ache' });
    const metrics = (await get(`${base}/metrics`)).body;
    expect(metrics).toMatch(/calfbot_store_errors_total\{operation="turn"\} 1/);
    expect(metrics).toMatch(/calfbot_store_errors_total\{operation="ready_check"\} [1-9]/);
    await redis.restart();
    expect(JSON.parse(await until(`${base}/readyz`, 200))).toEqual({
      status: 'ready',
      checks: { store: true },
    });
  });
});

describe('Slack HTTP mode serves health and metrics on PORT', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('answers /healthz, /readyz (store and Slack) and /metrics beside /slack/events', async () => {
    const secret = 'health-test-secret';
    const calfbot = spawnCalfbot(['start'], {
      SLACK_BOT_TOKEN: 'xoxb-health-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      STORE_URL: 'memory:',
    });
    const port = await calfbot.logged(/"event":"slack_started"[^\n]*"port":(\d+)/);
    const base = `http://127.0.0.1:${port}`;
    const envelope = eventEnvelope(
      fake,
      dmMessageEvent({ channel: 'D0HEALTH', user: USER, text: `calves ${WORDS}` }),
    );
    expect((await postEvent(`${base}/slack/events`, secret, envelope)).status).toBe(200);
    await fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= 1);
    expect((await get(`${base}/healthz`)).status).toBe(200);
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body).checks).toEqual({ store: true, slack: true });
    const metrics = (await get(`${base}/metrics`)).body;
    expect(metrics).toMatch(/calfbot_platform_connected\{platform="slack"\} 1/);
    expect(metrics).toMatch(/calfbot_turns_total\{outcome="question",advice="none"\} 1/);
    expectNothingPrivate(metrics);
    calfbot.child.kill('SIGTERM');
    expect(await calfbot.exited).toBe(0);
  });
});

describe('metrics in one process', () => {
  it('count rate-limited turns; a platform that drops makes /readyz 503', async () => {
    const bot = new Bot({
      knowledge: knowledge(),
      store: new MemoryStore(),
      logger: silentLogger,
      rateLimit: { limiter: new MemoryRateLimiter(), perMinute: 1 },
    });
    const health = observe(bot, silentLogger);
    let up = true;
    health.watchPlatform('discord', () => up);
    const port = await health.serve(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    try {
      await bot.handle('k1', { kind: 'text', text: 'my calves hurt' }, { user: USER });
      await bot.handle('k1', { kind: 'text', text: 'my calves hurt' }, { user: USER });
      const metrics = (await get(`${base}/metrics`)).body;
      expect(metrics).toMatch(/calfbot_rate_limited_turns_total 1/);
      expect(metrics).toMatch(/calfbot_platform_connected\{platform="discord"\} 1/);
      expect((await get(`${base}/readyz`)).status).toBe(200);
      up = false;
      const down = await get(`${base}/readyz`);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body).checks).toEqual({ store: true, discord: false });
      expect((await get(`${base}/metrics`)).body).toMatch(
        /calfbot_platform_connected\{platform="discord"\} 0/,
      );
      expect((await get(`${base}/nope`)).status).toBe(404);
    } finally {
      await health.close();
      await bot.close();
    }
  });
});
