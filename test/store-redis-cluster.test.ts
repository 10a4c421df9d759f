/**
 * calfbot on a Redis Cluster: a 3-node cluster started on loopback by the test (skipped, with a
 * printed reason, where redis-server cannot run cluster mode). The store contract holds there
 * (compare-and-set, forget, TTLs, sweep); two `calfbot converse` processes share one conversation
 * and one `forget`; a user's keys share one slot (hash tag) and nothing of theirs is left after.
 */
import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../src/store/redis-rate-limiter.js';
import { RedisStore } from '../src/store/redis-store.js';
import { parseRedisUrl } from '../src/store/redis-topology.js';
import { ConverseProcess } from './helpers/converse-process.js';
import { RedisClusterFixture } from './redis-cluster-fixture.js';
import { fakeClock, makeRecord, runStoreContract } from './store-contract.js';

const cluster = await RedisClusterFixture.start().catch((error: Error) => {
  console.log(`store-redis-cluster.test: skipped, no loopback Redis Cluster here (${error.message})`);
  return null;
});

describe('STORE_URL for Sentinel and Cluster', () => {
  it('parses sentinels, master name, db and password; cluster seed nodes', () => {
    expect(parseRedisUrl('redis+sentinel://:s3cret@10.0.0.1:26379,10.0.0.2/mymaster/2')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'mymaster',
      db: 2,
      password: 's3cret',
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://a:7000,b:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
      tls: true,
    });
    expect(parseRedisUrl('redis://h:6379/0')).toEqual({ kind: 'single', url: 'redis://h:6379/0' });
    expect(() => parseRedisUrl('redis+sentinel://h:26379')).toThrow(/MASTERNAME/);
    expect(() => parseRedisUrl('redis+cluster://h:7000/mymaster')).toThrow(/redis\+cluster/);
  });
});

describe.runIf(cluster)('on a 3-node Redis Cluster', () => {
  const fixture = cluster as RedisClusterFixture;
  const runPrefix = `calfbot-cluster-${randomUUID()}:`;
  const admin = new Cluster(fixture.ports.map((port) => ({ host: '127.0.0.1', port })));
  const allKeys = async (pattern: string) => {
    const keys: string[] = [];
    for (const node of admin.nodes('master')) keys.push(...(await node.keys(pattern)));
    return keys;
  };
  afterAll(async () => {
    admin.disconnect();
    await fixture.stop();
  });

  let n = 0;
  runStoreContract('redis cluster', async (clock) => {
    const store = new RedisStore(fixture.url, { keyPrefix: `${runPrefix}${++n}:`, now: clock.now });
    expect(await store.ready(10_000)).toBe(true);
    return { store };
  });

  it("keeps a user's set and rate-limit key in one slot, and forget removes them with every conversation", async () => {
    const clock = fakeClock();
    const keyPrefix = `${runPrefix}layout:`;
    const store = new RedisStore(fixture.url, { keyPrefix, now: clock.now });
    const limiter = new RedisRateLimiter(fixture.url, { keyPrefix });
    expect(await store.ready(10_000)).toBe(true);
    expect(await limiter.ready(10_000)).toBe(true);
    try {
      const slot = async (key: string) => Number(await admin.call('CLUSTER', 'KEYSLOT', key));
      expect(await slot(store.userSetKey('alice'))).toBe(await slot(store.rateLimitKey('alice')));
      // Conversations spread over the cluster (different slots), all listed under alice.
      const convs = Array.from({ length: 6 }, (_, i) => `slack:T1:D${i}`);
      for (const c of convs)
        expect(await store.compareAndSet(c, 0, makeRecord(clock, 1, 'alice'))).toBe(true);
      expect(
        new Set(await Promise.all(convs.map((c) => slot(store.conversationKey(c))))).size,
      ).toBeGreaterThan(1);
      await limiter.hit('alice', 5, 60_000);
      expect(await allKeys(`${keyPrefix}*`)).toHaveLength(8);
      expect(await store.forgetUser('alice')).toBe(6);
      expect(await allKeys(`${keyPrefix}*`)).toEqual([]);
    } finally {
      await store.close();
      await limiter.close();
    }
  });

  describe('two converse processes', () => {
    const env = { STORE_URL: fixture.url, STORE_KEY_PREFIX: `${runPrefix}procs:`, LOG_LEVEL: 'warn' };
    const a = new ConverseProcess(env);
    const b = new ConverseProcess(env);
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });
    const none = (q: { question: string; type: string }) =>
      q.type === 'multi' ? { question: q.question, selected: [] } : { question: q.question, choice: 'no' };

    it('share one conversation and one forget', async () => {
      const q1 = (await a.send({ conversation: 'c', user: 'U1', text: 'my calves hurt' })).replies.at(-1);
      expect(q1.kind).toBe('question');
      const q2 = (await b.send({ conversation: 'c', user: 'U1', answer: none(q1) })).replies.at(-1);
      expect(q2.kind).toBe('question');
      expect(q2.question).not.toBe(q1.question);
      const stale = await a.send({ conversation: 'c', user: 'U1', answer: none(q1) });
      expect(stale.replies[0].text).toMatch(/earlier point/);
      await b.send({ conversation: 'other', user: 'U1', text: 'my calves hurt' });

      const out = await a.send({ conversation: 'c', user: 'U1', command: 'forget' });
      expect(out.replies[0].text).toMatch(/deleted everything.*\(2 chats\)/);
      expect(await allKeys(`${runPrefix}procs:*`)).toEqual([]);
      const fresh = await b.send({ conversation: 'c', user: 'U1', text: 'my calves hurt' });
      expect(fresh.replies[0].text).toMatch(/Hi, I'm calfbot/);
    });
  });
});
