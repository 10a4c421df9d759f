/** `calfbot register-commands`: the PUT Discord receives, for one guild and globally. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../adapters/discord/index.js';
import { isCalfbotError } from '../src/errors.js';
import { captureLogger, discordConfig } from './fakes/discord-harness.js';
import { FakeDiscord } from './fakes/fake-discord.js';

const GUILD = '300000000000000009';

describe('Discord: register-commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('with DISCORD_GUILD_ID: PUTs /calves to that guild and says so', async () => {
    const lines: string[] = [];
    const { logger, logs } = captureLogger();
    const from = fake.calls.length;
    await registerCommands({
      config: discordConfig(fake, { DISCORD_GUILD_ID: GUILD }),
      logger,
      print: (l) => lines.push(l),
    });
    const calls = fake.calls.slice(from);
    expect(calls).toHaveLength(1);
    const put = calls[0]!;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${GUILD}/commands`);
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    expect(put.body).toEqual([
      {
        type: 1,
        name: 'calves',
        description: expect.any(String),
        options: [
          { type: 3, name: 'question', description: expect.any(String), required: false, max_length: 2000 },
          {
            type: 3,
            name: 'action',
            description: expect.any(String),
            required: false,
            choices: [
              { name: expect.any(String), value: 'help' },
              { name: expect.any(String), value: 'restart' },
              { name: expect.any(String), value: 'back' },
              { name: expect.any(String), value: 'forget' },
            ],
          },
        ],
      },
    ]);
    expect(put.body[0].description.length).toBeLessThanOrEqual(100);
    expect(lines.join('\n')).toContain(`guild ${GUILD}`);
    expect(lines.join('\n')).toContain('/calves');
    expect(lines.at(-1)).toBe(
      `Add it to a server with: https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot%20applications.commands&permissions=0&integration_type=0`,
    );
    expect(logs.join('\n')).not.toContain(fake.token);
  });

  it('without DISCORD_GUILD_ID: PUTs global commands for server and user installs, in servers, the bot DM and private channels', async () => {
    const lines: string[] = [];
    const from = fake.calls.length;
    await registerCommands({
      config: discordConfig(fake),
      logger: captureLogger().logger,
      print: (l) => lines.push(l),
    });
    const put = fake.calls.slice(from)[0]!;
    expect(put.path).toBe(`/applications/${fake.applicationId}/commands`);
    // integration_types: 0 GUILD_INSTALL, 1 USER_INSTALL; contexts: 0 GUILD, 1 BOT_DM, 2 PRIVATE_CHANNEL.
    expect(put.body[0]).toMatchObject({ name: 'calves', contexts: [0, 1, 2], integration_types: [0, 1] });
    expect(lines.join('\n')).toContain('globally');
    // Both install links: to a server, and to the person's own account.
    expect(lines).toContain(
      `Or add /calves to your own account (any server or DM) with: https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=applications.commands&integration_type=1`,
    );
  });

  it('--clear-guild: PUTs an empty list to DISCORD_GUILD_ID only, and says the global command stays', async () => {
    const lines: string[] = [];
    const from = fake.calls.length;
    await registerCommands({
      config: discordConfig(fake, { DISCORD_GUILD_ID: GUILD }),
      logger: captureLogger().logger,
      print: (l) => lines.push(l),
      clearGuild: true,
    });
    const calls = fake.calls.slice(from);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      path: `/applications/${fake.applicationId}/guilds/${GUILD}/commands`,
      body: [],
      status: 200,
    });
    expect(lines.join('\n')).toContain(`guild ${GUILD} has no calfbot commands`);
    expect(lines.join('\n')).toContain('global /calves');
  });

  it('--clear-guild without DISCORD_GUILD_ID is a configuration error, and deletes nothing', async () => {
    const from = fake.calls.length;
    const err = await registerCommands({
      config: discordConfig(fake),
      logger: captureLogger().logger,
      print: () => {},
      clearGuild: true,
    }).catch((e: unknown) => e);
    expect(isCalfbotError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/^--clear-guild needs DISCORD_GUILD_ID/);
    expect(fake.calls.length).toBe(from);
  });

  it('a refusal becomes one clear error, not a stack trace', async () => {
    fake.fail('PUT', /commands$/, 401, { message: '401: Unauthorized', code: 0 });
    const err = await registerCommands({
      config: discordConfig(fake),
      logger: captureLogger().logger,
      print: () => {},
      rest: { retries: 0 },
    }).catch((e: unknown) => e);
    expect(isCalfbotError(err, 'PLATFORM_ERROR')).toBe(true);
    expect((err as Error).message).toContain('401');
    expect((err as Error).message).toContain('DISCORD_TOKEN');
  });

  it('a missing token is a configuration error naming the variable', async () => {
    const config = { ...discordConfig(fake), DISCORD_TOKEN: undefined };
    const err = await registerCommands({ config, logger: captureLogger().logger, print: () => {} }).catch(
      (e: unknown) => e,
    );
    expect(isCalfbotError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/^DISCORD_TOKEN is missing/);
  });

  /** Run `calfbot register-commands ...args` against the fake, from a folder without .env. */
  async function runCli(args: string[]) {
    const repo = path.resolve(import.meta.dirname, '..');
    const cwd = mkdtempSync(path.join(tmpdir(), 'calfbot-discord-')); // no .env here
    const from = fake.calls.length;
    try {
      const child = spawn(
        process.execPath,
        [path.join(repo, 'bin/calfbot.js'), 'register-commands', ...args],
        {
          cwd,
          env: {
            PATH: process.env.PATH ?? '',
            DISCORD_TOKEN: fake.token,
            DISCORD_APPLICATION_ID: fake.applicationId,
            DISCORD_GUILD_ID: GUILD,
            DISCORD_API_URL: fake.apiUrl,
            STORE_URL: 'memory:',
            LOG_LEVEL: 'silent',
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, stdout, stderr, puts: fake.calls.slice(from).filter((c) => c.method === 'PUT') };
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  it('`calfbot register-commands` (the npm script) does the same from the command line', async () => {
    const { code, stdout, stderr, puts } = await runCli([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`registered in guild ${GUILD}`);
    expect(stdout).toContain('Add it to a server with: https://discord.com/oauth2/authorize?');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${fake.applicationId}/guilds/${GUILD}/commands`);
    expect(puts[0]!.body[0].name).toBe('calves');
  });

  it('`calfbot register-commands --clear-guild` empties the guild list from the command line', async () => {
    const { code, stdout, stderr, puts } = await runCli(['--clear-guild']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`guild ${GUILD} has no calfbot commands`);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      path: `/applications/${fake.applicationId}/guilds/${GUILD}/commands`,
      body: [],
    });
  });
});
