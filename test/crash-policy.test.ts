/**
 * The process-wide policy (src/crash-policy.ts), in a real child process: an unhandled
 * rejection is logged (no message text) and the process keeps serving; an uncaught exception is
 * logged, the registered shutdown runs, and the process exits 1 for its supervisor.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/converse-process.js';

const POLICY = path.join(REPO, 'dist/src/crash-policy.js');
const LOG = path.join(REPO, 'dist/src/log.js');

/** A child that installs the policy, then runs `script` for each line it reads on stdin. */
function child(script: string) {
  const code = `
    const { installCrashPolicy } = await import(${JSON.stringify(POLICY)});
    const { createLogger } = await import(${JSON.stringify(LOG)});
    const policy = installCrashPolicy(createLogger('info'));
    policy.onFatal(async () => { process.stdout.write('shutdown ran\\n'); });
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (line) => { ${script} });
  `;
  const p = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => {
    out += String(d);
  });
  p.stderr.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)));
  const waitFor = async (what: () => boolean) => {
    for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
  };
  return { p, exited, out: () => out, err: () => err, waitFor };
}

describe('crash policy', () => {
  it('an unhandled rejection is logged without its message and the process keeps serving', async () => {
    const c = child(`
      if (line.startsWith('reject')) Promise.reject(new TypeError('secret words: my calf is swollen'));
      if (line.startsWith('null')) Promise.reject(null);
      if (line.startsWith('ping')) process.stdout.write('pong\\n');
    `);
    c.p.stdin.write('reject\n');
    await c.waitFor(() => c.err().includes('unhandled_rejection'));
    c.p.stdin.write('null\n');
    await c.waitFor(() => c.err().split('unhandled_rejection').length > 2);
    c.p.stdin.write('ping\n');
    await c.waitFor(() => c.out().includes('pong'));
    expect(c.out()).toContain('pong');
    const logs = c
      .err()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logs.map((l) => l.event)).toEqual(['unhandled_rejection', 'unhandled_rejection']);
    expect(logs[0].err.name).toBe('TypeError');
    expect(logs[1].err).toEqual({ type: 'null' });
    expect(c.err()).not.toContain('swollen');
    c.p.stdin.end();
    c.p.kill('SIGTERM');
    await c.exited;
  });

  it('an uncaught exception runs the shutdown and exits 1', async () => {
    const c = child(`setTimeout(() => { throw new RangeError('my calf is swollen'); }, 0);`);
    c.p.stdin.write('go\n');
    expect(await c.exited).toBe(1);
    expect(c.out()).toContain('shutdown ran');
    const fatal = JSON.parse(c.err().trim().split('\n')[0]!);
    expect(fatal).toMatchObject({ event: 'uncaught_exception', err: { name: 'RangeError' } });
    expect(c.err()).not.toContain('swollen');
  });
});
