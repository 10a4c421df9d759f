/**
 * `calfbot start --shards 2|auto`: the real CLI runs discord.js's ShardingManager, one process per
 * shard, against the fake Discord on 127.0.0.1. Each shard identifies as [id, 2]; a conversation
 * started on one shard continues on the other (they share one store: a SQLite file, and Redis
 * when REDIS_URL is set); a crashed shard comes back; SIGTERM stops every process and exits 0.
 * Needs the build (`npm test` runs it first).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../adapters/shared/labels.js';
import { copy } from '../src/conversation/copy.js';
import { buttonByLabel, selectMenuOf, spawnCalfbotStart } from './fakes/discord-harness.js';
import { FakeDiscord, type FakeUser, type InteractionRef } from './fakes/fake-discord.js';

type Json = any;

const REDIS_URL = process.env.REDIS_URL;
const runner: FakeUser = { id: '730000000000000001', username: 'runner' };

/** The CLI under test, its stderr as JSON log lines, and how to stop it. */
class ShardedCalfbot {
  readonly logs: Json[] = [];
  stderr = '';
  private readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly child: ChildProcess,
    private readonly fake: FakeDiscord,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let partial = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line));
        } catch {
          // a plain line such as "calfbot: ..."
        }
      }
      for (const wake of this.waiters) wake();
    });
  }

  static start(fake: FakeDiscord, args: string[], env: Record<string, string>, cwd: string) {
    const child = spawnCalfbotStart(fake, cwd, { LOG_LEVEL: 'info', ...env }, args);
    return new ShardedCalfbot(child, fake);
  }

  /** The first log line matching, once it has been written. */
  waitForLog(match: (log: Json) => boolean, timeoutMs = 30_000): Promise<Json> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logs.find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no such log line; stderr:\n${this.stderr.slice(-4000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves once the manager and `count` shard processes say they are running. */
  async running(count: number): Promise<void> {
    await this.waitForLog((l) => l.event === 'discord_shards_ready');
    await this.waitForLog(() => this.shardPids().length >= count);
  }

  /** Pids of every shard process that ever started. */
  shardPids(): number[] {
    return this.logs.filter((l) => l.event === 'discord_shard_started').map((l) => l.pid as number);
  }

  /** Which shard process handled an interaction (from its log line). */
  async handledBy(ref: InteractionRef): Promise<number> {
    const line = await this.waitForLog((l) => l.event === 'discord_interaction' && l.interaction === ref.id);
    return line.shard;
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** The callback and the follow-ups of an interaction have arrived. */
  async answered(ref: InteractionRef): Promise<Json[]> {
    await this.fake.waitFor(() => this.fake.messagesOf(ref).length > 0, 10_000, 'the reply');
    return this.fake.messagesOf(ref);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Answer the question on `message` ("None of these" or "No") from the given shard's connection. */
function answer(fake: FakeDiscord, message: Json, shard: number): InteractionRef {
  const label = selectMenuOf(message) ? labels.none : labels.no;
  return fake.click(message, buttonByLabel(message, label).custom_id, { user: runner, shard });
}

interface Store {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

function sqliteStore(dir: string): Store {
  return { env: { STORE_URL: `sqlite:${path.join(dir, 'calfbot.db')}` }, cleanup: async () => {} };
}

function redisStore(url: string): Store {
  const prefix = `calfbot-test-shards-${randomUUID()}:`;
  return {
    env: { STORE_URL: url, STORE_KEY_PREFIX: prefix },
    async cleanup() {
      const redis = new Redis(url);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}

function shardedConversation(name: string, makeStore: (dir: string) => Store, opts: { crash: boolean }) {
  describe(`Discord: calfbot start --shards 2 on ${name}`, () => {
    let fake: FakeDiscord;
    let bot: ShardedCalfbot;
    let store: Store;
    let cwd: string;
    beforeAll(async () => {
      cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-shards-')); // no .env here
      fake = await FakeDiscord.start({ maxConcurrency: 16 });
      store = makeStore(cwd);
      bot = ShardedCalfbot.start(fake, ['--shards', '2'], store.env, cwd);
      await bot.running(2);
    });
    afterAll(async () => {
      bot?.kill();
      await fake?.close();
      await store?.cleanup();
      if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it('runs two shard processes, identifying as [0, 2] and [1, 2]', () => {
      const shards = fake.identifies.map((i) => i.shard).sort();
      expect(shards).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(fake.identifies.every((i) => i.intents === (1 | 4096))).toBe(true);
      expect(new Set(bot.shardPids()).size).toBe(2);
      expect(bot.shardPids()).not.toContain(bot.child.pid);
    });

    it('a conversation started on shard 0 continues on shard 1, to the assessment', async () => {
      const start = fake.slashCommand({
        user: runner,
        options: { question: 'my calves hurt after running' },
        shard: 0,
      });
      let [message] = await bot.answered(start);
      expect(await bot.handledBy(start)).toBe(0);
      expect(message.content).toContain(copy.greeting);

      let assessment: Json | undefined;
      for (let turn = 0; turn < 20 && !assessment; turn++) {
        const shard = (turn + 1) % 2; // first click on shard 1, then alternate
        const click = answer(fake, message, shard);
        const replies = await bot.answered(click);
        expect(await bot.handledBy(click)).toBe(shard);
        // The question was the pending one in the shared store: answered, buttons spent.
        const update = fake.callsFor(click)[0]!;
        expect(update.body.type).toBe(7);
        expect(update.body.data.content).toMatch(/\*\*Your answer:\*\* (None of these|No)/);
        expect(update.body.data.components).toEqual([]);
        message = replies.at(-1);
        assessment = replies.find((m: Json) => m.embeds?.length > 0);
      }
      expect(assessment).toBeDefined();
      expect(assessment.embeds[0].fields[0].name).toBe('Most likely causes');
    });

    if (opts.crash) {
      it('a shard that crashes is started again and answers', async () => {
        const first = bot.logs.find((l) => l.event === 'discord_shard_started' && l.shard === 1);
        process.kill(first.pid, 'SIGKILL');
        await fake.identified(3, 20_000);
        expect(fake.identifies[2].shard).toEqual([1, 2]);
        await bot.waitForLog(
          (l) => l.event === 'discord_shard_started' && l.shard === 1 && l.pid !== first.pid,
        );
        const ref = fake.slashCommand({ user: runner, options: { action: 'help' }, shard: 1 });
        const [reply] = await bot.answered(ref);
        expect(reply.content).toContain(copy.help.split('\n')[0]);
        expect(await bot.handledBy(ref)).toBe(1);
      });
    }

    it('SIGTERM stops every shard and exits 0, without logging text or tokens', async () => {
      const pids = bot.shardPids();
      expect(await bot.stop()).toBe(0);
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
      expect(bot.logs.filter((l) => l.event === 'shutdown' && l.shard !== undefined)).toHaveLength(2);
      expect(bot.stderr).not.toContain('my calves hurt');
      expect(bot.stderr).not.toContain(fake.token);
      expect(bot.stderr).not.toMatch(/tok_\d+/);
    });
  });
}

shardedConversation('one SQLite file', sqliteStore, { crash: true });
describe.runIf(REDIS_URL)('on Redis', () => {
  shardedConversation('Redis', () => redisStore(REDIS_URL as string), { crash: false });
});

describe('Discord: calfbot start --shards auto', () => {
  let fake: FakeDiscord;
  let bot: ShardedCalfbot;
  let cwd: string;
  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-shards-auto-'));
    fake = await FakeDiscord.start({ recommendedShards: 2, maxConcurrency: 16 });
  });
  afterAll(async () => {
    bot?.kill();
    await fake?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('asks the fake Discord (DISCORD_API_URL) how many shards and runs that many; if the manager is killed, its shards stop too', async () => {
    bot = ShardedCalfbot.start(
      fake,
      ['--shards', 'auto'],
      { STORE_URL: `sqlite:${path.join(cwd, 'calfbot.db')}` },
      cwd,
    );
    await bot.running(2);
    const asked = fake.calls.find((c) => c.method === 'GET' && c.path === '/gateway/bot');
    expect(asked?.authorization).toBe(`Bot ${fake.token}`);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const ref = fake.slashCommand({ user: runner, shard: 1 });
    const [reply] = await bot.answered(ref);
    expect(reply.content).toContain(copy.greeting);
    // The manager is killed outright: its shards notice and stop by themselves.
    const pids = bot.shardPids();
    bot.kill();
    await bot.waitForLog(
      () => bot.logs.filter((l) => l.event === 'shutdown' && l.shard !== undefined).length === 2,
    );
    await expect.poll(() => pids.filter(isAlive), { timeout: 15_000 }).toEqual([]);
  });

  /** Run the CLI to completion with these variables (over a working set for the fake). */
  async function runToExit(args: string[], env: Record<string, string>) {
    const child = spawnCalfbotStart(
      fake,
      cwd,
      { STORE_URL: `sqlite:${path.join(cwd, 'calfbot.db')}`, LOG_LEVEL: 'silent', ...env },
      args,
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stderr };
  }

  it('a rejected token stops start-up with one clear line and exit 1', async () => {
    const identifies = fake.identifies.length;
    const { code, stderr } = await runToExit(['--shards', 'auto'], { DISCORD_TOKEN: 'not-the-token' });
    expect(code).toBe(1);
    expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
    expect(stderr).not.toContain('not-the-token');
    expect(fake.identifies.length).toBe(identifies);
  });

  it('a shard that cannot connect stops the whole start (exit 1) and leaves no process behind', async () => {
    fake.refuseIdentify(1);
    const { code, stderr } = await runToExit(['--shards', '2'], { LOG_LEVEL: 'info' });
    expect(code).toBe(1);
    expect(stderr).toContain('calfbot shard 0: PLATFORM_ERROR: Discord rejected DISCORD_TOKEN');
    expect(stderr).toContain('a Discord shard did not start');
    const pids = stderr
      .split('\n')
      .filter((l) => l.includes('"discord_shard_spawned"'))
      .map((l) => JSON.parse(l).pid as number);
    expect(pids.length).toBeGreaterThan(0);
    await expect.poll(() => pids.filter(isAlive), { timeout: 15_000 }).toEqual([]);
  });

  it('refuses a store the shards cannot share, and a bad shard count', async () => {
    const memory = await runToExit(['--shards', '2'], { STORE_URL: 'memory:' });
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('--shards needs a store the shards can share');
    const bad = await runToExit(['--shards', 'many'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shards takes "auto" or a whole number');
  });
});
