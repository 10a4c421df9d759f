/**
 * Cost per turn with 1, 1,000 and 100,000 live conversations in the store (live-probe.ts, one
 * fresh process per point, the memory store: the whole store lives on this process's heap, the
 * worst case for garbage collection). The points are run in turns, several rounds, and each
 * point's figure is the median over its rounds, so a burst of other load on the machine does
 * not land on one point alone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { benchScript } from './paths.js';

export const LIVE_COUNTS = [1, 1_000, 100_000];

export interface LivePoint {
  count: number;
  /** Median over the rounds of the process's CPU ms per turn. */
  cpuMsPerTurn: number;
  rounds: number[];
  turns: number;
  heapUsed: number;
}

const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchLive(opts: { rounds: number; ms: number }): Promise<LivePoint[]> {
  const got = new Map<number, Array<{ cpuMsPerTurn: number; turns: number; heapUsed: number }>>();
  for (let r = 0; r < opts.rounds; r++) {
    for (const count of LIVE_COUNTS) {
      const { stdout } = await run(
        process.execPath,
        [benchScript('live-probe.js'), 'memory:', String(count), String(opts.ms)],
        {
          maxBuffer: 1 << 20,
        },
      );
      const line = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        cpuMsPerTurn: number;
        turns: number;
        heapUsed: number;
      };
      got.set(count, [...(got.get(count) ?? []), line]);
    }
  }
  return LIVE_COUNTS.map((count) => {
    const runs = got.get(count)!;
    return {
      count,
      cpuMsPerTurn: median(runs.map((x) => x.cpuMsPerTurn)),
      rounds: runs.map((x) => x.cpuMsPerTurn),
      turns: runs.reduce((s, x) => s + x.turns, 0),
      heapUsed: median(runs.map((x) => x.heapUsed)),
    };
  });
}
