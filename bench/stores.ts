/**
 * A turn through each store (memory, SQLite, Redis at 127.0.0.1:6379 db 15): one conversation at
 * a time (latency) and 32 at once (throughput), in one process; for Redis also two processes
 * sharing the store, each running 32 conversations at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Knowledge } from '../src/knowledge/schema.js';
import { benchScript } from './paths.js';
import { REDIS_URL, redisClient, removePrefix, uniquePrefix } from './redis-bench.js';
import { type Summary, summarize } from './stats.js';
import { type LoadOptions, type LoadResult, openStore, runLoad } from './store-load.js';

export const STORE_CONCURRENCY = 32;

export interface StoreRun extends Summary {
  store: string;
  processes: number;
  concurrency: number;
  perSec: number;
}

export interface StoreFigures {
  runs: StoreRun[];
  skipped: string[];
}

function figures(store: string, processes: number, concurrency: number, results: LoadResult[]): StoreRun {
  const samples = results.flatMap((r) => r.samples);
  const perSec = results.reduce((sum, r) => sum + (r.samples.length * 1000) / r.elapsedMs, 0);
  return { store, processes, concurrency, ...summarize(samples), perSec };
}

/** Start the worker; resolves once its store is open, with a `go()` that runs it. */
function startWorker(opts: LoadOptions): Promise<{ go: () => Promise<LoadResult> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [benchScript('store-worker.js'), JSON.stringify(opts)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    let result: ((r: LoadResult) => void) | null = null;
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`store worker exited ${code}`));
    });
    lines.on('line', (line) => {
      if (line === 'ready') {
        resolve({
          go: () =>
            new Promise<LoadResult>((done) => {
              result = done;
              child.stdin.write('go\n');
            }),
        });
      } else if (result) {
        result(JSON.parse(line) as LoadResult);
        child.stdin.end();
      }
    });
  });
}

export async function benchStores(knowledge: Knowledge, opts: { durationMs: number }): Promise<StoreFigures> {
  const warmupMs = Math.min(1000, opts.durationMs / 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-bench-stores-'));
  const runs: StoreRun[] = [];
  const skipped: string[] = [];
  const redis = await redisClient();
  const prefix = uniquePrefix('stores');
  const targets: Array<[string, string]> = [
    ['memory', 'memory:'],
    ['sqlite', `sqlite:${path.join(dir, 'bench.db')}`],
  ];
  if (redis) targets.push(['redis', REDIS_URL]);
  else skipped.push(`redis: nothing answered at ${REDIS_URL}`);
  try {
    for (const [name, url] of targets) {
      const store = await openStore(url, prefix);
      try {
        for (const concurrency of [1, STORE_CONCURRENCY]) {
          const result = await runLoad(knowledge, store, {
            url,
            keyPrefix: prefix,
            concurrency,
            durationMs: opts.durationMs,
            warmupMs,
            tag: `${name}-c${concurrency}`,
          });
          runs.push(figures(name, 1, concurrency, [result]));
        }
        if (name === 'redis') {
          const load = (tag: string): LoadOptions => ({
            url,
            keyPrefix: prefix,
            concurrency: STORE_CONCURRENCY,
            durationMs: opts.durationMs,
            warmupMs,
            tag,
          });
          const worker = await startWorker(load('redis-p2-worker'));
          const results = await Promise.all([worker.go(), runLoad(knowledge, store, load('redis-p2-main'))]);
          runs.push(figures(name, 2, STORE_CONCURRENCY, results));
        }
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (redis) {
      await removePrefix(redis, prefix);
      redis.disconnect();
    }
  }
  return { runs, skipped };
}
