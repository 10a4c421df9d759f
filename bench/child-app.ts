/** Start an app under test in its own process and learn its port (or just that it is up). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ChildApp {
  child: ChildProcess;
  pid: number;
  /** The JSON line that said it was ready. */
  ready: Record<string, unknown>;
  stop(): Promise<void>;
}

/** An empty working folder, so no `.env` or `./data` of the developer's is picked up. */
export const scratchDir = (): string => mkdtempSync(path.join(tmpdir(), 'calfbot-bench-'));

/**
 * Spawn `node <args>` and wait for a JSON line on `stream` for which `isReady` holds (calfbot's
 * own `slack_started` log line, or a bare app's `{"port":N}`). Later output is drained unread.
 */
export function startChild(opts: {
  args: string[];
  env: NodeJS.ProcessEnv;
  stream: 'stdout' | 'stderr';
  isReady: (line: Record<string, unknown>) => boolean;
  timeoutMs?: number;
}): Promise<ChildApp> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF_DIR=/some/dir: each app under test writes a CPU profile there when it stops.
    const prof = process.env.BENCH_CPU_PROF_DIR;
    const args = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, ...opts.args] : opts.args;
    const cwd = scratchDir();
    const child = spawn(process.execPath, args, {
      cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = child[opts.stream]!;
    const other = opts.stream === 'stdout' ? child.stderr! : child.stdout!;
    let tail = '';
    other.on('data', (d) => {
      tail = (tail + d).slice(-2000);
    });
    const lines = createInterface({ input: out });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench: ${opts.args.join(' ')} did not start; last output: ${tail}`));
    }, opts.timeoutMs ?? 20_000);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: ${opts.args.join(' ')} exited (${code}); last output: ${tail}`));
    });
    lines.on('line', (line) => {
      tail = (tail + line).slice(-2000);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (!opts.isReady(parsed)) return;
      clearTimeout(timer);
      lines.removeAllListeners('line');
      lines.on('line', () => undefined); // keep draining, so the child never blocks on a full pipe
      resolve({
        child,
        pid: child.pid!,
        ready: parsed,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

/** The environment for a child app: this one without any platform tokens, plus `extra`. */
export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(SLACK_|DISCORD_|STORE_|PORT$)/.test(k)) delete env[k];
  // Set and empty, so a `.env` could not fill them in either.
  return { ...env, SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...extra };
}
