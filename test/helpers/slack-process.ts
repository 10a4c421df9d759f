/**
 * Runs `node bin/calfbot.js start` in Slack HTTP mode as a child process against a fake Slack,
 * with its pino log lines (stderr) collected and parsed. Uses the built CLI (`npm test` builds).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './converse-process.js';

export const PROCESS_BOT_TOKEN = 'xoxb-process-test-token-7f3a';
export const PROCESS_SIGNING_SECRET = 'process-test-signing-secret-91c2';

export interface SlackProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Where Slack would POST events, commands and clicks. */
  eventsUrl: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** The JSON log lines so far, parsed (other stderr lines skipped). */
  logs(): Array<Record<string, any>>;
  /** Resolves when a log line matching `predicate` has been written (rejects after `timeoutMs`). */
  waitForLogs(predicate: (logs: Array<Record<string, any>>) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
  /** Send a signal and resolve with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startSlackProcess(
  slackApiUrl: string,
  env: Record<string, string> = {},
): Promise<SlackProcess> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
    cwd: tmpdir(), // no .env there
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: PROCESS_BOT_TOKEN,
      SLACK_SIGNING_SECRET: PROCESS_SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      PORT: '0',
      STORE_URL: 'memory:',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let stderr = '';
  const parsed: Array<Record<string, any>> = [];
  let partial = '';
  const listeners = new Set<() => void>();
  child.stderr.on('data', (d) => {
    stderr += String(d);
    partial += String(d);
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        parsed.push(JSON.parse(line));
      } catch {
        // not a log line
      }
    }
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLogs = (predicate: (logs: Array<Record<string, any>>) => boolean, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(parsed)) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for calfbot's logs; stderr so far:\n${stderr.slice(-3000)}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => setTimeout(check, 10));
      check();
    });
  const started = waitForLogs((logs) => logs.some((l) => l.event === 'slack_started'), 20_000);
  await Promise.race([
    started,
    exited.then((code) => {
      throw new Error(`calfbot exited (${code}) before Slack started:\n${stderr}`);
    }),
  ]);
  const port = Number(parsed.find((l) => l.event === 'slack_started')!.port);
  return {
    child,
    port,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    stderr: () => stderr,
    logs: () => parsed,
    waitForLogs,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Run `work` over `items` with at most `concurrency` at a time. */
export async function inWaves<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
