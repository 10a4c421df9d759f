/**
 * HEALTH_PORT on the Discord gateway: `calfbot start` with a Discord token serves /healthz,
 * /readyz and /metrics on HEALTH_PORT; /readyz is 200 while the gateway is connected and turns
 * 503 (discord: false) when the connection to Discord is lost, while /healthz stays 200.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCalfbotStart } from './fakes/discord-harness.js';
import { FakeDiscord } from './fakes/fake-discord.js';

describe('Discord: health and metrics on HEALTH_PORT', () => {
  let fake: FakeDiscord;
  let child: ChildProcess;
  let base: string;
  const cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-discord-health-')); // no .env here
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    child = spawnCalfbotStart(fake, cwd, { STORE_URL: 'memory:', LOG_LEVEL: 'info', HEALTH_PORT: '0' });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        const m = /"event":"health_started"[^\n]*"port":(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', () => reject(new Error(`calfbot exited:\n${stderr}`)));
    });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  const get = async (p: string) => {
    const res = await fetch(`${base}${p}`);
    return { status: res.status, body: await res.text() };
  };

  it('is ready while the gateway is connected, and not ready once Discord is gone', async () => {
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body).checks).toEqual({ store: true, discord: true });
    expect((await get('/metrics')).body).toMatch(/calfbot_platform_connected\{platform="discord"\} 1/);

    await fake.close();
    const end = Date.now() + 15_000;
    let down = await get('/readyz');
    while (down.status !== 503 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      down = await get('/readyz');
    }
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body).checks).toEqual({ store: true, discord: false });
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/metrics')).body).toMatch(/calfbot_platform_connected\{platform="discord"\} 0/);
  });
});
