/**
 * A closed-loop load: `lanes` clients, each sending its next request as soon as the previous one
 * completed, for a warm-up and then a measured window (deadlines by the clock). A request is
 * counted when it started after the warm-up and finished inside the window.
 */
import { readFileSync } from 'node:fs';
export interface Timed {
  /** Named latencies of this request, ms (e.g. ack and post). */
  [name: string]: number;
}

export interface LoopResult {
  samples: Record<string, number[]>;
  completed: number;
  errors: number;
  firstError?: string;
  windowMs: number;
}

export async function closedLoop(opts: {
  lanes: number;
  warmupMs: number;
  durationMs: number;
  request: (lane: number, n: number) => Promise<Timed>;
}): Promise<LoopResult> {
  const now = () => process.hrtime.bigint();
  const recordFrom = now() + BigInt(Math.round(opts.warmupMs * 1e6));
  const end = recordFrom + BigInt(Math.round(opts.durationMs * 1e6));
  const result: LoopResult = { samples: {}, completed: 0, errors: 0, windowMs: opts.durationMs };
  const lane = async (laneNo: number) => {
    for (let n = 0; now() < end; n++) {
      const t0 = now();
      try {
        const timed = await opts.request(laneNo, n);
        if (t0 < recordFrom || now() > end) continue;
        result.completed++;
        for (const [name, ms] of Object.entries(timed)) {
          const list = result.samples[name] ?? [];
          list.push(ms);
          result.samples[name] = list;
        }
      } catch (error) {
        result.errors++;
        result.firstError ??= (error as Error).message;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.lanes }, (_, i) => lane(i)));
  return result;
}

/** CPU seconds used so far by a process (Linux /proc), or null elsewhere. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * An open-loop load: requests started at a steady `ratePerSec` whatever happens to earlier ones
 * (as Slack sends events), for a warm-up and then a measured window.
 */
export async function openLoop(opts: {
  ratePerSec: number;
  warmupMs: number;
  durationMs: number;
  request: (n: number) => Promise<Timed>;
}): Promise<LoopResult> {
  const result: LoopResult = { samples: {}, completed: 0, errors: 0, windowMs: opts.durationMs };
  const startedAt = performance.now();
  const recordFrom = startedAt + opts.warmupMs;
  const end = recordFrom + opts.durationMs;
  const interval = 1000 / opts.ratePerSec;
  const inFlight: Array<Promise<void>> = [];
  for (let n = 0; ; n++) {
    const due = startedAt + n * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inFlight.push(
      opts.request(n).then(
        (timed) => {
          if (t0 < recordFrom || performance.now() > end + 10_000) return;
          result.completed++;
          for (const [name, ms] of Object.entries(timed)) {
            const list = result.samples[name] ?? [];
            list.push(ms);
            result.samples[name] = list;
          }
        },
        (error: Error) => {
          result.errors++;
          result.firstError ??= error.message;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return result;
}
