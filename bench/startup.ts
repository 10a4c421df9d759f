/**
 * Start-up: `node bin/calfbot.js converse` spawned with its first message already waiting on
 * stdin, timed to the first reply line; and, in a fresh process, how long from process start
 * until the modules are imported and the knowledge is loaded and validated (`loadKnowledge()`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BIN, benchScript, ROOT } from './paths.js';
import { msSince, type Summary, summarize } from './stats.js';

export interface StartupFigures {
  /** Spawn → first reply line, per store. */
  firstReply: Record<string, Summary>;
  /** `node -e 0`: what Node itself costs before any calfbot code. */
  bareNode: Summary;
  /** In a fresh process, from process start (performance.now()). */
  inProcess: {
    bootMs: number;
    importCliMs: number;
    loadKnowledgeMs: number;
    loadKnowledgeWarmMs: number;
    readyMs: number;
  };
  /** Import cost of each heavy dependency on its own, in a fresh process (ms). */
  imports: Record<string, number>;
}

const FIRST = `${JSON.stringify({ conversation: 'bench-startup', text: 'my calf hurts after running' })}\n`;

function timeFirstReply(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, 'converse'], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    child.stdin.write(FIRST);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const ms = msSince(t0);
      child.stdin.end();
      if (!line.includes('"replies"'))
        reject(new Error(`startup: unexpected first line ${line.slice(0, 120)}`));
      else resolve(ms);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`startup: calfbot converse exited ${code}`));
    });
  });
}

function runNode(args: string[]): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve({ ms: msSince(t0), out })
        : reject(new Error(`startup: node ${args.join(' ')} exited ${code}`)),
    );
  });
}

const median = <T>(xs: T[], key: (x: T) => number): T =>
  [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!;

export async function benchStartup(opts: { runs: number }): Promise<StartupFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-bench-startup-'));
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete base.SLACK_BOT_TOKEN;
  delete base.DISCORD_TOKEN;
  try {
    const stores: Record<string, NodeJS.ProcessEnv> = {
      'memory:': { ...base, STORE_URL: 'memory:' },
      'sqlite:': { ...base, STORE_URL: `sqlite:${path.join(dir, 'startup.db')}` },
    };
    const firstReply: Record<string, Summary> = {};
    await timeFirstReply(stores['memory:']!); // file-system cache warm-up, not counted
    for (const [name, env] of Object.entries(stores)) {
      const ms: number[] = [];
      for (let i = 0; i < opts.runs; i++) ms.push(await timeFirstReply(env));
      firstReply[name] = summarize(ms);
    }
    const bare: number[] = [];
    for (let i = 0; i < opts.runs; i++) bare.push((await runNode(['-e', '0'])).ms);

    const probes: StartupFigures['inProcess'][] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(opts.runs / 2)); i++) {
      probes.push(JSON.parse((await runNode([benchScript('startup-probe.js')])).out));
    }
    const imports: Record<string, number> = {};
    for (const name of ['zod', 'yaml', 'pino', 'dotenv', 'ioredis', 'better-sqlite3']) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        runs.push(
          JSON.parse((await runNode([benchScript('startup-probe.js'), 'module', name])).out).importMs,
        );
      }
      imports[name] = median(runs, (x) => x);
    }
    return { firstReply, bareNode: summarize(bare), inProcess: median(probes, (p) => p.readyMs), imports };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
