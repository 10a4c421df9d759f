/**
 * Memory: bytes per stored conversation in each store (mid-interview and assessed records), and
 * the RSS of a process holding 10,000 and 100,000 live conversations in the memory store.
 *  - JSON: the encoded record, what SQLite and Redis hold (UTF-8 bytes).
 *  - SQLite: database file size / records after the WAL is checkpointed (pages, indexes and all).
 *  - Redis: `MEMORY USAGE` of each conversation key, plus the user's set of conversation keys.
 *  - memory: V8 heap growth per record after a full GC (child process, --expose-gc).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knowledge } from '../src/knowledge/schema.js';
import { encodeRecord } from '../src/store/record-codec.js';
import { RedisStore } from '../src/store/redis-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import type { ConversationRecord } from '../src/store/types.js';
import { benchScript } from './paths.js';
import { buildTemplates, type Templates } from './records.js';
import { REDIS_URL, redisClient, removePrefix, uniquePrefix } from './redis-bench.js';

type Kind = 'mid' | 'assessed';
export interface MemoryFigures {
  /** Mean bytes per conversation, by store and kind. */
  bytes: Record<'json' | 'sqlite' | 'redis' | 'memory', Record<Kind, number> | null>;
  /** Mean turns, processed events and replies stored in each kind of record. */
  shape: Record<
    Kind,
    { records: number; turns: number; jsonBytes: number; stateBytes: number; processedBytes: number }
  >;
  rss: { baseline: number; points: Array<{ conversations: number; rss: number; heapUsed: number }> } | null;
  skipped: string[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');

async function sqliteBytes(dir: string, list: ConversationRecord[], kind: Kind, n: number): Promise<number> {
  const file = path.join(dir, `${kind}.db`);
  const store = new SqliteStore(file);
  await store.open();
  await store.close();
  const empty = statSync(file).size;
  const filled = new SqliteStore(file);
  for (let i = 0; i < n; i++)
    await filled.compareAndSet(`slack:T0BENCH:D${kind}${i}`, 0, list[i % list.length]!);
  await filled.close(); // closing the last connection checkpoints the WAL into the file
  return (statSync(file).size - empty) / n;
}

async function redisBytes(list: ConversationRecord[], kind: Kind, n: number): Promise<number | null> {
  const client = await redisClient();
  if (!client) return null;
  const prefix = uniquePrefix(`memory-${kind}`);
  const store = new RedisStore(REDIS_URL, { keyPrefix: prefix });
  try {
    await store.ready();
    let total = 0;
    for (let i = 0; i < n; i++) {
      const rec = list[i % list.length]!;
      const key = `slack:T0BENCH:D${kind}${i}`;
      await store.compareAndSet(key, 0, rec);
      total += Number(await client.call('MEMORY', 'USAGE', store.conversationKey(key), 'SAMPLES', '0'));
      if (rec.user)
        total += Number(await client.call('MEMORY', 'USAGE', store.userSetKey(rec.user), 'SAMPLES', '0')) / n;
    }
    return total / n;
  } finally {
    await store.close();
    await removePrefix(client, prefix);
    client.disconnect();
  }
}

function runProbe(args: string[]): Promise<{
  baseline: { rss: number; heapUsed: number };
  points: Array<{ conversations: number; rss: number; heapUsed: number }>;
  perKind: Record<Kind, number>;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', benchScript('memory-probe.js'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`memory probe exited ${code}`)),
    );
  });
}

function shapeOf(list: ConversationRecord[]) {
  return {
    records: list.length,
    turns: mean(list.map((r) => r.processed.length)),
    jsonBytes: mean(list.map((r) => bytesOf(encodeRecord(r)))),
    stateBytes: mean(list.map((r) => bytesOf(JSON.stringify(r.state)))),
    processedBytes: mean(list.map((r) => bytesOf(JSON.stringify(r.processed)))),
  };
}

export async function benchMemory(knowledge: Knowledge, opts: { quick: boolean }): Promise<MemoryFigures> {
  const templates: Templates = await buildTemplates(knowledge);
  const skipped: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-bench-memory-'));
  const n = opts.quick ? 500 : 2000;
  const kinds: Kind[] = ['mid', 'assessed'];
  try {
    const json = { mid: shapeOf(templates.mid).jsonBytes, assessed: shapeOf(templates.assessed).jsonBytes };
    const sqlite = { mid: 0, assessed: 0 };
    for (const k of kinds) sqlite[k] = await sqliteBytes(dir, templates[k], k, n);
    let redis: Record<Kind, number> | null = { mid: 0, assessed: 0 };
    for (const k of kinds) {
      const b = await redisBytes(templates[k], k, Math.min(n, 500));
      if (b === null) redis = null;
      else if (redis) redis[k] = b;
    }
    if (!redis) skipped.push(`redis: nothing answered at ${REDIS_URL}`);
    const probe = await runProbe(['10000,100000']);
    return {
      bytes: { json, sqlite, redis, memory: probe.perKind },
      shape: { mid: shapeOf(templates.mid), assessed: shapeOf(templates.assessed) },
      rss: { baseline: probe.baseline.rss, points: probe.points },
      skipped,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
