/**
 * Child process (run with --expose-gc) for the memory bench: a MemoryStore filled with 10,000 and
 * then 100,000 live conversations (mid-interview and assessed records, alternating), the process
 * RSS and V8 heap after a full GC at each point; then heap bytes per record of each kind alone.
 * `node --expose-gc memory-probe.js <count,count,...>` prints one JSON line.
 */
import { loadKnowledge } from '../src/knowledge/load.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { ConversationRecord } from '../src/store/types.js';
import { buildTemplates } from './records.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-probe: run with --expose-gc');
const counts = (process.argv[2] ?? '10000,100000').split(',').map(Number);

/** heapUsed counts the V8 heap and the Buffers beside it (the memory store keeps records in Buffers). */
function settle(): { rss: number; heapUsed: number } {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed + m.arrayBuffers };
}

async function fill(
  store: MemoryStore,
  from: number,
  to: number,
  pick: (i: number) => ConversationRecord,
  tag: string,
) {
  for (let i = from; i < to; i++) await store.compareAndSet(`slack:T0BENCH:D${tag}${i}`, 0, pick(i));
}

const knowledge = loadKnowledge();
const templates = await buildTemplates(knowledge);
const mixed = [...templates.mid, ...templates.assessed];
const store = new MemoryStore();
const baseline = settle();
const points: Array<{ conversations: number; rss: number; heapUsed: number }> = [];
let have = 0;
for (const n of counts) {
  await fill(store, have, n, (i) => mixed[i % mixed.length]!, 'mix');
  have = n;
  points.push({ conversations: n, ...settle() });
}
const perKind: Record<string, number> = {};
const PER_KIND = 2_000;
for (const kind of ['mid', 'assessed'] as const) {
  const alone = new MemoryStore();
  const before = settle();
  const list = templates[kind];
  await fill(alone, 0, PER_KIND, (i) => list[i % list.length]!, kind);
  perKind[kind] = (settle().heapUsed - before.heapUsed) / PER_KIND;
  void alone.size;
}
process.stdout.write(`${JSON.stringify({ baseline, points, perKind, storeSize: store.size })}\n`);
