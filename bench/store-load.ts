/**
 * A store workload: `concurrency` conversations at a time, each a development vignette played
 * by buttons through `bot.handle` (with a platform-style event id and user, as Slack and Discord
 * call it), timing every turn. Used in-process by stores.ts and in a second process by
 * store-worker.ts.
 */
import { Bot } from '../src/bot.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { silentLogger } from '../src/log.js';
import { createStore } from '../src/store/create-store.js';
import type { ConversationStore } from '../src/store/types.js';
import { loadVignettes, playVignette } from './vignettes.js';

export interface LoadOptions {
  url: string;
  keyPrefix: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** Makes conversation keys unique across processes and runs. */
  tag: string;
}

export interface LoadResult {
  /** Per-turn latency, ms (warm-up excluded). */
  samples: number[];
  elapsedMs: number;
}

export function openStore(url: string, keyPrefix: string): Promise<ConversationStore> {
  return createStore(url, { keyPrefix, sweepIntervalMs: 0, logger: silentLogger });
}

export async function runLoad(
  knowledge: Knowledge,
  store: ConversationStore,
  opts: LoadOptions,
): Promise<LoadResult> {
  const bot = new Bot({ knowledge, store, logger: silentLogger });
  const vignettes = loadVignettes();
  const samples: number[] = [];
  // Deadlines by the clock, not timers: a memory-store turn never leaves the microtask queue,
  // so a timer would never get to fire while the lanes run.
  const now = () => process.hrtime.bigint();
  const recordFrom = now() + BigInt(Math.round(opts.warmupMs * 1e6));
  const end = recordFrom + BigInt(Math.round(opts.durationMs * 1e6));
  let next = 0;
  const lane = async (laneNo: number) => {
    for (let n = 0; now() < end; n++) {
      const v = vignettes[next++ % vignettes.length]!;
      const key = `bench:${opts.tag}:${laneNo}:${n}`;
      const user = `bench:${opts.tag}:u${laneNo}`;
      await playVignette(v, 'buttons', async (event, turn) => {
        const t0 = now();
        const { replies } = await bot.handle(key, event, { user, eventId: `${key}:${turn}` });
        const t1 = now();
        if (t0 >= recordFrom && t1 <= end) samples.push(Number(t1 - t0) / 1e6);
        if (replies[0]?.kind === 'text' && replies[0].tone === 'error')
          throw new Error(`store bench: ${replies[0].text}`);
        return replies;
      });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => lane(i)));
  return { samples, elapsedMs: opts.durationMs };
}
