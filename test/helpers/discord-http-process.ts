/**
 * `calfbot start` in Discord HTTP interactions mode (DISCORD_PUBLIC_KEY) as a child process,
 * against the fake Discord; resolves once it serves, with the port from its log. Uses the built
 * CLI (`npm test` builds).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './converse-process.js';

export interface DiscordHttpProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Where Discord would POST interactions. */
  url: string;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startDiscordHttpProcess(env: Record<string, string>): Promise<DiscordHttpProcess> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
    cwd: tmpdir(), // no .env there
    env: { PATH: process.env.PATH ?? '', PORT: '0', STORE_URL: 'memory:', LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`calfbot did not start serving:\n${stderr}`)), 20_000);
    child.stderr.on('data', (d) => {
      stderr += String(d);
      const m = /"event":"(?:discord_http|slack)_started"[^\n]*"port":(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`calfbot exited (${code}) before serving:\n${stderr}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}/discord/interactions`,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
