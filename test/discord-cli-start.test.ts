/** `calfbot start` with a Discord token: the real CLI process connects to the fake Discord and answers /calves. */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCalfbotStart } from './fakes/discord-harness.js';
import { FakeDiscord } from './fakes/fake-discord.js';

describe('Discord: calfbot start', () => {
  let fake: FakeDiscord;
  let child: ChildProcess;
  let stderr = '';
  const cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-discord-start-')); // no .env here
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    child = spawnCalfbotStart(fake, cwd, { STORE_URL: 'memory:', LOG_LEVEL: 'info' });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    await fake.ready(20_000);
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answers /calves, and stops cleanly on SIGTERM without logging text or tokens', async () => {
    expect(fake.identifies[0].intents).toBe(1 | 4096);
    const ref = fake.slashCommand({
      user: { id: '720000000000000001', username: 'cli' },
      options: { question: 'sore calves SECRET-WORDS' },
    });
    const callback = await fake.waitForCall((c) => c.path.includes(ref.token), 0, 10_000);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.components.length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('connected to Discord');
    expect(stderr).not.toContain('SECRET-WORDS');
    expect(stderr).not.toContain(fake.token);
    expect(stderr).not.toContain(ref.token);
  });
});
