/**
 * The behaviour every ConversationStore backend must share, run against memory, SQLite and Redis
 * (see test/store-*.test.ts). Time is injected so expiry needs no waiting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConversationState, STATE_SCHEMA_VERSION } from '../src/conversation/types.js';
import type { ConversationRecord, ConversationStore } from '../src/store/types.js';

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.now()): Clock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface StoreFixture {
  store: ConversationStore;
  /** Remove what the test left behind (files, keys). */
  cleanup?: () => Promise<void>;
}

const HOUR_MS = 3_600_000;

/** The machine's state in a record (the store keeps it as opaque JSON). */
export const stateOf = (r: ConversationRecord | null | undefined) =>
  r?.state as ConversationState | undefined;

export function makeState(overrides: Partial<ConversationState> = {}): ConversationState {
  return {
    schema: STATE_SCHEMA_VERSION,
    findings: {},
    pending: null,
    history: [],
    seq: 0,
    asked: 0,
    assessment: null,
    startedAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function makeRecord(
  clock: Clock,
  version: number,
  user: string | null = 'U1',
  overrides: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    version,
    user,
    state: makeState({ seq: version }),
    processed: [],
    expiresAt: clock.now() + HOUR_MS,
    ...overrides,
  };
}

export function runStoreContract(name: string, create: (clock: Clock) => Promise<StoreFixture>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let clock: Clock;
    let fixture: StoreFixture;
    let store: ConversationStore;

    beforeEach(async () => {
      clock = fakeClock();
      fixture = await create(clock);
      store = fixture.store;
    });
    afterEach(async () => {
      await store.close();
      await fixture.cleanup?.();
    });

    it('returns null for a conversation it has never seen', async () => {
      expect(await store.get('nobody-here')).toBeNull();
    });

    it('creates with expectedVersion 0, then only accepts the current version', async () => {
      expect(await store.compareAndSet('k', 0, makeRecord(clock, 1))).toBe(true);
      expect((await store.get('k'))?.version).toBe(1);
      // Someone else already created it.
      expect(await store.compareAndSet('k', 0, makeRecord(clock, 1, 'U2'))).toBe(false);
      expect(await store.compareAndSet('k', 1, makeRecord(clock, 2))).toBe(true);
      // A stale writer that still thinks the version is 1 loses.
      expect(await store.compareAndSet('k', 1, makeRecord(clock, 2, 'U2'))).toBe(false);
      const rec = await store.get('k');
      expect(rec?.version).toBe(2);
      expect(rec?.user).toBe('U1');
    });

    it('refuses to update a conversation that does not exist', async () => {
      expect(await store.compareAndSet('missing', 1, makeRecord(clock, 2))).toBe(false);
      expect(await store.get('missing')).toBeNull();
    });

    it('lets exactly one of many parallel writers win, from new and from an existing version', async () => {
      const n = 16;
      const fromNew = await Promise.all(
        Array.from({ length: n }, (_, i) => store.compareAndSet('race', 0, makeRecord(clock, 1, `W${i}`))),
      );
      expect(fromNew.filter(Boolean)).toHaveLength(1);
      const winner = `W${fromNew.indexOf(true)}`;
      expect((await store.get('race'))?.user).toBe(winner);

      const fromOne = await Promise.all(
        Array.from({ length: n }, (_, i) => store.compareAndSet('race', 1, makeRecord(clock, 2, `X${i}`))),
      );
      expect(fromOne.filter(Boolean)).toHaveLength(1);
      const rec = await store.get('race');
      expect(rec?.version).toBe(2);
      expect(rec?.user).toBe(`X${fromOne.indexOf(true)}`);
    });

    it('loses no update when many writers retry on fresh state (the Bot turn loop)', async () => {
      const increment = async () => {
        for (;;) {
          const cur = await store.get('counter');
          const version = cur?.version ?? 0;
          const next = makeRecord(clock, version + 1, 'U1', {
            state: makeState({ asked: (stateOf(cur)?.asked ?? 0) + 1 }),
          });
          if (await store.compareAndSet('counter', version, next)) return;
        }
      };
      await Promise.all(Array.from({ length: 10 }, increment));
      const rec = await store.get('counter');
      expect(stateOf(rec)?.asked).toBe(10);
      expect(rec?.version).toBe(10);
    });

    it('treats an expired conversation as missing, and lets a new one start in its place', async () => {
      await store.compareAndSet('k', 0, makeRecord(clock, 1, 'U1', { expiresAt: clock.now() + 1_000 }));
      clock.advance(999);
      expect(await store.get('k')).not.toBeNull();
      clock.advance(1);
      expect(await store.get('k')).toBeNull();
      expect(await store.compareAndSet('k', 1, makeRecord(clock, 2))).toBe(false);
      expect(await store.compareAndSet('k', 0, makeRecord(clock, 1, 'U2'))).toBe(true);
      expect((await store.get('k'))?.user).toBe('U2');
    });

    it('an expired conversation cannot be updated even if nobody read it since', async () => {
      await store.compareAndSet('k', 0, makeRecord(clock, 1, 'U1', { expiresAt: clock.now() + 1_000 }));
      clock.advance(5_000);
      expect(await store.compareAndSet('k', 1, makeRecord(clock, 2))).toBe(false);
    });

    it('sweep removes expired conversations and keeps live ones', async () => {
      await store.compareAndSet('old1', 0, makeRecord(clock, 1, 'U1', { expiresAt: clock.now() + 1_000 }));
      await store.compareAndSet('old2', 0, makeRecord(clock, 1, null, { expiresAt: clock.now() + 2_000 }));
      await store.compareAndSet('live', 0, makeRecord(clock, 1, 'U1', { expiresAt: clock.now() + HOUR_MS }));
      clock.advance(1_500);
      expect(await store.sweep()).toBe(1);
      clock.advance(1_000);
      expect(await store.sweep()).toBe(1);
      expect(await store.sweep()).toBe(0);
      expect(await store.get('live')).not.toBeNull();
      // An explicit time sweeps as of that time.
      expect(await store.sweep(clock.now() + 2 * HOUR_MS)).toBe(1);
      expect(await store.get('live')).toBeNull();
    });

    it("forgetUser deletes that user's conversations and nobody else's", async () => {
      await store.compareAndSet('a1', 0, makeRecord(clock, 1, 'alice'));
      await store.compareAndSet('a2', 0, makeRecord(clock, 1, 'alice'));
      await store.compareAndSet('b1', 0, makeRecord(clock, 1, 'bob'));
      await store.compareAndSet('n1', 0, makeRecord(clock, 1, null));
      // A conversation alice started but bob continued now belongs to bob.
      await store.compareAndSet('ab', 0, makeRecord(clock, 1, 'alice'));
      await store.compareAndSet('ab', 1, makeRecord(clock, 2, 'bob'));

      expect(await store.forgetUser('alice')).toBe(2);
      expect(await store.get('a1')).toBeNull();
      expect(await store.get('a2')).toBeNull();
      expect(await store.get('b1')).not.toBeNull();
      expect(await store.get('n1')).not.toBeNull();
      expect(await store.get('ab')).not.toBeNull();
      expect(await store.forgetUser('alice')).toBe(0);
      expect(await store.forgetUser('nobody')).toBe(0);
      // Forgotten conversations start again from version 0.
      expect(await store.compareAndSet('a1', 0, makeRecord(clock, 1, 'alice'))).toBe(true);
    });

    it('forgetUsersWithPrefix deletes a whole workspace and nothing of another (uninstall)', async () => {
      await store.compareAndSet('w1', 0, makeRecord(clock, 1, 'slack:T1:U1'));
      await store.compareAndSet('w2', 0, makeRecord(clock, 1, 'slack:T1:U2'));
      await store.compareAndSet('x1', 0, makeRecord(clock, 1, 'slack:T11:U1'));
      await store.compareAndSet('x2', 0, makeRecord(clock, 1, 'slack:T2:U1'));
      expect(await store.forgetUsersWithPrefix('slack:T1:')).toBe(2);
      expect(await store.get('w1')).toBeNull();
      expect(await store.get('w2')).toBeNull();
      expect(await store.get('x1')).not.toBeNull();
      expect(await store.get('x2')).not.toBeNull();
      expect(await store.forgetUsersWithPrefix('slack:T1:')).toBe(0);
    });

    it('delete removes one conversation', async () => {
      await store.compareAndSet('k', 0, makeRecord(clock, 1));
      await store.compareAndSet('other', 0, makeRecord(clock, 1));
      await store.delete('k');
      await store.delete('never-existed');
      expect(await store.get('k')).toBeNull();
      expect(await store.get('other')).not.toBeNull();
    });

    it('round-trips a full record exactly, including awkward text', async () => {
      const record: ConversationRecord = {
        version: 1,
        user: 'slack:T01:U02 "quoted" \\ user',
        expiresAt: clock.now() + 24 * HOUR_MS,
        state: makeState({
          findings: { cramps_at_night: 'yes', swelling_one_leg: 'no', statin: 'unsure' },
          pending: { id: 'q7', type: 'multi', findings: ['a', 'b'], topic: 'red_flags' },
          history: [
            {
              question: { id: 'q1', type: 'yes_no', findings: ['statin'], topic: 'statin' },
              changes: [{ finding: 'statin', before: null, after: 'unsure' }],
            },
          ],
          seq: 7,
          asked: 3,
          assessment: { triage: 'see_doctor', causes: ['magnesium', 'b12'] },
          startedAt: 1_700_000_000_000,
          updatedAt: 1_700_000_123_456,
        }),
        processed: [{ id: 'Ev1' }, { id: 'Ev2' }],
      };
      const key = 'slack:T01:C02:1699999999.000100';
      expect(await store.compareAndSet(key, 0, record)).toBe(true);
      expect(await store.get(key)).toEqual(record);
    });
  });
}
