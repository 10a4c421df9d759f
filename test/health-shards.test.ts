/**
 * HEALTH_PORT with `calfbot start --shards 2`: the supervising process serves /readyz, 200 once
 * the store answers and both shard processes are connected, 503 (discord: false) while a shard
 * that crashed is down, and 200 again after the supervisor has restarted it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCalfbotStart } from './fakes/discord-harness.js';
import { FakeDiscord } from './fakes/fake-discord.js';

describe('Discord shards: health on HEALTH_PORT', () => {
  let fake: FakeDiscord;
  let child: ChildProcess;
  let stderr = '';
  let base: string;
  const cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-shards-health-')); // no .env here
  const logged = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} in:\n${stderr.slice(-3000)}`)),
        timeoutMs,
      );
      const look = () => {
        const m = pattern.exec(stderr);
        if (!m) return;
        clearTimeout(timer);
        child.stderr!.off('data', look);
        resolve(m);
      };
      child.stderr!.on('data', look);
      look();
    });

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    child = spawnCalfbotStart(
      fake,
      cwd,
      { STORE_URL: `sqlite:${path.join(cwd, 'calfbot.db')}`, LOG_LEVEL: 'info', HEALTH_PORT: '0' },
      ['--shards', '2'],
    );
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    await logged(/"event":"discord_shards_ready"/);
    base = `http://127.0.0.1:${(await logged(/"event":"health_started"[^\n]*"port":(\d+)/))[1]}`;
  }, 90_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await fake?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  const readyz = async () => {
    const res = await fetch(`${base}/readyz`);
    return { status: res.status, checks: (JSON.parse(await res.text()) as { checks: object }).checks };
  };
  async function until(status: number, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await readyz();
      if (r.status === status || Date.now() > end) return r;
      await new Promise((res) => setTimeout(res, 25));
    }
  }

  it('is ready with every shard connected, not while one is down, and ready again after its restart', async () => {
    expect(await readyz()).toEqual({ status: 200, checks: { store: true, discord: true } });
    const pid = Number((await logged(/"event":"discord_shard_started"[^\n]*"pid":(\d+)/))[1]);
    process.kill(pid, 'SIGKILL');
    expect(await until(503)).toEqual({ status: 503, checks: { store: true, discord: false } });
    expect(await until(200)).toEqual({ status: 200, checks: { store: true, discord: true } });
  }, 120_000);
});
