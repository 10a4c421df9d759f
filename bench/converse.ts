/**
 * A turn of `calfbot converse`, measured from outside the process: the child's own CPU (utime +
 * stime from /proc/<pid>/stat) after a warm-up, over the development vignettes (buttons and words)
 * and the natural development vignettes' openings, played in rounds with fresh conversation ids,
 * divided by the lines it answered. The judge's way of playing, at the process's whole cost:
 * reading and parsing lines, the Bot, the store, rendering and writing the reply lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Reply, UserEvent } from '../src/vocabulary.js';
import { BIN, ROOT } from './paths.js';
import { type AnswerMode, loadVignettes, nextEvent, type Vignette } from './vignettes.js';

export interface ConverseFigures {
  turns: number;
  /** The child's CPU ms (user + system) per answered line, warm-up left out. */
  cpuMsPerTurn: number;
  /** Of which in the kernel (stime): writing the reply lines, reading input, SQLite's file calls. */
  sysMsPerTurn: number;
  /** Wall ms per line, as the judge waits for it (one line in flight). */
  wallMsPerTurn: number;
  rounds: number;
}

/** The contract's input line for an event (../shared/eval/CONTRACT.md). */
function lineOf(conversation: string, e: UserEvent): string {
  switch (e.kind) {
    case 'text':
      return JSON.stringify({ conversation, text: e.text });
    case 'answer':
      return JSON.stringify({ conversation, answer: { question: e.question, choice: e.choice } });
    case 'select':
      return JSON.stringify({ conversation, answer: { question: e.question, selected: e.selected } });
    case 'command':
      return JSON.stringify({ conversation, command: e.command });
  }
}

/** The process's user and system CPU seconds so far (/proc/<pid>/stat utime, stime). */
function cpuOf(pid: number): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, sys: Number(fields[12]) / 100 };
}

/** The contract's reply shapes back into the Reply fields nextEvent reads. */
const fromContract = (r: Record<string, unknown>): Reply => r as unknown as Reply;

/** Plays the contract's lines to a running `calfbot converse`: one line in flight at a time. */
export function driver(child: ChildProcess): {
  send: (line: string) => Promise<Reply[]>;
  /** Every development vignette by buttons and in words, then every natural opening; the turns played. */
  round: () => Promise<number>;
  warmUp: () => Promise<Reply[]>;
} {
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (l) => waiting.shift()?.(l));
  const send = (line: string) =>
    new Promise<Reply[]>((resolve) => {
      waiting.push((l) =>
        resolve(
          ((JSON.parse(l) as { replies?: unknown[] }).replies ?? []).map((r) =>
            fromContract(r as Record<string, unknown>),
          ),
        ),
      );
      child.stdin!.write(`${line}\n`);
    });
  const dev = loadVignettes();
  const natural = loadVignettes(`${ROOT}/test/vignettes/natural-dev.json`);
  let n = 0;
  const play = async (v: Vignette, mode: AnswerMode): Promise<number> => {
    const conversation = `bench-${n++}`;
    let event: UserEvent | null = { kind: 'text', text: v.opening };
    let turns = 0;
    for (let turn = 0; event; turn++) {
      const replies = await send(lineOf(conversation, event));
      turns++;
      event = nextEvent(replies, v, turn, mode);
    }
    return turns;
  };
  const round = async (): Promise<number> => {
    let turns = 0;
    for (const v of dev) for (const m of ['buttons', 'words'] as const) turns += await play(v, m);
    for (const v of natural) turns += await play(v, 'words');
    return turns;
  };
  const warmUp = () => send(lineOf('warm-up', { kind: 'text', text: 'my calf hurts' }));
  return { send, round, warmUp };
}

export async function benchConverse(opts: {
  durationMs: number;
  env?: Record<string, string>;
}): Promise<ConverseFigures> {
  // As the judge runs it: the default store (SQLite in the data folder), info logs to stderr.
  const data = mkdtempSync(path.join(os.tmpdir(), 'calfbot-bench-converse-'));
  const prof = process.env.BENCH_CPU_PROF_DIR;
  const child = spawn(
    process.execPath,
    // BENCH_CALFBOT_BIN: another checkout's bin/calfbot.js, to compare two versions in one sitting.
    [
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
      process.env.BENCH_CALFBOT_BIN ?? BIN,
      'converse',
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, CALFBOT_DATA_DIR: data, STORE_URL: '', LOG_LEVEL: 'info', ...opts.env },
    },
  );
  const { round, warmUp } = driver(child);
  await warmUp();
  const warmEnd = Date.now() + Math.min(1000, opts.durationMs / 3);
  while (Date.now() < warmEnd) await round();
  const cpu0 = cpuOf(child.pid!);
  const t0 = performance.now();
  let turns = 0;
  let rounds = 0;
  const end = Date.now() + opts.durationMs;
  while (Date.now() < end) {
    turns += await round();
    rounds++;
  }
  const wall = performance.now() - t0;
  const cpu1 = cpuOf(child.pid!);
  const cpu = cpu1.user + cpu1.sys - cpu0.user - cpu0.sys;
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
  rmSync(data, { recursive: true, force: true });
  return {
    turns,
    cpuMsPerTurn: (1000 * cpu) / turns,
    sysMsPerTurn: (1000 * (cpu1.sys - cpu0.sys)) / turns,
    wallMsPerTurn: wall / turns,
    rounds,
  };
}
