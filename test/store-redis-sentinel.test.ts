/**
 * calfbot through Redis Sentinel: a redis-server and one sentinel monitoring it, both on
 * loopback, started by the test (skipped, with a printed reason, where redis-server cannot run
 * as a sentinel). STORE_URL=redis+sentinel://host:port/mastername finds the primary through the
 * sentinel, and the store contract holds there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { RedisStore } from '../src/store/redis-store.js';
import { freePort, hasRedisServer, RedisServerFixture } from './redis-server-fixture.js';
import { runStoreContract } from './store-contract.js';

async function startSentinel(
  masterPort: number,
): Promise<{ port: number; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-sentinel-'));
  const port = await freePort();
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor calfbot 127.0.0.1 ${masterPort} 1\n`,
  );
  const child = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  child.once('error', () => undefined);
  const end = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return { port, child, dir };
    if (Date.now() > end || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error('redis-server --sentinel did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startAll() {
  if (!hasRedisServer) throw new Error('redis-server is not installed');
  const master = await RedisServerFixture.start();
  try {
    return { master, sentinel: await startSentinel(master.port) };
  } catch (error) {
    await master.stop();
    throw error;
  }
}

const setup = await startAll().catch((error: Error) => {
  console.log(`store-redis-sentinel.test: skipped, no loopback Sentinel here (${error.message})`);
  return null;
});

describe.runIf(setup)('through Redis Sentinel', () => {
  const { master, sentinel } = setup!;
  afterAll(async () => {
    sentinel.child.kill('SIGKILL');
    await once(sentinel.child, 'exit');
    rmSync(sentinel.dir, { recursive: true, force: true });
    await master.stop();
  });
  let n = 0;
  runStoreContract('redis sentinel', async (clock) => {
    const url = `redis+sentinel://127.0.0.1:${sentinel.port}/calfbot`;
    const store = new RedisStore(url, { keyPrefix: `calfbot-sentinel-${++n}:`, now: clock.now });
    expect(await store.ready(10_000)).toBe(true);
    return { store };
  });
});
