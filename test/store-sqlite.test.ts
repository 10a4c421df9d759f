import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isCalfbotError } from '../src/errors.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { fakeClock, makeRecord, makeState, runStoreContract, stateOf } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'calfbot-sqlite-'));
let n = 0;
const freshPath = () => join(root, `t${++n}`, 'calfbot.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract('sqlite', async (clock) => ({ store: new SqliteStore(freshPath(), { now: clock.now }) }));

async function expectUnavailable(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isCalfbotError(error, 'STORE_UNAVAILABLE')).toBe(true);
}

describe('SqliteStore', () => {
  it('creates the parent folder and a WAL-mode file on first use', async () => {
    const path = join(root, 'deep', 'er', 'calfbot.db');
    const store = new SqliteStore(path);
    expect(await store.get('k')).toBeNull();
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps data across a close and reopen (a restarted process continues)', async () => {
    const clock = fakeClock();
    const path = freshPath();
    const first = new SqliteStore(path, { now: clock.now });
    await first.compareAndSet('k', 0, makeRecord(clock, 1));
    await first.close();
    const second = new SqliteStore(path, { now: clock.now });
    expect((await second.get('k'))?.version).toBe(1);
    await second.close();
  });

  it('two stores on one file interleave compare-and-set correctly', async () => {
    const clock = fakeClock();
    const path = freshPath();
    const a = new SqliteStore(path, { now: clock.now });
    const b = new SqliteStore(path, { now: clock.now });
    expect(await a.compareAndSet('k', 0, makeRecord(clock, 1, 'A'))).toBe(true);
    expect(await b.compareAndSet('k', 0, makeRecord(clock, 1, 'B'))).toBe(false);
    const seenByB = await b.get('k');
    expect(seenByB?.user).toBe('A');
    expect(await b.compareAndSet('k', 1, makeRecord(clock, 2, 'B'))).toBe(true);
    // A still holds version 1: its write must lose, and it retries on B's state.
    expect(await a.compareAndSet('k', 1, makeRecord(clock, 2, 'A'))).toBe(false);
    expect((await a.get('k'))?.user).toBe('B');

    // Both run the turn loop on one counter at once: no increment is lost.
    const increment = async (store: SqliteStore) => {
      for (;;) {
        const cur = await store.get('counter');
        const v = cur?.version ?? 0;
        await new Promise((r) => setImmediate(r));
        const next = makeRecord(clock, v + 1, null, {
          state: makeState({ asked: (stateOf(cur)?.asked ?? 0) + 1 }),
        });
        if (await store.compareAndSet('counter', v, next)) return;
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? a : b)));
    expect(stateOf(await a.get('counter'))?.asked).toBe(20);
    // forget and sweep from one store are seen by the other.
    expect(await a.forgetUser('B')).toBe(1);
    expect(await b.get('k')).toBeNull();
    await a.close();
    await b.close();
  });

  it('reports STORE_UNAVAILABLE (not a crash) for an impossible path, and recovers when it is fixed', async () => {
    const blocker = join(root, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const clock = fakeClock();
    const store = new SqliteStore(join(blocker, 'calfbot.db'), { now: clock.now });
    await expectUnavailable(store.open());
    await expectUnavailable(store.get('k'));
    await expectUnavailable(store.compareAndSet('k', 0, makeRecord(clock, 1)));
    await expectUnavailable(store.forgetUser('U1'));
    await expectUnavailable(store.sweep());

    rmSync(blocker);
    expect(await store.get('k')).toBeNull();
    expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);
    await store.close();
  });

  it('reports STORE_UNAVAILABLE when its database handle fails, then reopens by itself', async () => {
    const clock = fakeClock();
    const path = freshPath();
    const setup = new SqliteStore(path, { now: clock.now });
    await setup.compareAndSet('k', 0, makeRecord(clock, 1));
    await setup.close();
    // Simulate a handle that broke underneath us (disk gone, file replaced...).
    const store = new SqliteStore(path, { now: clock.now });
    await store.open();
    const handle = (store as unknown as { handle: { db: Database.Database } }).handle;
    handle.db.close();
    await expectUnavailable(store.get('k'));
    // The broken handle was dropped; the next call reopens the file.
    expect((await store.get('k'))?.version).toBe(1);
    await store.close();
  });

  it('reports STORE_UNAVAILABLE when another process holds the lock past the busy timeout, then carries on', async () => {
    const clock = fakeClock();
    const path = freshPath();
    const store = new SqliteStore(path, { now: clock.now, busyTimeoutMs: 50 });
    await store.compareAndSet('k', 0, makeRecord(clock, 1));
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    await expectUnavailable(store.compareAndSet('k', 1, makeRecord(clock, 2)));
    // Readers are not blocked by a writer in WAL mode.
    expect((await store.get('k'))?.version).toBe(1);
    other.exec('COMMIT');
    other.close();
    expect(await store.compareAndSet('k', 1, makeRecord(clock, 2))).toBe(true);
    await store.close();
  });

  it('treats a row it did not write as missing', async () => {
    const clock = fakeClock();
    const path = freshPath();
    const store = new SqliteStore(path, { now: clock.now });
    await store.compareAndSet('k', 0, makeRecord(clock, 1));
    const db = new Database(path);
    db.prepare("UPDATE conversations SET processed = 'not json' WHERE key = 'k'").run();
    db.close();
    expect(await store.get('k')).toBeNull();
    expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);
    await store.close();
  });
});
