/** Runs `node bin/calfbot.js converse` as a child process and talks JSON lines to it. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = path.resolve(import.meta.dirname, '../..');

export class ConverseProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string) => void> = [];
  stderr = '';

  constructor(env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'converse'], {
      cwd: REPO,
      env: { ...process.env, STORE_URL: 'memory:', LOG_LEVEL: 'warn', ...env },
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    this.child.stderr.on('data', (d) => {
      this.stderr += String(d);
    });
  }

  /** Send one raw line; resolve with the parsed output line. */
  sendRaw(line: string): Promise<any> {
    return new Promise((resolve) => {
      this.waiting.push((out) => resolve(JSON.parse(out)));
      this.child.stdin.write(`${line}\n`);
    });
  }

  send(message: unknown): Promise<any> {
    return this.sendRaw(JSON.stringify(message));
  }

  async close(): Promise<number | null> {
    this.child.stdin.end();
    return await new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
}
